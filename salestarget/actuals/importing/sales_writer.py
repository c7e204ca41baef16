"""Write validated sales lines: upsert by (source, external_id), set-based, rollups kept exact.

Inside the caller's transaction:

1. the batch's external ids go into a temp table with the bulk loader (``bulk.load_temp``),
   and the stored versions of those lines are read straight back: the stored lines of the
   batch's id range when it holds few (a day's new ids: none), else one join on the unique
   index (:func:`_stored_versions`);
2. Polars sorts the batch into new, changed and identical lines;
3. the new lines are appended with the bulk loader (``COPY`` on PostgreSQL), the changed ones
   rewritten by one ``UPDATE … FROM`` a staged copy; identical lines are left alone;
4. the rollups get (new − old) of the new and changed lines, grouped in Polars from the
   frames (:func:`rollups.apply_fact_delta`): a new line needs no read-back. The grouping
   starts on a thread of its own before step 3 and runs while the database keeps the lines'
   indexes (:func:`sales_delta.sales_deltas_ahead`).

When the batch is big beside the table (a first load, a yearly file into a young database)
the table's secondary indexes are dropped for the insert and built again after
(``bulk.indexes_dropped``); on PostgreSQL the table is locked against other writers first,
since its unique constraint is among them.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import polars as pl
from django.db import connection
from django.utils.translation import ngettext

from salestarget.actuals import bulk, rollups, sales_delta
from salestarget.actuals.sales_delta import LINE_COLUMNS
from salestarget.importing.kinds import WriteResult

TABLE = "actuals_salesline"
# The columns of a prepared sales line (the pipeline's output for sales).
COLUMNS = (
    "external_id",
    "sold_on",
    "order_no",
    "line_no",
    "customer_id",
    "product_id",
    "person_id",
    "node_id",
    "channel_id",
    "customer_type_id",
    "region_id",
    "quantity",
    "amount",
    "cost",
)
TEMPS = (
    "st_ids",
    "st_changed",
    "st_customers",
    "st_nc_before",
    "st_nc_after",
)
SCHEMA = {
    "external_id": pl.String,
    "sold_on": pl.Date,
    "order_no": pl.String,
    "line_no": pl.String,
    **dict.fromkeys(COLUMNS[4:], pl.Int64),
}


def _count(cur: object) -> int:
    return max(int(cur.rowcount), 0)  # type: ignore[attr-defined]


def sales_write(*, rows: pl.DataFrame, source: str, batch_id: int | None) -> WriteResult:
    """Upsert the lines."""
    columns = list(COLUMNS)
    frame = rows.select(columns).cast(SCHEMA)  # type: ignore[arg-type]
    big = bulk.is_big(TABLE, frame.height)
    rollups.facts_writer_lock()  # before the stored lines are read: see its docstring
    with connection.cursor() as cur:
        for name in TEMPS:
            cur.execute(f"DROP TABLE IF EXISTS {name}")
        if big and bulk.pg():
            # Its unique constraint is dropped below: no other import may write meanwhile.
            cur.execute(f"LOCK TABLE {TABLE} IN SHARE ROW EXCLUSIVE MODE")
        old = _stored_versions(cur, frame, source)
        new, changed, before = _classify(frame, old)
        if new.height == 0 and changed.height == 0:
            # Every line stored as it is (an unchanged re-import): nothing to write, no
            # rollup moves, and nothing downstream (forecast, good news) is told it did.
            return WriteResult(unchanged=old.height)
        grouped = sales_delta.sales_deltas_ahead(
            pl.concat([new.select(LINE_COLUMNS), changed.select(LINE_COLUMNS)]), before
        )
        customers = pl.concat([frame["customer_id"], old["customer_id"]]).unique()
        bulk.load_temp("st_customers", customers.to_frame())
        rollups.new_customers_snapshot(cur, "st_nc_before")

        with bulk.indexes_dropped([TABLE]) if big else nullcontext():
            if changed.height:
                bulk.load_temp("st_changed", changed)
                sets = ", ".join(f"{c} = s.{c}" for c in columns[1:])
                cur.execute(
                    f"UPDATE {TABLE} SET {sets}, batch_id = %s FROM st_changed s "
                    f"WHERE {TABLE}.id = s.id",
                    [batch_id],
                )
            bulk.copy_into(
                TABLE,
                new.with_columns(
                    pl.lit(source).alias("source"), pl.lit(batch_id, pl.Int64).alias("batch_id")
                ),
            )
        rollups.first_purchases_derive(cur, customers="SELECT customer_id FROM st_customers")
    rollups.apply_fact_delta("sales", grouped=grouped)
    return WriteResult(
        inserted=new.height,
        updated=changed.height,
        unchanged=old.height - changed.height,
        notes=_unknown_costs(frame),
    )


# How many stored lines a batch's id range may hold, per line of the batch, for them to be
# read by that range (else each id is looked up on the unique index).
RANGE_ROWS_PER_LINE = 2


def _stored_versions(cur: Any, frame: pl.DataFrame, source: str) -> pl.DataFrame:
    """The stored versions (id and COLUMNS) of the batch's lines, by (source, external id).

    A day's file from an ERP names new ids that sort after the ones the source sent before:
    its id range (from the first to the last, in the database's order) holds no stored line,
    which one probe of the unique index shows; the range's few stored lines are read and
    matched here. Only when the range holds more than ``RANGE_ROWS_PER_LINE`` stored lines a
    line (ids from digests are spread over all the source's) is each id looked up: 50,000
    probes, which cost a daily batch ~0.16 s on the large demo."""
    ids = frame.select("external_id")
    if bulk.pg():
        # PostgreSQL orders text by the database's collation, which Polars does not know.
        bulk.load_temp("st_ids", ids)
        cur.execute("SELECT MIN(external_id), MAX(external_id) FROM st_ids")
        low, high = cur.fetchone()
    else:
        # SQLite compares text byte by byte (BINARY), as Polars does; staging 50k ids to ask
        # it cost a batch ~0.07 s.
        low, high = ids["external_id"].min(), ids["external_id"].max()
    limit = RANGE_ROWS_PER_LINE * frame.height
    in_range = "f.source = %s AND f.external_id >= %s AND f.external_id <= %s"
    cur.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} f WHERE {in_range} LIMIT %s) x",
        [source, low, high, limit],
    )
    schema = {"id": pl.Int64, **SCHEMA}
    cols = ", ".join(f"f.{c}" for c in COLUMNS)
    if cur.fetchone()[0] < limit:
        stored = bulk.fetch_frame(
            f"SELECT f.id, {cols} FROM {TABLE} f WHERE {in_range}", [source, low, high], schema
        )
        return stored.join(frame.select("external_id"), on="external_id", how="semi")
    if bulk.pg():
        cur.execute("ANALYZE st_ids")  # a plan for 50k probes, not a guess
    else:
        bulk.load_temp("st_ids", ids)
    return bulk.fetch_frame(
        f"""SELECT f.id, {cols}
            FROM st_ids s JOIN {TABLE} f ON f.source = %s AND f.external_id = s.external_id""",
        [source],
        schema,
    )


def _unknown_costs(frame: pl.DataFrame) -> list[str]:
    n = frame["cost"].null_count()
    if not n:
        return []
    return [
        ngettext(
            "%(n)s 行成本未知（文件没有成本、毛利或毛利率，产品也没有标准成本）：毛利只按已知成本的收入计算，这些行的金额另计为“成本未知的收入”；请补充成本、毛利或产品标准成本。",
            "%(n)s 行成本未知（文件没有成本、毛利或毛利率，产品也没有标准成本）：毛利只按已知成本的收入计算，这些行的金额另计为“成本未知的收入”；请补充成本、毛利或产品标准成本。",
            n,
        )
        % {"n": n}
    ]


def _classify(
    frame: pl.DataFrame, old: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(new lines, changed lines with the stored id, the stored versions of the changed lines
    as LINE_COLUMNS). A line is changed when any stored column differs; an identical one is
    left alone and moves no rollup."""
    if old.height == 0:
        return (
            frame,
            frame.clear().with_columns(pl.lit(0, pl.Int64).alias("id")),
            old.select(LINE_COLUMNS),
        )
    columns = frame.columns
    joined = frame.join(old, on="external_id", how="left", suffix="_old")
    stored = pl.col("id").is_not_null()
    same = pl.all_horizontal(pl.col(c).eq_missing(pl.col(f"{c}_old")) for c in columns[1:])
    changed = joined.filter(stored & ~same)
    return (
        joined.filter(~stored).select(columns),
        changed.select("id", *columns),
        changed.select(pl.col(f"{c}_old").alias(c) for c in LINE_COLUMNS),
    )
