"""The one normalising of a typed cell — dates, months, money, quantities, scores, lengths of
text — that every kind runs (facts: ``actuals.importing.pipeline``; master data:
``importing.master.values``), so a cell one kind accepts no other kind refuses, and a cell
the dry run accepts is one the import can write.

The last guard is why: a cell that is not empty, got no reason, and still has no value (a
parser that silently gave up) is refused here, naming the row and the column, instead of
reaching the database as a NULL it refuses.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.importing import dates
from salestarget.importing import normalise as norm
from salestarget.importing.kinds import (
    DATE,
    MONEY,
    MONTH,
    PERCENT,
    QUANTITY,
    SCORE,
    FieldSpec,
    Options,
)
from salestarget.importing.mapping import header_scale

NUMBERS = (MONEY, QUANTITY, SCORE)
# How far after today a sale, payment … may be dated (settings: IMPORT_FUTURE_DAYS): a month
# of invoices dated ahead passes; 2099-01-01 does not.
FUTURE_DAYS = 31


def typed_cell(
    df: pl.DataFrame, column: str, spec: FieldSpec, *, options: Options, header: str
) -> tuple[pl.DataFrame, pl.Expr, pl.Expr] | None:
    """Column ``column`` (text cells) as ``spec``'s type: the frame, the value and the reason
    per cell; None for a type this module does not know (the caller's own: flags, choices …)."""
    if spec.type == DATE:
        df, value, reason = dates.date(df, column, order=options.date_order)
        if spec.happened:
            reason = _beyond_horizon(value, reason)
    elif spec.type == MONTH:
        df, value, reason = dates.month(df, column, order=options.date_order)
    elif spec.type in NUMBERS:
        df, value, reason = norm.number(
            df,
            column,
            currency=options.currency,
            decimal_comma=options.decimal_comma,
            scale=header_scale(header) if spec.type == MONEY else 1,
        )
    elif spec.type == PERCENT:
        df, value, reason = percent(df, column, options=options)
    else:
        return None
    return df, value, unreadable(pl.col(column), value, reason)


def percent(
    df: pl.DataFrame, column: str, *, options: Options
) -> tuple[pl.DataFrame, pl.Expr, pl.Expr]:
    """Percent points in units of 1/10,000 (35% → 350,000). "35%" and "35" are 35%; a column
    whose every value lies within ±1 and that has no % sign is of fractions (0.35 → 35%),
    as spreadsheets export a cell formatted as a percentage."""
    bare = f"{column}_pct"
    cell = norm.text(pl.col(column))
    df = df.with_columns(cell.str.strip_chars_end("%").str.strip_chars().alias(bare))
    df, value, reason = norm.number(
        df, bare, currency=options.currency, decimal_comma=options.decimal_comma
    )
    signed = df.select(cell.str.ends_with("%").any(), (value.abs() > 10_000).any()).row(0)
    points = value if any(signed) else value * 100
    return df, points, reason


def horizon() -> dt.date:
    """The last day a date of something that happened may be (today + ``IMPORT_FUTURE_DAYS``)."""
    days = int(getattr(settings, "IMPORT_FUTURE_DAYS", FUTURE_DAYS))
    return timezone.localdate() + dt.timedelta(days=days)


def _beyond_horizon(value: pl.Expr, reason: pl.Expr) -> pl.Expr:
    last = horizon()
    return (
        pl.when(reason.is_null() & (value > pl.lit(last)))
        .then(
            pl.format(
                _("日期 {} 在未来（晚于 {}）：已发生的业务不能晚于今天之后 {} 天，多半是输入错误"),
                value.cast(pl.String),
                pl.lit(last.isoformat()),
                pl.lit((last - timezone.localdate()).days),
            )
        )
        .otherwise(reason)
    )


def unreadable(raw: pl.Expr, value: pl.Expr, reason: pl.Expr) -> pl.Expr:
    """``reason``, or — for a cell that has text but came out as no value without one — a
    reason naming it."""
    given = raw.is_not_null() & (raw.str.strip_chars() != "")
    return (
        pl.when(reason.is_null() & given & value.is_null())
        .then(pl.lit(_("无法识别的值")))
        .otherwise(reason)
    )


def too_long(value: pl.Expr, max_length: int) -> pl.Expr:
    """The reason a text cell is longer than its field holds (null when it fits)."""
    if not max_length:
        return pl.lit(None, pl.String)
    return (
        pl.when(value.str.len_chars() > max_length)
        .then(
            pl.format(_("太长：{} 个字符，最多 {} 个"), value.str.len_chars(), pl.lit(max_length))
        )
        .otherwise(None)
    )


def required(raw: pl.Expr, reason: pl.Expr) -> pl.Expr:
    """``reason``, or "required" for an empty cell."""
    empty = raw.is_null() | (raw.str.strip_chars() == "")
    return pl.when(empty).then(pl.lit(_("必填，不能为空"))).otherwise(reason)
