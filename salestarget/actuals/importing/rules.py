"""What each kind of fact requires beyond its columns' types: signs of returns, defaults
taken from master data, stages and close dates, score and size ranges."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from django.utils.translation import gettext as _

from salestarget.importing.errors import ErrorLog

# A kind's own checks and defaults: (frame, mapping, errors) → frame with the output columns.
Rules = Callable[[pl.DataFrame, dict[str, str], ErrorLog], pl.DataFrame]


def _derived_cost(df: pl.DataFrame, errors: ErrorLog) -> pl.DataFrame:
    """The cost a line's profit or margin gives, where its cost is not given: amount − profit,
    or amount × (1 − margin); null when none of them is known (never 0: that would be a
    100% margin)."""
    a, profit, margin = pl.col("v_amount"), pl.col("v_profit"), pl.col("v_margin")
    errors.add(
        df,
        "profit",
        pl.when((a >= 0) & (profit > a))
        .then(pl.lit(_("毛利大于金额：成本不能为负")))
        .when((a < 0) & (profit < a))
        .then(pl.lit(_("退货行的毛利绝对值大于金额")))
        .otherwise(None),
    )
    errors.add(
        df,
        "margin",
        pl.when(margin > 100 * 10_000).then(pl.lit(_("毛利率超过 100%"))).otherwise(None),
    )
    by_margin = a.cast(pl.Int128) * margin.cast(pl.Int128)  # units² of 10^-4 and percent points
    scale = 100 * 10_000
    half_up = (by_margin.abs() + scale // 2) // scale
    kept = pl.when(by_margin < 0).then(half_up * -1).otherwise(half_up).cast(pl.Int64)
    return df.with_columns(pl.coalesce(pl.col("v_cost"), a - profit, a - kept).alias("v_cost"))


def sales_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    df = _derived_cost(df, errors)
    flagged = pl.col("v_is_return").fill_null(False)
    if "is_return" in mapping:
        errors.add(
            df,
            "quantity",
            pl.when(~flagged & (pl.col("v_quantity") < 0))
            .then(pl.lit(_("数量为负，但“退货”列没有标记为退货")))
            .otherwise(None),
        )
        df = df.with_columns(
            pl.when(flagged).then(-pl.col(c).abs()).otherwise(pl.col(c)).alias(c)
            for c in ("v_quantity", "v_amount", "v_cost")
        )
    q, a, c = pl.col("v_quantity"), pl.col("v_amount"), pl.col("v_cost")
    is_return = q < 0
    errors.add(
        df,
        "quantity",
        pl.when(is_return & (a > 0))
        .then(pl.lit(_("数量为负（退货）但金额为正：退货行的数量和金额都应为负数")))
        .otherwise(None),
    )
    errors.add(
        df,
        "amount",
        pl.when((q >= 0) & (a < 0))
        .then(pl.lit(_("金额为负但数量不为负：退货行的数量也应为负数（或用“退货”列标记）")))
        .otherwise(None),
    )
    if "cost" in mapping:  # a derived cost's signs are its profit's or margin's errors
        errors.add(
            df,
            "cost",
            pl.when(is_return & (c > 0))
            .then(pl.lit(_("退货行的成本应为负数或 0")))
            .when((q >= 0) & (c < 0))
            .then(pl.lit(_("成本不能为负（退货行除外）")))
            .otherwise(None),
        )
    # A product without a standard cost (0, the default) leaves the cost unknown.
    known = pl.col("product_standard_cost") > 0
    standard = pl.when(known).then(
        pl.col("product_standard_cost").cast(pl.Int128) * q.cast(pl.Int128)
    )
    # Half away from zero on the magnitude: ``//`` floors, which would take a return's
    # −30.0000 × 1 to −30.0001.
    half_up = (standard.abs() + 5000) // 10_000
    rounded = pl.when(standard < 0).then(half_up * -1).otherwise(half_up)  # no i128 neg
    return df.with_columns(
        pl.col("v_sold_on").alias("sold_on"),
        pl.col("v_order_no").fill_null("").alias("order_no"),
        pl.col("v_line_no").fill_null("").alias("line_no"),
        q.alias("quantity"),
        a.alias("amount"),
        pl.coalesce(c, rounded.cast(pl.Int64)).alias("cost"),
        pl.coalesce(pl.col("channel_id"), pl.col("customer_channel_id")).alias("channel_id"),
        # The line's own dimensions win over the customer's (one customer buys in several
        # regions); the line keeps what it was sold under, whatever the customer is later.
        pl.coalesce(pl.col("customer_type_id"), pl.col("customer_customer_type_id")).alias(
            "customer_type_id"
        ),
        pl.coalesce(pl.col("region_id"), pl.col("customer_region_id")).alias("region_id"),
    )


def expense_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    errors.add(
        df,
        "person" if "person" in mapping else "node",
        pl.when(
            pl.col("person_id").is_null()
            & pl.col("node_id").is_null()
            & pl.col("v_person").is_null()
            & pl.col("v_node").is_null()
        )
        .then(pl.lit(_("人员和组织至少填一个")))
        .otherwise(None),
    )
    return df.with_columns(
        pl.col("v_spent_on").alias("spent_on"),
        pl.col("node_id").alias("given_node_id"),
        pl.col("v_category").alias("category"),
        pl.col("v_amount").alias("amount"),
    )


def _owner_default(df: pl.DataFrame, errors: ErrorLog) -> pl.DataFrame:
    df = df.with_columns(
        pl.when(pl.col("v_person").is_null())
        .then(pl.col("customer_owner_id"))
        .otherwise(pl.col("person_id"))
        .alias("person_id")
    )
    errors.add(
        df,
        "person",
        pl.when(
            pl.col("v_person").is_null()
            & pl.col("customer_id").is_not_null()
            & pl.col("person_id").is_null()
        )
        .then(pl.lit(_("人员为空，且客户没有负责人")))
        .otherwise(None),
    )
    return df


def payment_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    df = _owner_default(df, errors)
    return df.with_columns(
        pl.col("v_received_on").alias("received_on"), pl.col("v_amount").alias("amount")
    )


def opportunity_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    closed = pl.col("v_stage").is_in(["won", "lost"])
    errors.add(
        df,
        "closed_on" if "closed_on" in mapping else "stage",
        pl.when(closed & pl.col("v_closed_on").is_null() & pl.col("e_stage").is_null())
        .then(pl.lit(_("赢单或输单的商机须填关闭日期")))
        .when(pl.col("v_closed_on") < pl.col("v_opened_on"))
        .then(pl.lit(_("关闭日期早于创建日期")))
        .otherwise(None),
    )
    errors.add(
        df,
        "amount",
        pl.when(pl.col("v_amount") < 0).then(pl.lit(_("金额不能为负"))).otherwise(None),
    )
    return df.with_columns(
        pl.col("v_name").fill_null("").alias("name"),
        pl.col("v_amount").fill_null(0).alias("amount"),
        pl.col("v_opened_on").alias("opened_on"),
        pl.when(closed | pl.col("v_stage").is_null())
        .then(pl.col("v_closed_on"))
        .otherwise(pl.col("v_closed_on"))
        .alias("closed_on"),
        pl.col("v_stage").alias("stage"),
    )


def survey_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    df = _owner_default(df, errors)
    errors.add(
        df,
        "score",
        pl.when((pl.col("v_score") < 0) | (pl.col("v_score") > 100 * 10_000))
        .then(pl.lit(_("得分应在 0 到 100 之间")))
        .otherwise(None),
    )
    return df.with_columns(
        pl.col("v_surveyed_on").alias("surveyed_on"), pl.col("v_score").alias("score")
    )


def market_size_rules(df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog) -> pl.DataFrame:
    errors.add(
        df,
        "amount",
        pl.when(pl.col("v_amount") < 0).then(pl.lit(_("市场容量不能为负"))).otherwise(None),
    )
    return df.with_columns(pl.col("v_month").alias("month"), pl.col("v_amount").alias("amount"))
