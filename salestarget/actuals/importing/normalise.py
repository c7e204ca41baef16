"""Column-wise normalising of text cells into dates and exact numbers, with a reason per bad cell.

Every function takes a text expression and returns two expressions: the typed value (null when
the cell is empty or bad) and the reason (null when fine). Nothing loops over rows in Python.

Numbers become integers of 1/10,000 (the ``ExactDecimalField`` unit), never floats: the digits
are split at the decimal point and put together as integers, so "0.1" is exactly 1,000 units.
More than four decimal places is refused, not rounded.
"""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from salestarget.fields import EXACT_PLACES

FULL_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)} | {
    "．": ".",
    "，": ",",
    "－": "-",
    "（": "(",
    "）": ")",
    "＋": "+",
    "　": " ",
    "／": "/",
    "：": ":",
    "＄": "$",
    "﹣": "-",
    "−": "-",
    "\u00a0": " ",
    "％": "%",
    "＇": "'",
}
# Currency marks in cells and the currency each one stands for.
CURRENCY_MARKS = {
    "¥": "CNY",
    "￥": "CNY",
    "元": "CNY",
    "RMB": "CNY",
    "CNY": "CNY",
    "人民币": "CNY",
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "HK$": "HKD",
    "HKD": "HKD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "JPY": "JPY",
    "円": "JPY",
    "NT$": "TWD",
    "TWD": "TWD",
    "S$": "SGD",
    "SGD": "SGD",
}
# "¥" is yen in Japan and "$" is the local dollar in many places: accept them for those.
LOOSE_MARKS = {
    "¥": {"CNY", "JPY"},
    "￥": {"CNY", "JPY"},
    "$": {"USD", "HKD", "SGD", "TWD", "AUD", "CAD", "NZD"},
}
_MARK_RE = "|".join(sorted((m.replace("$", r"\$") for m in CURRENCY_MARKS), key=len, reverse=True))
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


def text(e: pl.Expr) -> pl.Expr:
    """Full-width digits and punctuation to ASCII, trimmed; empty → null."""
    cleaned = e.str.replace_many(list(FULL_WIDTH), list(FULL_WIDTH.values())).str.strip_chars()
    return pl.when(cleaned == "").then(None).otherwise(cleaned)


# --- numbers ---------------------------------------------------------------------------------


def number(
    raw: pl.Expr,
    *,
    currency: str,
    decimal_comma: bool = False,
    scale: int = 1,
    places: int = EXACT_PLACES,
) -> tuple[pl.Expr, pl.Expr]:
    """Text → integer units of 10^-places (× ``scale`` for a 万元 column) and a reason."""
    t = text(raw)
    mark = t.str.extract(f"({_MARK_RE})", 1)
    mark_currency = mark.replace_strict(CURRENCY_MARKS, default=None, return_dtype=pl.String)
    loose_ok = pl.lit(False)
    for m, codes in LOOSE_MARKS.items():
        if currency in codes:
            loose_ok = loose_ok | (mark == m)
    foreign = mark.is_not_null() & (mark_currency != currency) & ~loose_ok
    s = t.str.replace_all(f"({_MARK_RE})", "").str.replace_all(r"[\s']", "")
    # Negatives: (1,234.00), 1234-, leading +
    paren = s.str.contains(r"^\(.*\)$")
    trailing = s.str.contains(r"^[^-].*-$")
    s = (
        pl.when(paren)
        .then(pl.lit("-") + s.str.strip_chars("()"))
        .when(trailing)
        .then(pl.lit("-") + s.str.strip_chars_end("-"))
        .otherwise(s)
        .str.strip_prefix("+")
    )
    if decimal_comma:
        grouped = s.str.contains(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
        s = pl.when(grouped).then(s.str.replace_all(".", "", literal=True)).otherwise(s)
        bad_group = s.str.contains(r"\d\.\d") & s.str.contains(",")
        s = s.str.replace(",", ".", literal=True)
        looks_other = pl.lit(False)
    else:
        grouped = s.str.contains(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
        bad_group = s.str.contains(",") & ~grouped
        looks_other = s.str.contains(r"^-?\d{1,3}(\.\d{3})+,\d+$") | s.str.contains(
            r"^-?\d+,\d{1,2}$"
        )
        s = s.str.replace_all(",", "", literal=True)
    parts = s.str.extract_groups(r"^(-?)(\d+)(?:\.(\d*))?$")
    sign = parts.struct.field("1")
    whole = parts.struct.field("2")
    frac = parts.struct.field("3").fill_null("").str.strip_chars_end("0")
    extra = len(str(scale)) - 1 if scale > 1 else 0
    allowed = places + extra
    units = whole.cast(pl.Int64, strict=False) * (10**allowed) + pl.when(frac == "").then(
        0
    ).otherwise(frac.str.pad_end(allowed, "0").cast(pl.Int64, strict=False))
    units = pl.when(sign == "-").then(-units).otherwise(units)
    reason = (
        pl.when(t.is_null())
        .then(None)
        .when(foreign)
        .then(
            pl.format(
                _("货币符号“{}”是 {}，与公司币种 {} 不一致；系统不做汇率换算"),
                mark,
                mark_currency.fill_null("?"),
                pl.lit(currency),
            )
        )
        .when(s.str.contains(r"^-?\d+(\.\d+)?[eE][+-]?\d+$"))
        .then(pl.lit(_("科学计数法会丢失精度：请在 Excel 中把该列设为“数值”格式后重新导出")))
        .when(looks_other)
        .then(pl.lit(_("看起来用逗号作小数点：请在映射页把“小数点”选为逗号")))
        .when(bad_group)
        .then(pl.lit(_("千分位逗号位置不对")))
        .when(whole.is_null())
        .then(pl.lit(_("不是数字")))
        .when(frac.str.len_chars() > allowed)
        .then(
            pl.format(
                _("有 {} 位小数，最多 {} 位；系统不会自动四舍五入"),
                frac.str.len_chars(),
                pl.lit(allowed),
            )
        )
        .when((whole.str.len_chars() > 14 - extra) | units.is_null())
        .then(pl.lit(_("数值太大")))
        .otherwise(None)
    )
    value = pl.when(reason.is_null() & t.is_not_null()).then(units).otherwise(None)
    return value, reason


# --- dates -----------------------------------------------------------------------------------

_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?)?"


def _iso(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    return pl.format("{}-{}-{}", y, m.str.zfill(2), d.str.zfill(2)).str.to_date(
        "%Y-%m-%d", strict=False
    )


def date(
    raw: pl.Expr, *, order: str = "", column_hint: pl.Expr | None = None
) -> tuple[pl.Expr, pl.Expr]:
    """Text → date. ISO, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, 5-Mar-2024, Mar 5 2024,
    Excel serial numbers, and 03/05/2024 when ``order`` ("mdy"/"dmy") says which is the month
    (or the column shows it: a first part over 12 is a day). ``column_hint`` is that inference.
    """
    t = text(raw).str.replace_all(r"\s+", " ")
    ymd = t.str.extract_groups(
        rf"^(\d{{4}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*[日号]?{_TIME}$"
    )
    compact = t.str.extract_groups(r"^(\d{4})(\d{2})(\d{2})$")
    xy = t.str.extract_groups(rf"^(\d{{1,2}})[-/.](\d{{1,2}})[-/.](\d{{4}}){_TIME}$")
    named_dmy = t.str.extract_groups(r"^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ,]+(\d{4})$")
    named_mdy = t.str.extract_groups(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
    serial = t.str.extract(r"^(\d{5})(?:\.\d+)?$", 1).cast(pl.Int64, strict=False)

    a = xy.struct.field("1")
    b = xy.struct.field("2")
    chosen = pl.lit(order) if order else (column_hint if column_hint is not None else pl.lit(""))
    same = a.cast(pl.Int64, strict=False) == b.cast(pl.Int64, strict=False)
    xy_month = pl.when((chosen == "dmy") | same).then(b).when(chosen == "mdy").then(a)
    xy_day = pl.when((chosen == "dmy") | same).then(a).when(chosen == "mdy").then(b)

    def month_of(name: pl.Expr) -> pl.Expr:
        return name.str.to_lowercase().replace_strict(
            {k: str(v) for k, v in MONTHS_EN.items()}, default=None, return_dtype=pl.String
        )

    value = pl.coalesce(
        _iso(ymd.struct.field("1"), ymd.struct.field("2"), ymd.struct.field("3")),
        _iso(compact.struct.field("1"), compact.struct.field("2"), compact.struct.field("3")),
        _iso(xy.struct.field("3"), xy_month, xy_day),
        _iso(
            named_dmy.struct.field("3"),
            month_of(named_dmy.struct.field("2")),
            named_dmy.struct.field("1"),
        ),
        _iso(
            named_mdy.struct.field("3"),
            month_of(named_mdy.struct.field("1")),
            named_mdy.struct.field("2"),
        ),
        EXCEL_EPOCH + pl.duration(days=serial),
    )
    matched = (
        ymd.struct.field("1").is_not_null()
        | compact.struct.field("1").is_not_null()
        | named_dmy.struct.field("1").is_not_null()
        | named_mdy.struct.field("1").is_not_null()
        | serial.is_not_null()
    )
    xy_matched = a.is_not_null()
    in_range = value.is_between(pl.lit(FIRST_DAY).str.to_date(), pl.lit(LAST_DAY).str.to_date())
    reason = (
        pl.when(t.is_null())
        .then(None)
        .when(xy_matched & xy_month.is_null())
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
        .when(~matched & ~xy_matched)
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
    return pl.when(reason.is_null()).then(value).otherwise(None), reason


def date_order_hint(raw: pl.Series) -> str:
    """For a column of 03/05/2024-style dates: "dmy" if some first part is over 12, "mdy" if
    some second part is, "" if the column does not tell (or contradicts itself)."""
    t = raw.str.strip_chars().str.extract_groups(r"^(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}")
    first = t.struct.field("1").cast(pl.Int64, strict=False)
    second = t.struct.field("2").cast(pl.Int64, strict=False)
    dmy = bool((first > 12).any())
    mdy = bool((second > 12).any())
    if dmy and not mdy:
        return "dmy"
    if mdy and not dmy:
        return "mdy"
    return ""


def month(raw: pl.Expr, *, order: str = "") -> tuple[pl.Expr, pl.Expr]:
    """Text → first day of the month: 2024-03, 2024/3, 2024年3月, 202403, or any full date."""
    t = text(raw)
    ym = t.str.extract_groups(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?$")
    compact = t.str.extract_groups(r"^(\d{4})(\d{2})$")
    from_month = pl.coalesce(
        _iso(ym.struct.field("1"), ym.struct.field("2"), pl.lit("1")),
        _iso(compact.struct.field("1"), compact.struct.field("2"), pl.lit("1")),
    )
    full, full_reason = date(raw, order=order)
    matched = ym.struct.field("1").is_not_null() | compact.struct.field("1").is_not_null()
    value = pl.when(matched).then(from_month).otherwise(full.dt.month_start())
    reason = (
        pl.when(t.is_null())
        .then(None)
        .when(matched & from_month.is_null())
        .then(pl.lit(_("月份不存在")))
        .when(matched)
        .then(None)
        .otherwise(full_reason)
    )
    return pl.when(reason.is_null()).then(value).otherwise(None), reason


FLAG_TRUE = {"1", "y", "yes", "true", "t", "是", "退货", "退", "r", "return", "returned", "√", "x"}
FLAG_FALSE = {"0", "n", "no", "false", "f", "否", "销售", "正常", "sale", "normal", "-"}


def flag(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    t = text(raw).str.to_lowercase()
    value = (
        pl.when(t.is_in(list(FLAG_TRUE)))
        .then(True)
        .when(t.is_in(list(FLAG_FALSE)) | t.is_null())
        .then(False)
    )
    reason = (
        pl.when(value.is_null()).then(pl.lit(_("应为 是/否（Y/N、1/0、退货）"))).otherwise(None)
    )
    return value, reason


STAGES = {
    "won": "won",
    "win": "won",
    "closed won": "won",
    "closedwon": "won",
    "赢单": "won",
    "成交": "won",
    "赢": "won",
    "已成交": "won",
    "签约": "won",
    "已签约": "won",
    "lost": "lost",
    "loss": "lost",
    "closed lost": "lost",
    "closedlost": "lost",
    "输单": "lost",
    "丢单": "lost",
    "输": "lost",
    "失败": "lost",
    "已丢单": "lost",
    "open": "open",
    "跟进中": "open",
    "进行中": "open",
    "在谈": "open",
    "洽谈中": "open",
    "pending": "open",
    "in progress": "open",
    "new": "open",
    "新建": "open",
}


def stage(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    t = text(raw).str.to_lowercase().str.replace_all(r"\s+", " ")
    value = t.replace_strict(STAGES, default=None, return_dtype=pl.String)
    reason = (
        pl.when(t.is_not_null() & value.is_null())
        .then(pl.lit(_("阶段应为 赢单/输单/跟进中（won/lost/open）")))
        .otherwise(None)
    )
    return value, reason
