"""Master-data cells, typed column-wise: codes, names as written, e-mail addresses, yes/no,
choices given by value or by label, dates and money (as facts' cells); and the small
expression builders every master kind's check uses."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import polars as pl
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from salestarget.importing import normalise as norm
from salestarget.importing.kinds import DATE, FLAG, MONEY, FieldSpec
from salestarget.importing.mapping import fold
from salestarget.importing.master.step import Step
from salestarget.importing.typed import required, too_long, typed_cell
from salestarget.wording import series

# Field types of master data, besides the facts' TEXT, DATE, MONEY and FLAG.
CODE = "code"  # the key records are matched by: text, required, once per file
CHOICE = "choice"  # one of a fixed list, given by its value or its label (Chinese or English)
EMAIL = "email"
REF = "ref"  # another record, by code first, then by exact name (resolved by the kind)

EMAIL_RE = r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$"


def required_message() -> str:
    return _("必填，不能为空")


def master_normalise(df: pl.DataFrame, step: Step, choices: Mapping[str, Choices]) -> pl.DataFrame:
    options = step.options
    values: list[pl.Expr] = []
    reasons: dict[str, pl.Expr] = {}
    for name, header in step.mapping.items():
        spec = step.kind.field(name)
        column = f"raw_{name}"
        raw = pl.col(column)
        typed = typed_cell(df, column, spec, options=options, header=header)
        if typed is not None:
            df, value, reason = typed
        elif spec.type == FLAG:
            value, reason = yes_no(raw)
        elif spec.type == CHOICE:
            value, reason = choices[name].parse(raw, spec)
        elif spec.type == EMAIL:
            value = norm.text(raw)
            reason = (
                pl.when(value.is_not_null() & ~value.str.contains(EMAIL_RE))
                .then(pl.lit(_("邮箱格式不正确")))
                .otherwise(too_long(value, spec.max_length))
            )
        elif spec.type == CODE:  # full-width digits of a code are digits
            value = norm.text(raw)
            reason = too_long(value, spec.max_length)
        else:  # names and references as written: （） in 甲公司（北京） is part of the name
            value = trimmed(raw)
            reason = too_long(value, spec.max_length)
        if spec.required:
            reason = required(raw, reason)
        values.append(value.alias(f"v_{name}"))
        reasons[name] = reason
    df = df.with_columns(*values, *(r.alias(f"e_{n}") for n, r in reasons.items()))
    df = df.select(c for c in df.columns if not c.startswith("_raw_"))
    for name in step.mapping:
        step.errors.add(df, name, pl.col(f"e_{name}"))
    dtypes = {DATE: pl.Date, MONEY: pl.Int64, FLAG: pl.Boolean}
    return df.with_columns(
        pl.lit(None, dtypes.get(f.type, pl.String)).alias(f"v_{f.name}")
        for f in step.kind.fields
        if f.name not in step.mapping
    )


def trimmed(raw: pl.Expr) -> pl.Expr:
    """Text without surrounding (also full-width) spaces; empty → null."""
    value = raw.str.strip_chars(" \t\r\n\u3000\u00a0")
    return pl.when(value == "").then(None).otherwise(value)


YES = {"1", "y", "yes", "true", "t", "是", "√", "x", "✓", "对"}
NO = {"0", "n", "no", "false", "f", "否", "-", "×", "不是"}


def yes_no(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    t = norm.text(raw).str.to_lowercase()
    value = pl.when(t.is_in(list(YES))).then(True).when(t.is_in(list(NO)) | t.is_null()).then(False)
    reason = pl.when(value.is_null()).then(pl.lit(_("应为 是/否（Y/N、1/0）"))).otherwise(None)
    return value, reason


@dataclass(frozen=True)
class Choices:
    """A choice field: Django ``options``, given in a file by value, by Chinese or English
    label, or by one of the ``aliases`` people use (e.g. 省份 for 省)."""

    options: type[models.TextChoices]
    aliases: Mapping[str, str] = field(default_factory=dict)

    def table(self) -> dict[str, str]:
        """{folded alias: value}."""
        found: dict[str, str] = {}
        for value, label in self.options.choices:
            found[fold(value)] = value
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    found[fold(str(label))] = value
        for alias, value in self.aliases.items():
            found[fold(alias)] = value
        return found

    def parse(self, raw: pl.Expr, spec: FieldSpec) -> tuple[pl.Expr, pl.Expr]:
        t = norm.text(raw)
        key = t.str.to_lowercase().str.replace_all(r"[\s_\-\.·:：/#\*]+", "")
        value = key.replace_strict(self.table(), default=None, return_dtype=pl.String)
        allowed = series(str(label) for label in self.options.labels)
        reason = reason_if(
            t.is_not_null() & value.is_null(),
            pl.format(_("不是有效的{}，可用：{}"), pl.lit(str(spec.label)), pl.lit(allowed)),
        )
        return value, reason


def reason_if(condition: pl.Expr, message: str | pl.Expr) -> pl.Expr:
    text = pl.lit(message) if isinstance(message, str) else message
    return pl.when(condition).then(text).otherwise(None)


def message(template: str, **values: pl.Expr) -> pl.Expr:
    """A translated ``%(name)s`` message (the services' own, so pages, the API and imports
    say the same) filled column-wise: ``message(_("“%(name)s”已停用"), name=pl.col("x"))``."""
    parts = re.split(r"%\((\w+)\)s", template.replace("{", "{{").replace("}", "}}"))
    names = parts[1::2]
    return pl.format("{}".join(parts[0::2]), *(values[n] for n in names))
