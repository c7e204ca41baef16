"""Column-wise normalising of text cells into exact numbers, flags and stages, with a reason per
bad cell (dates and months: :mod:`salestarget.importing.dates`).

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


def text(e: pl.Expr) -> pl.Expr:
    """Full-width digits and punctuation to ASCII, trimmed; empty → null."""
    cleaned = e.str.replace_many(list(FULL_WIDTH), list(FULL_WIDTH.values())).str.strip_chars()
    return pl.when(cleaned == "").then(None).otherwise(cleaned)


PLAIN_NUMBER = r"^-?[0-9]{1,14}(\.[0-9]{1,4})?$"


def all_match(df: pl.DataFrame, raw: str, pattern: str) -> bool:
    """Whether every non-empty cell of ``raw`` has the plain form (the fast path for the
    files most systems write: one regex pass instead of the whole cascade)."""
    cell = pl.col(raw).str.strip_chars()
    return bool(
        df.select((cell.str.contains(pattern) | cell.is_null() | (cell == "")).all()).item()
    )


def _plain_number(
    df: pl.DataFrame, raw: str, *, places: int
) -> tuple[pl.DataFrame, pl.Expr, pl.Expr]:
    # Every cell is plain (checked): Polars' exact decimal parse, whose physical value is
    # the integer count of 10^-places.
    k = f"_{raw}_"
    cell = pl.col(raw).str.strip_chars()
    units = cell.cast(pl.Decimal(20, places), strict=False).to_physical().cast(pl.Int64)
    df = df.with_columns(units.alias(k + "units"))
    return df, pl.col(k + "units"), pl.lit(None, pl.String)


# --- numbers ---------------------------------------------------------------------------------


def number(
    df: pl.DataFrame,
    raw: str,
    *,
    currency: str,
    decimal_comma: bool = False,
    scale: int = 1,
    places: int = EXACT_PLACES,
) -> tuple[pl.DataFrame, pl.Expr, pl.Expr]:
    """Column ``raw`` (text) → integer units of 10^-places (× ``scale`` for a 万元 column),
    and a reason per bad cell. Intermediate steps are materialised as ``_<raw>_*`` columns
    (small expression trees plan fast, even for one-row API batches)."""
    k = f"_{raw}_"

    def col(name: str) -> pl.Expr:
        return pl.col(k + name)

    if scale == 1 and all_match(df, raw, PLAIN_NUMBER):
        return _plain_number(df, raw, places=places)
    df = df.with_columns(text(pl.col(raw)).alias(k + "t"))
    df = df.with_columns(
        col("t").str.extract(f"({_MARK_RE})", 1).alias(k + "mark"),
        col("t").str.replace_all(f"({_MARK_RE})", "").str.replace_all(r"[\s']", "").alias(k + "s"),
    )
    loose_ok = pl.lit(False)
    for m, codes in LOOSE_MARKS.items():
        if currency in codes:
            loose_ok = loose_ok | (col("mark") == m)
    mark_currency = col("mark").replace_strict(CURRENCY_MARKS, default=None, return_dtype=pl.String)
    s = col("s")
    df = df.with_columns(
        (col("mark").is_not_null() & (mark_currency != currency) & ~loose_ok).alias(k + "foreign"),
        mark_currency.alias(k + "mark_currency"),
        # Negatives: (1,234.00), 1234-, leading +
        pl.when(s.str.contains(r"^\(.*\)$"))
        .then(pl.lit("-") + s.str.strip_chars("()"))
        .when(s.str.contains(r"^[^-].*-$"))
        .then(pl.lit("-") + s.str.strip_chars_end("-"))
        .otherwise(s)
        .str.strip_prefix("+")
        .alias(k + "s"),
    )
    s = col("s")
    if decimal_comma:
        grouped = s.str.contains(r"^-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?$")
        df = df.with_columns(
            pl.when(grouped)
            .then(s.str.replace_all(".", "", literal=True))
            .otherwise(s)
            .alias(k + "s")
        )
        df = df.with_columns(
            (s.str.contains(r"[0-9]\.[0-9]") & s.str.contains(",")).alias(k + "bad_group"),
            pl.lit(False).alias(k + "other"),
            s.str.replace(",", ".", literal=True).alias(k + "s"),
        )
    else:
        df = df.with_columns(
            (s.str.contains(",") & ~s.str.contains(r"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$")).alias(
                k + "bad_group"
            ),
            (
                s.str.contains(r"^-?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+$")
                | s.str.contains(r"^-?[0-9]+,[0-9]{1,2}$")
            ).alias(k + "other"),
            s.str.replace_all(",", "", literal=True).alias(k + "s"),
        )
    df = df.with_columns(
        col("s").str.extract_groups(r"^(-?)([0-9]+)(?:\.([0-9]*))?$").alias(k + "parts")
    )
    df = df.with_columns(
        col("parts").struct.field("1").alias(k + "sign"),
        col("parts").struct.field("2").alias(k + "whole"),
        col("parts").struct.field("3").fill_null("").str.strip_chars_end("0").alias(k + "frac"),
    )
    extra = len(str(scale)) - 1 if scale > 1 else 0
    allowed = places + extra
    units = col("whole").cast(pl.Int64, strict=False) * (10**allowed) + pl.when(
        col("frac") == ""
    ).then(0).otherwise(col("frac").str.pad_end(allowed, "0").cast(pl.Int64, strict=False))
    df = df.with_columns(
        pl.when(col("sign") == "-").then(-units).otherwise(units).alias(k + "units")
    )
    reason = (
        pl.when(col("t").is_null())
        .then(None)
        .when(col("foreign"))
        .then(
            pl.format(
                _("货币符号“{}”是 {}，与公司币种 {} 不一致；系统不做汇率换算"),
                col("mark"),
                col("mark_currency").fill_null("?"),
                pl.lit(currency),
            )
        )
        .when(col("s").str.contains(r"^-?[0-9]+(\.[0-9]+)?[eE][+-]?[0-9]+$"))
        .then(pl.lit(_("科学计数法会丢失精度：请在 Excel 中把该列设为“数值”格式后重新导出")))
        .when(col("other"))
        .then(pl.lit(_("看起来用逗号作小数点：请改用小数点，或在导入文件时把“小数点”选为逗号")))
        .when(col("bad_group"))
        .then(pl.lit(_("千分位逗号位置不对")))
        .when(col("whole").is_null())
        .then(pl.lit(_("不是数字")))
        .when(col("frac").str.len_chars() > allowed)
        .then(
            pl.format(
                _("有 {} 位小数，最多 {} 位；系统不会自动四舍五入"),
                col("frac").str.len_chars(),
                pl.lit(allowed),
            )
        )
        .when((col("whole").str.len_chars() > 14 - extra) | col("units").is_null())
        .then(pl.lit(_("数值太大")))
        .otherwise(None)
    )
    df = df.with_columns(reason.alias(k + "reason"))
    value = (
        pl.when(col("reason").is_null() & col("t").is_not_null()).then(col("units")).otherwise(None)
    )
    return df, value, col("reason")


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
# The open stages CRMs ship with, as their reports print them: Salesforce, HubSpot, Dynamics,
# Odoo, and the funnels of Chinese CRMs (销售易, 纷享销客, 简道云 and the like).
OPEN_STAGES = (
    "prospecting",
    "qualification",
    "needs analysis",
    "value proposition",
    "id. decision makers",
    "id decision makers",
    "perception analysis",
    "proposal/price quote",
    "proposal",
    "negotiation/review",
    "negotiation",
    "appointment scheduled",
    "qualified to buy",
    "presentation scheduled",
    "decision maker bought-in",
    "contract sent",
    "qualify",
    "develop",
    "propose",
    "close",
    "qualified",
    "proposition",
    "初步接洽",
    "初步沟通",
    "需求确认",
    "需求确定",
    "需求分析",
    "方案报价",
    "方案/报价",
    "报价",
    "商务谈判",
    "谈判审核",
    "谈判",
    "验证客户",
    "赢单评估",
    "合同审批",
)
STAGES |= dict.fromkeys(OPEN_STAGES, "open") | {"closed-won": "won", "closed-lost": "lost"}


def stage(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    t = text(raw).str.to_lowercase().str.replace_all(r"\s+", " ")
    value = t.replace_strict(STAGES, default=None, return_dtype=pl.String)
    reason = (
        pl.when(t.is_not_null() & value.is_null())
        .then(pl.lit(_("阶段应为 赢单/输单/跟进中（won/lost/open）")))
        .otherwise(None)
    )
    return value, reason
