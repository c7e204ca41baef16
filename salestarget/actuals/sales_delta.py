"""The sales part of incremental rollup upkeep, aggregated with Polars.

A write of sales lines changes the rollups by (new versions − old versions) of the lines it
touched. Grouping that difference to the SalesMonthly and PersonDaily grains is a
hash aggregation in Polars (much faster than SQLite's sort-based GROUP BY on a million lines);
the sums are then staged with the bulk loader and added with one set-based statement per
grain (:func:`add_to`).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from typing import Any

import polars as pl
from django.db import connection

from salestarget.actuals import bulk
from salestarget.actuals.rollup_columns import GRAIN_LIST, PD_LIST, SALES_LIST

LINE_COLUMNS = ["sold_on", *GRAIN_LIST, "quantity", "amount", "cost", "customer_id"]


LINE_SCHEMA = {c: (pl.Date if c == "sold_on" else pl.Int64) for c in LINE_COLUMNS}


def lines_frame(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    """Rows of LINE_COLUMNS from a cursor (SQLite hands dates out as text)."""
    frame = (
        pl.DataFrame(
            rows,
            schema={c: (pl.String if c == "sold_on" else pl.Int64) for c in LINE_COLUMNS},
            orient="row",
        )
        if rows and isinstance(rows[0][0], str)
        else pl.DataFrame(rows, schema=LINE_SCHEMA, orient="row")
    )
    if frame.schema["sold_on"] == pl.String:
        frame = frame.with_columns(pl.col("sold_on").str.to_date())
    return frame


def _signed(frame: pl.DataFrame, sign: int) -> pl.DataFrame:
    amount = pl.col("amount")
    return frame.select(
        pl.col("sold_on").alias("day"),
        *GRAIN_LIST,
        (amount * sign).alias("amount"),
        (pl.when(amount > 0).then(amount).otherwise(0) * sign).alias("gross_amount"),
        (pl.when(amount < 0).then(-amount).otherwise(0) * sign).alias("returned_amount"),
        (pl.col("quantity") * sign).alias("quantity"),
        (pl.col("cost") * sign).alias("cost"),
        pl.lit(sign, pl.Int64).alias("lines"),
        # the amount of a line whose cost is unknown (null), left out of gross profit
        (pl.when(pl.col("cost").is_null()).then(amount).otherwise(0) * sign).alias(
            "uncosted_amount"
        ),
    )


def _nonzero(cols: list[str]) -> pl.Expr:
    return pl.any_horizontal(pl.col(c) != 0 for c in cols)


def sales_deltas(new: pl.DataFrame, old: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(monthly, person-daily) differences, zero monthly rows dropped. Monthly rows come
    ordered by the first three columns of their grain's unique index, so that adding them
    walks the B-tree forwards (a full seven-column sort costs more than it saves)."""
    both = pl.concat([_signed(new.select(LINE_COLUMNS), 1), _signed(old.select(LINE_COLUMNS), -1)])
    sums = [pl.col(c).sum() for c in SALES_LIST]
    monthly = (
        both.with_columns(pl.col("day").dt.month_start().alias("month"))
        .group_by(["month", *GRAIN_LIST])
        .agg(sums)
        .filter(_nonzero(SALES_LIST))
        .sort(["month", "node_id", "person_id"])
    )
    person = (
        both.group_by(["day", "node_id", "person_id"])
        .agg(sums)
        .with_columns(pl.lit(0, pl.Int64).alias(c) for c in PD_LIST[len(SALES_LIST) :])
    )
    return monthly, person.select(["day", "node_id", "person_id", *PD_LIST])


Deltas = tuple[pl.DataFrame, pl.DataFrame]


def sales_deltas_ahead(new: pl.DataFrame, old: pl.DataFrame) -> Future[Deltas]:
    """:func:`sales_deltas` grouped on a thread of its own, started before the writer hands
    the lines to the database: Polars lets go of the GIL, so the grouping runs on the second
    core while the database keeps the lines' indexes (a daily batch's longest wait), not
    after it. The thread touches no database connection."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sales-deltas")
    try:
        return pool.submit(sales_deltas, new, old)
    finally:
        pool.shutdown(wait=False)  # the thread ends with its one task


def add_to(table: str, keys: list[str], frame: pl.DataFrame) -> None:
    """table[keys] += frame's sums (rows are created as needed; emptied rows removed).

    The sums are staged with the bulk loader and added with one set-based statement: an
    upsert on the grain's unique constraint, or, when the write is big beside the table on
    PostgreSQL, with the table's constraint and indexes dropped, one ``UPDATE … FROM`` of the
    rows that exist and one ``INSERT`` of the others (hash joins instead of an index probe
    per row)."""
    if frame.height == 0:
        return
    sums = [c for c in frame.columns if c not in keys]
    cols = ", ".join(frame.columns)
    big = bulk.is_big(table, frame.height)
    bulk.load_temp("st_add", frame, analyze=big)
    with connection.cursor() as cur, bulk.indexes_dropped([table]) if big else nullcontext():
        if big and bulk.pg():
            match = " AND ".join(f"t.{k} = s.{k}" for k in keys)
            add = ", ".join(f"{c} = t.{c} + s.{c}" for c in sums)
            cur.execute(f"UPDATE {table} t SET {add} FROM st_add s WHERE {match}")
            cur.execute(
                f"""INSERT INTO {table} ({cols}) SELECT {cols} FROM st_add s
                    WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match})"""
            )
        else:
            add = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in sums)
            cur.execute(
                f"""INSERT INTO {table} ({cols}) SELECT {cols} FROM st_add WHERE true
                    ON CONFLICT ({", ".join(keys)}) DO UPDATE SET {add}"""
            )
    emptied = frame.filter(pl.col("lines") < 0)[keys[0]].unique().to_list()
    if emptied:
        marks = ", ".join(["%s"] * len(emptied))
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {table} WHERE lines = 0 AND {keys[0]} IN ({marks})", emptied)
