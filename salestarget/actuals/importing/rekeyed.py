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
TWIN_SCHEMA = {"sold_on": pl.Date, **dict.fromkeys(TWIN[1:], pl.Int64)}


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
    TWIN columns) that the source holds already under an id made another way.

    Linear in the rows and in the stored lines of the file's (customer, day) pairs, whatever
    the table holds besides: those lines are fetched once per pair (not once per row of the
    file), grouped by how their id was made, and only then matched to the rows — thousands
    of identical till sales no longer meet thousands of stored ones pair by pair."""
    candidates = rows.select(ROW, "external_id", *TWIN).drop_nulls().cast(TWIN_SCHEMA)  # type: ignore[arg-type]
    if candidates.height == 0 or not _source_has_lines(source):
        return pl.DataFrame(schema=ERROR_SCHEMA)
    # The stored lines of the file's (customer, day) pairs, each pair looked up through the
    # (customer, day) index, then matched to the file's lines here: a daily file of 50,000
    # lines names a few hundred pairs, and what is read is their lines, never more of the
    # table. Matching all six values in SQL instead let PostgreSQL merge-join the file with
    # the customer index from its start (2.2M of 10.6M lines walked for one day's file).
    # CROSS JOIN keeps the pairs the outer loop on SQLite (a plain JOIN let its planner walk
    # every stored line of the source and scan the file for each: 47 s instead of 0.3 s).
    days = candidates.select("sold_on", "customer_id").unique()
    bulk.load_temp("st_twin_days", days, analyze=True)
    stored = bulk.fetch_frame(
        f"""SELECT d.sold_on, d.customer_id, {", ".join(f"f.{c}" for c in TWIN[2:])},
                   f.external_id FROM st_twin_days d
            CROSS JOIN actuals_salesline f WHERE f.source = %s
            AND f.customer_id = d.customer_id AND f.sold_on = d.sold_on""",
        [source],
        {**TWIN_SCHEMA, "external_id": pl.String},
    )
    with connection.cursor() as cur:
        cur.execute("DROP TABLE st_twin_days")
    # One stored id per line and way of making ids: the first, so the message is stable.
    ways = stored.group_by(*TWIN, id_way(pl.col("external_id")).alias("_way")).agg(
        pl.col("external_id").min()
    )
    twins = (
        candidates.with_columns(id_way(pl.col("external_id")).alias("_new_way"))
        .join(ways, on=TWIN, how="inner", suffix="_stored")
        .filter(pl.col("_way") != pl.col("_new_way"))
    )
    if twins.height == 0:
        return pl.DataFrame(schema=ERROR_SCHEMA)
    # A line whose id the source holds already is that line, updated in place: it cannot
    # count twice. Asked only of the lines with a twin under another id (an unchanged
    # re-import's lines meet themselves, made the same way, and a day's new lines rarely
    # have a twin at all), not of every line of the file: one lookup per line on the unique
    # index cost a daily batch as much as writing one more index.
    held = _ids_held(twins.select("external_id").unique(), source)
    found = (
        twins.filter(~pl.col("external_id").is_in(held.implode()))
        .group_by(ROW, maintain_order=True)
        .agg(pl.col("external_id_stored").min(), pl.col("external_id").first())
        .sort(ROW)
    )
    return found.select(
        pl.col(ROW).alias("row"),
        pl.lit(column).alias("column"),
        pl.col("external_id").alias("value"),
        pl.format(
            _(
                "这一行已经以外部编号“{}”导入过（日期、客户、产品、人员、数量、金额都相同）；"
                "这次的列映射生成了另一个编号，再导入会重复计算。请改回上次的列映射，"
                "或选择只导入正确的行跳过它"
            ),
            pl.col("external_id_stored"),
        ).alias("reason"),
    ).cast(ERROR_SCHEMA)  # type: ignore[arg-type]


def _ids_held(ids: pl.DataFrame, source: str) -> pl.Series:
    """Which of ``ids`` (one column, external_id) the source holds, by its unique index."""
    bulk.load_temp("st_file_ids", ids, analyze=True)
    held = bulk.fetch_frame(
        """SELECT f.external_id FROM st_file_ids i CROSS JOIN actuals_salesline f
           WHERE f.source = %s AND f.external_id = i.external_id""",
        [source],
        {"external_id": pl.String},
    )["external_id"]
    with connection.cursor() as cur:
        cur.execute("DROP TABLE st_file_ids")
    return held


def _source_has_lines(source: str) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM actuals_salesline WHERE source = %s LIMIT 1", [source])
        return cur.fetchone() is not None


def rekeyed_check(rows: pl.DataFrame, source: str) -> pl.DataFrame:
    """The sales kind's ``row_check``: :func:`rekeyed_lines`, reported in the id column."""
    return rekeyed_lines(rows, source=source, column=str(_("外部编号")))
