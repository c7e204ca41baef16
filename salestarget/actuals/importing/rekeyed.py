"""Sales lines a source already brought in under external ids made another way.

A file's sales lines get their external ids from its columns: an id column, order and line
numbers, or a digest of the line itself (``pipeline._external_ids``). Import an overlapping file
again with another column mapping, say with the order number mapped this time, and its lines
would get new ids and count twice. So before anything is written, the lines of a file are
matched against the lines the same source already holds on what a line is (date, customer,
product, person, quantity, amount); a stored twin whose id was made another way makes the row an
error that names the stored id. Twins whose ids were made the same way are different lines
(two identical sales in two orders) and pass.
"""

from __future__ import annotations

import polars as pl
from django.db import connection
from django.utils.translation import gettext as _

from salestarget.actuals import bulk
from salestarget.importing.errors import ERROR_SCHEMA
from salestarget.importing.reading import ROW

TWIN = ["sold_on", "customer_id", "product_id", "person_id", "quantity", "amount"]


def id_way(ids: pl.Expr) -> pl.Expr:
    """How an external id was made: from a digest of the line, from order numbers, or given."""
    return (
        pl.when(ids.str.starts_with("h:"))
        .then(pl.lit("digest"))
        .when(ids.str.contains("#", literal=True))
        .then(pl.lit("order"))
        .otherwise(pl.lit("column"))
    )


def rekeyed_lines(rows: pl.DataFrame, *, source: str, column: str) -> pl.DataFrame:
    """Errors (row, column, value, reason) for the rows of ``rows`` (ROW, external_id and the
    TWIN columns) that the source holds already under an id made another way."""
    candidates = rows.select(ROW, "external_id", *TWIN).drop_nulls()
    if candidates.height == 0 or not _source_has_lines(source):
        return pl.DataFrame(schema=ERROR_SCHEMA)
    bulk.load_temp("st_twins", candidates)
    match = " AND ".join(f"f.{c} = t.{c}" for c in TWIN)
    stored = bulk.fetch_frame(
        f"""SELECT t.{ROW}, f.external_id FROM st_twins t
            JOIN actuals_salesline f ON f.source = %s AND {match}
            WHERE f.external_id <> t.external_id""",
        [source],
        {ROW: pl.Int64, "external_id": pl.String},
    )
    with connection.cursor() as cur:
        cur.execute("DROP TABLE st_twins")
    found = (
        stored.join(candidates.select(ROW, "external_id"), on=ROW, suffix="_new")
        .filter(id_way(pl.col("external_id")) != id_way(pl.col("external_id_new")))
        .filter(~pl.col("external_id").is_in(candidates["external_id"].implode()))
        .group_by(ROW, maintain_order=True)
        .agg(pl.col("external_id").first(), pl.col("external_id_new").first())
    )
    return found.select(
        pl.col(ROW).alias("row"),
        pl.lit(column).alias("column"),
        pl.col("external_id_new").alias("value"),
        pl.format(
            _(
                "这一行已经以外部编号“{}”导入过（日期、客户、产品、人员、数量、金额都相同）；"
                "这次的列映射生成了另一个编号，再导入会重复计算。请改回上次的列映射，"
                "或选择只导入正确的行跳过它"
            ),
            pl.col("external_id"),
        ).alias("reason"),
    ).cast(ERROR_SCHEMA)  # type: ignore[arg-type]


def _source_has_lines(source: str) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM actuals_salesline WHERE source = %s LIMIT 1", [source])
        return cur.fetchone() is not None


def rekeyed_check(rows: pl.DataFrame, source: str) -> pl.DataFrame:
    """The sales kind's ``row_check``: :func:`rekeyed_lines`, reported in the id column."""
    return rekeyed_lines(rows, source=source, column=str(_("外部编号")))
