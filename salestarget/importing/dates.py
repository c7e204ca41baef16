"""Column-wise normalising of text cells into dates and months, with a reason per bad cell.

Like :mod:`salestarget.importing.normalise`: each function takes the frame and a text column
and returns the frame, the typed value (null when the cell is empty or bad) and the reason
(null when fine).
"""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from salestarget.importing.normalise import all_match, text

MONTHS_EN = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
FIRST_DAY = "1950-01-01"
LAST_DAY = "2100-12-31"
EXCEL_EPOCH = pl.date(1899, 12, 30)


PLAIN_DATE = r"^[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}$"


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")


def _plain_date(df: pl.DataFrame, raw: str) -> tuple[pl.DataFrame, pl.Expr, pl.Expr] | None:
    """One strptime pass when the whole column is in one plain year-month-day format and
    every date exists and is in range; None sends the column down the full cascade."""
    cell = pl.col(raw).str.strip_chars()
    empty = df.select((cell.is_null() | (cell == "")).sum()).item()
    for fmt in DATE_FORMATS:
        parsed = cell.str.to_date(fmt, strict=False)
        nulls, low, high = df.select(
            parsed.is_null().sum().alias("n"), parsed.min().alias("lo"), parsed.max().alias("hi")
        ).row(0)
        if nulls == empty and (low is None or (str(low) >= FIRST_DAY and str(high) <= LAST_DAY)):
            k = f"_{raw}_"
            df = df.with_columns(parsed.alias(k + "value"))
            return df, pl.col(k + "value"), pl.lit(None, pl.String)
    return None


# --- dates -----------------------------------------------------------------------------------

_TIME = r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?:[AaPp][Mm])?)?"


def _iso(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    return pl.format("{}-{}-{}", y, m.str.zfill(2), d.str.zfill(2)).str.to_date(
        "%Y-%m-%d", strict=False
    )


def date(df: pl.DataFrame, raw: str, *, order: str = "") -> tuple[pl.DataFrame, pl.Expr, pl.Expr]:
    """Column ``raw`` (text) → date. ISO, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305,
    5-Mar-2024, Mar 5 2024, Excel serial numbers, and 03/05/2024 when ``order`` ("mdy"/"dmy")
    says which part is the month (the caller may infer it from the column)."""
    k = f"_{raw}_"

    def col(name: str) -> pl.Expr:
        return pl.col(k + name)

    plain = _plain_date(df, raw) if all_match(df, raw, PLAIN_DATE) else None
    if plain is not None:
        return plain
    order = order or date_order_hint(df[raw])
    df = df.with_columns(text(pl.col(raw)).str.replace_all(r"\s+", " ").alias(k + "t"))
    t = col("t")
    df = df.with_columns(
        t.str.extract_groups(
            rf"^([0-9]{{4}})\s*[-/.年]\s*([0-9]{{1,2}})\s*[-/.月]\s*([0-9]{{1,2}})\s*[日号]?{_TIME}$"
        ).alias(k + "ymd"),
        t.str.extract_groups(r"^([0-9]{4})([0-9]{2})([0-9]{2})$").alias(k + "compact"),
        t.str.extract_groups(rf"^([0-9]{{1,2}})[-/.]([0-9]{{1,2}})[-/.]([0-9]{{4}}){_TIME}$").alias(
            k + "xy"
        ),
        t.str.extract_groups(r"^([0-9]{1,2})[- ]([A-Za-z]{3,9})\.?[- ,]+([0-9]{4})$").alias(
            k + "ndmy"
        ),
        t.str.extract_groups(r"^([A-Za-z]{3,9})\.? ([0-9]{1,2}),? ([0-9]{4})$").alias(k + "nmdy"),
        t.str.extract(r"^([0-9]{5})(?:\.[0-9]+)?$", 1)
        .cast(pl.Int64, strict=False)
        .alias(k + "serial"),
    )
    a = col("xy").struct.field("1")
    b = col("xy").struct.field("2")
    same = a.cast(pl.Int64, strict=False) == b.cast(pl.Int64, strict=False)
    chosen = pl.lit(order)
    df = df.with_columns(
        pl.when((chosen == "dmy") | same).then(b).when(chosen == "mdy").then(a).alias(k + "xm"),
        pl.when((chosen == "dmy") | same).then(a).when(chosen == "mdy").then(b).alias(k + "xd"),
    )

    def month_of(name: pl.Expr) -> pl.Expr:
        return name.str.to_lowercase().replace_strict(
            {m: str(v) for m, v in MONTHS_EN.items()}, default=None, return_dtype=pl.String
        )

    def part(name: str, i: str) -> pl.Expr:
        return col(name).struct.field(i)

    df = df.with_columns(
        pl.coalesce(
            _iso(part("ymd", "1"), part("ymd", "2"), part("ymd", "3")),
            _iso(part("compact", "1"), part("compact", "2"), part("compact", "3")),
            _iso(part("xy", "3"), col("xm"), col("xd")),
            _iso(part("ndmy", "3"), month_of(part("ndmy", "2")), part("ndmy", "1")),
            _iso(part("nmdy", "3"), month_of(part("nmdy", "1")), part("nmdy", "2")),
            EXCEL_EPOCH + pl.duration(days=col("serial")),
        ).alias(k + "value"),
        (
            part("ymd", "1").is_not_null()
            | part("compact", "1").is_not_null()
            | part("ndmy", "1").is_not_null()
            | part("nmdy", "1").is_not_null()
            | col("serial").is_not_null()
        ).alias(k + "matched"),
    )
    value = col("value")
    in_range = value.is_between(pl.lit(FIRST_DAY).str.to_date(), pl.lit(LAST_DAY).str.to_date())
    reason = (
        pl.when(t.is_null())
        .then(None)
        .when(a.is_not_null() & col("xm").is_null())
        .then(
            pl.format(
                _(
                    "无法确定“{}”是 {}月{}日 还是 {}月{}日：请在映射页选择日期顺序（月/日/年 或 日/月/年）"
                ),
                t,
                a.str.strip_prefix("0"),
                b.str.strip_prefix("0"),
                b.str.strip_prefix("0"),
                a.str.strip_prefix("0"),
            )
        )
        .when(~col("matched") & a.is_null())
        .then(
            pl.lit(
                _(
                    "不是可识别的日期（可用 2024-03-05、2024/3/5、2024年3月5日、20240305 或 Excel 日期）"
                )
            )
        )
        .when(value.is_null())
        .then(pl.lit(_("日期不存在（月份或日期超出范围）")))
        .when(~in_range)
        .then(pl.format(_("日期 {} 超出合理范围（1950–2100）"), value.cast(pl.String)))
        .otherwise(None)
    )
    df = df.with_columns(reason.alias(k + "reason"))
    return df, pl.when(col("reason").is_null()).then(value).otherwise(None), col("reason")


def date_order_hint(raw: pl.Series) -> str:
    """For a column of 03/05/2024-style dates: "dmy" if some first part is over 12, "mdy" if
    some second part is, "" if the column does not tell (or contradicts itself)."""
    t = raw.str.strip_chars().str.extract_groups(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.][0-9]{4}")
    first = t.struct.field("1").cast(pl.Int64, strict=False)
    second = t.struct.field("2").cast(pl.Int64, strict=False)
    dmy = bool((first > 12).any())
    mdy = bool((second > 12).any())
    if dmy and not mdy:
        return "dmy"
    if mdy and not dmy:
        return "mdy"
    return ""


def month(df: pl.DataFrame, raw: str, *, order: str = "") -> tuple[pl.DataFrame, pl.Expr, pl.Expr]:
    """Column ``raw`` → first day of the month: 2024-03, 2024/3, 2024年3月, 202403, or a date."""
    k = f"_{raw}_m_"

    def col(name: str) -> pl.Expr:
        return pl.col(k + name)

    df = df.with_columns(text(pl.col(raw)).alias(k + "t"))
    df = df.with_columns(
        col("t")
        .str.extract_groups(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?(?:份)?$")
        .alias(k + "ym"),
        col("t").str.extract_groups(r"^([0-9]{4})([0-9]{2})$").alias(k + "c"),
    )
    df = df.with_columns(
        pl.coalesce(
            _iso(col("ym").struct.field("1"), col("ym").struct.field("2"), pl.lit("1")),
            _iso(col("c").struct.field("1"), col("c").struct.field("2"), pl.lit("1")),
        ).alias(k + "from_month"),
        (
            col("ym").struct.field("1").is_not_null() | col("c").struct.field("1").is_not_null()
        ).alias(k + "matched"),
    )
    df, full, full_reason = date(df, raw, order=order)
    df = df.with_columns(
        pl.when(col("t").is_null())
        .then(None)
        .when(col("matched") & col("from_month").is_null())
        .then(pl.lit(_("月份不存在")))
        .when(col("matched"))
        .then(None)
        .otherwise(full_reason)
        .alias(k + "reason"),
        pl.when(col("matched"))
        .then(col("from_month"))
        .otherwise(full.dt.month_start())
        .alias(k + "value"),
    )
    return df, pl.when(col("reason").is_null()).then(col("value")).otherwise(None), col("reason")
