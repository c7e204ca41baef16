"""The external id of each fact, and duplicates within the file.

An ``external_id`` column wins; else the kind's own rule (``FactImporter.external_ids``:
sales use order and line numbers, market sizes region and month); else a digest of the
kind's identity fields, numbered by occurrence so that identical rows stay distinct.
"""

from __future__ import annotations

import hashlib

import polars as pl
from django.utils.translation import gettext as _

from salestarget.actuals.importing.steps import FactSteps
from salestarget.importing.errors import ErrorLog
from salestarget.importing.kinds import KindSpec
from salestarget.importing.reading import ROW


def _digest(keys: pl.Series) -> pl.Series:
    unique = keys.unique()
    digests = pl.Series(
        [
            hashlib.sha1(k.encode()).hexdigest()[:20] if k is not None else None
            for k in unique.to_list()
        ],
        dtype=pl.String,
    )
    table = pl.DataFrame({"k": unique, "d": digests})
    return pl.DataFrame({"k": keys}).join(table, on="k", how="left", maintain_order="left")["d"]


def order_line_ids(
    df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog
) -> tuple[pl.DataFrame, pl.Expr, str] | None:
    """Sales: ``order#line``, or ``order#n`` (the n-th line of the order in the file) without
    line numbers; None when the file has no order numbers either."""
    if "order_no" not in mapping:
        return None
    order = pl.col("v_order_no")
    if "line_no" in mapping:
        column = "line_no"
        ext = order + "#" + pl.col("v_line_no")
        errors.add(
            df,
            "line_no",
            pl.when(order.is_not_null() & pl.col("v_line_no").is_null())
            .then(pl.lit(_("有订单号时行号不能为空")))
            .otherwise(None),
        )
    else:
        column = "order_no"
        ext = order + "#" + (pl.int_range(pl.len()).over("v_order_no") + 1).cast(pl.String)
    errors.add(
        df,
        "order_no",
        pl.when(order.is_null()).then(pl.lit(_("订单号为空，无法生成外部编号"))).otherwise(None),
    )
    return df, ext, column


def region_month_ids(
    df: pl.DataFrame, mapping: dict[str, str], errors: ErrorLog
) -> tuple[pl.DataFrame, pl.Expr, str] | None:
    """Market sizes: ``region code#YYYY-MM``, so the same region and month is updated."""
    return df, pl.col("region_code") + "#" + pl.col("month").dt.strftime("%Y-%m"), "external_id"


def _digest_ids(df: pl.DataFrame, kind: KindSpec) -> tuple[pl.DataFrame, pl.Expr]:
    parts = [
        pl.col(f"{f}_id").cast(pl.String)
        if kind.field(f).is_reference
        else pl.col(f"v_{f}").cast(pl.String)
        for f in kind.identity
    ]
    key = pl.concat_str([p.fill_null("") for p in parts], separator="|")
    df = df.with_columns(key.alias("_key"))
    df = df.with_columns(_digest(df["_key"]).alias("_digest"))
    ext = (
        pl.lit("h:")
        + pl.col("_digest")
        + "#"
        + (pl.int_range(pl.len()).over("_key") + 1).cast(pl.String)
    )
    return df, ext


def external_ids(
    df: pl.DataFrame,
    kind: KindSpec,
    importer: FactSteps,
    mapping: dict[str, str],
    errors: ErrorLog,
) -> pl.DataFrame:
    column = "external_id"
    if "external_id" in mapping:
        ext = pl.col("v_external_id")
        errors.add(
            df,
            "external_id",
            pl.when(ext.is_null()).then(pl.lit(_("外部编号为空"))).otherwise(None),
        )
    elif importer.external_ids is not None and (own := importer.external_ids(df, mapping, errors)):
        df, ext, column = own
    else:
        df, ext = _digest_ids(df, kind)
    df = df.with_columns(ext.alias("external_id"))
    first = (
        df.filter(pl.col("external_id").is_not_null())
        .group_by("external_id")
        .agg(pl.col(ROW).min().alias("_first"))
    )
    df = df.join(first, on="external_id", how="left", maintain_order="left")
    errors.add(
        df,
        column,
        pl.when(pl.col("_first").is_not_null() & (pl.col("_first") != pl.col(ROW)))
        .then(
            pl.format(
                _("外部编号“{}”在文件中重复（与第 {} 行相同）"),
                pl.col("external_id"),
                pl.col("_first"),
            )
        )
        .otherwise(None),
        value=pl.col("external_id"),
    )
    return df
