"""The sales part of incremental rollup upkeep, aggregated with Polars.

A write of sales lines changes the rollups by (new versions − old versions) of the lines it
touched. Grouping that difference to the SalesDaily, SalesMonthly and PersonDaily grains is a
hash aggregation in Polars (much faster than SQLite's sort-based GROUP BY on a million lines);
the sums are then added to the tables with one upsert per grain, in key order.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import connection

from salestarget.actuals.rollups import GRAIN_LIST, PD_LIST, SALES_LIST

LINE_COLUMNS = ["sold_on", *GRAIN_LIST, "quantity", "amount", "cost", "customer_id"]
SLICE_ROWS = 100_000


def lines_frame(rows: list[tuple[Any, ...]]) -> pl.DataFrame:
    """Rows of LINE_COLUMNS from a cursor (SQLite hands dates out as text)."""
    frame = (
        pl.DataFrame(
            rows,
            schema={c: (pl.String if c == "sold_on" else pl.Int64) for c in LINE_COLUMNS},
            orient="row",
        )
        if rows and isinstance(rows[0][0], str)
        else pl.DataFrame(
            rows,
            schema={c: (pl.Date if c == "sold_on" else pl.Int64) for c in LINE_COLUMNS},
            orient="row",
        )
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
    )


def _nonzero(cols: list[str]) -> pl.Expr:
    return pl.any_horizontal(pl.col(c) != 0 for c in cols)


def sales_deltas(
    new: pl.DataFrame, old: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(daily, monthly, person-daily) differences, zero rows dropped, in key order."""
    both = pl.concat([_signed(new.select(LINE_COLUMNS), 1), _signed(old.select(LINE_COLUMNS), -1)])
    sums = [pl.col(c).sum() for c in SALES_LIST]
    daily = (
        both.group_by(["day", *GRAIN_LIST])
        .agg(sums)
        .filter(_nonzero(SALES_LIST))
        .sort(["day", *GRAIN_LIST])
    )
    monthly = (
        daily.with_columns(pl.col("day").dt.month_start().alias("month"))
        .group_by(["month", *GRAIN_LIST])
        .agg(sums)
        .filter(_nonzero(SALES_LIST))
        .sort(["month", *GRAIN_LIST])
    )
    person = (
        daily.group_by(["day", "node_id", "person_id"])
        .agg(sums)
        .with_columns(pl.lit(0, pl.Int64).alias(c) for c in PD_LIST[len(SALES_LIST) :])
    )
    return daily, monthly, person.select(["day", "node_id", "person_id", *PD_LIST])


def _dates_as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))


def load_temp(table: str, frame: pl.DataFrame, types: dict[str, str]) -> None:
    """Put ``frame`` into a new temp table (SQLite: executemany; PostgreSQL: COPY)."""
    cols = ", ".join(frame.columns)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {table}")
        defs = ", ".join(f"{c} {types.get(c, 'bigint')}" for c in frame.columns)
        cur.execute(f"CREATE TEMP TABLE {table} ({defs})")
    if frame.height == 0:
        return
    raw = connection.connection
    if connection.vendor == "postgresql":
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy,
        ):
            for start in range(0, frame.height, SLICE_ROWS):
                copy.write(frame.slice(start, SLICE_ROWS).write_csv(include_header=False))
        return
    frame = _dates_as_text(frame)
    marks = ", ".join("?" for _ in frame.columns)
    cursor = raw.cursor()
    try:
        for start in range(0, frame.height, SLICE_ROWS):
            cursor.executemany(
                f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                frame.slice(start, SLICE_ROWS).iter_rows(),
            )
    finally:
        cursor.close()


def add_to(table: str, keys: list[str], frame: pl.DataFrame) -> None:
    """table[keys] += frame's sums (rows are created as needed; emptied rows removed)."""
    if frame.height == 0:
        return
    sums = [c for c in frame.columns if c not in keys]
    add = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in sums)
    cols = ", ".join(frame.columns)
    upsert = f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {add}"
    if connection.vendor == "postgresql":
        load_temp("st_add", frame, {keys[0]: "date"})
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {table} ({cols}) SELECT {cols} FROM st_add WHERE true {upsert}"
            )
    else:
        marks = ", ".join("?" for _ in frame.columns)
        cursor = connection.connection.cursor()
        try:
            text = _dates_as_text(frame)
            for start in range(0, text.height, SLICE_ROWS):
                cursor.executemany(
                    f"INSERT INTO {table} ({cols}) VALUES ({marks}) {upsert}",
                    text.slice(start, SLICE_ROWS).iter_rows(),
                )
        finally:
            cursor.close()
    emptied = frame.filter(pl.col("lines") < 0)[keys[0]].unique().to_list()
    if emptied:
        marks = ", ".join(["%s"] * len(emptied))
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {table} WHERE lines = 0 AND {keys[0]} IN ({marks})", emptied)
