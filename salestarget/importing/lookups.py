"""Resolving references column-wise: which stored record each cell names.

A reference cell is matched against codes first (exactly, then ignoring case), then against
exact full names; a name shared by several records is ambiguous and refused. The records to
match against come as a small frame (id, code, name) from the app that owns them.
"""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext as _

from salestarget.importing.normalise import text


def resolve(
    frame: pl.DataFrame, column: str, lookup: pl.DataFrame, *, what: str
) -> tuple[pl.Series, pl.Series]:
    """The id each cell of ``column`` refers to, and a reason where it refers to nothing (or to
    more than one record).

    Codes and names on file are cleaned as the cells were (full-width characters folded,
    trimmed), so "甲公司（北京）" in master data matches the same text in any file."""
    lookup = lookup.with_columns(
        text(pl.col("code")).alias("code"), text(pl.col("name")).alias("name")
    )
    keys = frame.select(pl.col(column).alias("_k"))
    by_code = lookup.select(pl.col("code").alias("_k"), pl.col("id").alias("_code"))
    by_upper = lookup.group_by(pl.col("code").str.to_uppercase().alias("_ku")).agg(
        pl.col("id").first().alias("_ci"), pl.len().alias("_nci")
    )
    by_name = lookup.group_by(pl.col("name").alias("_k")).agg(
        pl.col("id").first().alias("_name"), pl.len().alias("_nn")
    )
    joined = (
        keys.with_columns(pl.col("_k").str.to_uppercase().alias("_ku"))
        .join(by_code, on="_k", how="left", maintain_order="left")
        .join(by_upper, on="_ku", how="left", maintain_order="left")
        .join(by_name, on="_k", how="left", maintain_order="left")
    )
    found = joined.select(
        pl.coalesce(
            pl.col("_code"),
            pl.when(pl.col("_nci") == 1).then(pl.col("_ci")),
            pl.when(pl.col("_nn") == 1).then(pl.col("_name")),
        ).alias("id"),
        pl.when(pl.col("_k").is_null())
        .then(None)
        .when(pl.col("_code").is_not_null() | (pl.col("_nci") == 1) | (pl.col("_nn") == 1))
        .then(None)
        .when(pl.col("_nn") > 1)
        .then(
            pl.format(
                _("名称“{}”对应 {} 个{}，请改用编码"), pl.col("_k"), pl.col("_nn"), pl.lit(what)
            )
        )
        .otherwise(pl.format(_("找不到{}“{}”（按编码或完整名称查找）"), pl.lit(what), pl.col("_k")))
        .alias("reason"),
    )
    return found["id"], found["reason"]


def unmatched(frame: pl.DataFrame, column: str, lookup: pl.DataFrame) -> pl.Series:
    """Whether each cell of ``column`` names no stored record at all — by code (in any case)
    or by full name, cleaned as :func:`resolve` cleans them: a record the file names and
    nobody has yet. A name several records share is ambiguous, not unmatched."""
    cleaned = lookup.select(
        text(pl.col("code")).str.to_uppercase().alias("code"), text(pl.col("name")).alias("name")
    )
    cell = pl.col(column)
    known = cell.str.to_uppercase().is_in(cleaned["code"].drop_nulls().implode()) | cell.is_in(
        cleaned["name"].drop_nulls().implode()
    )
    return frame.select((cell.is_not_null() & ~known).alias("unmatched"))["unmatched"]
