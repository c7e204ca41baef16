"""Frames in and out of the database at C speed, and index upkeep for big writes.

Everything runs on Django's connection, inside the caller's transaction:

- :func:`load_temp` puts a Polars frame into a new, index-free temp table: ``COPY … FROM
  STDIN`` (CSV written by Polars) on PostgreSQL, one prepared ``executemany`` on SQLite (an
  in-memory temp table; cheaper than inserting row by row into an ``AUTOINCREMENT`` table,
  which updates ``sqlite_sequence`` per statement).
- :func:`copy_into` appends a frame to a real table (``COPY`` on PostgreSQL; staged and moved
  with one ``INSERT … SELECT`` on SQLite).
- :func:`indexes_dropped` drops a table's secondary indexes (on PostgreSQL its unique
  constraints too) and builds them again on exit: for a write that is big beside the table,
  one sort per index beats a B-tree insertion per row and index. Inside the transaction, so
  a failure leaves the indexes as they were. SQLite's unique constraints live in the table
  definition and stay.
- :func:`is_big` decides when that pays off, by measurement (``bench.actuals``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection

SLICE_ROWS = 100_000
# COPY is fed in slices this small so that the server starts on the first rows (its index
# upkeep) while Polars writes the next ones as CSV: a daily batch's 50,000 lines were one
# slice, all written before the server got a row.
COPY_SLICE_ROWS = 5_000
# A write is "big" when the table holds at most RATIO × the rows written: building an index
# costs per row of the table what inserting costs per written row, measured ~1.3 vs ~1.9 µs
# on SQLite and ~0.8 vs ~2.6 µs on PostgreSQL (where index inserts also write full-page
# images to the WAL).
BIG_RATIO = {"sqlite": 0.5, "postgresql": 2.0}
BIG_MIN_ROWS = 20_000


def pg() -> bool:
    return connection.vendor == "postgresql"


def date_type() -> str:
    return "date" if pg() else "TEXT"


def _rows_of(table: str) -> int:
    """The table's size, from the ends of its primary key (two index probes, not a count;
    SQLite probes only for a lone MIN or MAX, so each is its own subquery)."""
    with connection.cursor() as cur:
        cur.execute(f"SELECT (SELECT MIN(id) FROM {table}), (SELECT MAX(id) FROM {table})")
        low, high = cur.fetchone()
    return 0 if low is None else int(high) - int(low) + 1


def is_big(table: str, rows: int) -> bool:
    """Whether writing ``rows`` rows into ``table`` is cheaper with its indexes rebuilt."""
    if rows < BIG_MIN_ROWS:
        return False
    return _rows_of(table) <= BIG_RATIO.get(connection.vendor, 0) * rows


def _csv_slices(frame: pl.DataFrame) -> Iterator[str]:
    # Strings quoted, nulls not: PostgreSQL's CSV reads "" as an empty string and an empty
    # unquoted field as NULL.
    for start in range(0, frame.height, COPY_SLICE_ROWS):
        part = frame.slice(start, COPY_SLICE_ROWS)
        yield part.write_csv(include_header=False, quote_style="non_numeric")


def _sqlite_rows(frame: pl.DataFrame) -> Iterator[tuple[Any, ...]]:
    # sqlite3's date adapter is deprecated: ISO text, which is what Django stores.
    text = frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))
    for start in range(0, text.height, SLICE_ROWS):
        yield from text.slice(start, SLICE_ROWS).iter_rows()


def _column_type(dtype: pl.DataType) -> str:
    if dtype == pl.Date:
        return date_type()
    if dtype == pl.String:
        return "TEXT"
    if dtype == pl.Boolean:
        return "boolean"
    return "bigint"


def load_temp(name: str, frame: pl.DataFrame, *, analyze: bool = False) -> None:
    """A new temp table ``name`` holding ``frame`` (columns typed from the frame)."""
    defs = ", ".join(f"{c} {_column_type(t)}" for c, t in frame.schema.items())
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {name}")
        cur.execute(f"CREATE TEMP TABLE {name} ({defs})")
    append(name, frame)
    if analyze and pg() and frame.height:
        with connection.cursor() as cur:
            cur.execute(f"ANALYZE {name}")  # a plan for the real size, not a guess


def append(table: str, frame: pl.DataFrame) -> None:
    """Add the rows of ``frame`` to ``table`` with the bulk loader (columns by name)."""
    if frame.height == 0:
        return
    connection.ensure_connection()
    raw = connection.connection
    cols = ", ".join(frame.columns)
    if pg():
        sql = f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)"
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for text in _csv_slices(frame):
                copy.write(text)
        return
    marks = ", ".join("?" for _ in frame.columns)
    cursor = raw.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", _sqlite_rows(frame))
    finally:
        cursor.close()


def fetch_frame(sql: str, params: list[Any], schema: dict[str, Any]) -> pl.DataFrame:
    """The rows of a query as a frame of ``schema`` (PostgreSQL: ``COPY (…) TO STDOUT``
    read by Polars; SQLite: one fetch, dates parsed from their ISO text)."""
    connection.ensure_connection()
    if pg():
        buffer = io.BytesIO()
        with connection.cursor() as cur:
            query = cur.mogrify(sql, params)
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy,
        ):
            for block in copy:
                buffer.write(block)
        if buffer.tell() == 0:
            return pl.DataFrame(schema=schema)
        buffer.seek(0)
        return pl.read_csv(buffer, has_header=False, new_columns=list(schema), schema=schema)
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    # A date column read straight from a table comes as a date (the driver converts declared
    # date columns); one computed or copied into a temp table comes as ISO text.
    texts = {
        c
        for i, (c, t) in enumerate(schema.items())
        if t == pl.Date and isinstance(next((r[i] for r in rows if r[i] is not None), ""), str)
    }
    frame = pl.DataFrame(
        rows, schema={c: (pl.String if c in texts else t) for c, t in schema.items()}, orient="row"
    )
    return frame.with_columns(pl.col(c).str.slice(0, 10).str.to_date("%Y-%m-%d") for c in texts)


def copy_into(table: str, frame: pl.DataFrame) -> int:
    """Append the rows of ``frame`` (columns named as the table's) to ``table``."""
    if frame.height == 0:
        return 0
    if pg():
        append(table, frame)
    else:
        load_temp("st_copy", frame)
        cols = ", ".join(frame.columns)
        with connection.cursor() as cur:
            cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM st_copy")
            cur.execute("DROP TABLE st_copy")
    return frame.height


def _index_definitions(table: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(unique constraints as (name, definition), other indexes as (name, CREATE statement))
    of ``table``, primary key excluded."""
    with connection.cursor() as cur:
        if not pg():
            cur.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
            return [], list(cur.fetchall())
        cur.execute(
            """SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
               WHERE c.contype = 'u' AND c.conrelid = %s::regclass""",
            [table],
        )
        constraints = list(cur.fetchall())
        cur.execute(
            """SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
               JOIN pg_class i ON i.oid = x.indexrelid
               WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS
                     (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""",
            [table],
        )
        return constraints, list(cur.fetchall())


@contextmanager
def indexes_dropped(tables: list[str]) -> Iterator[None]:
    """Drop the secondary indexes (PostgreSQL: and unique constraints) of ``tables``; build
    them again on the way out. PostgreSQL's ``DROP`` locks each table against readers and
    writers until the transaction ends; SQLite's readers keep their snapshot (WAL)."""
    dropped: list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]] = []
    with connection.cursor() as cur:
        for table in tables:
            constraints, indexes = _index_definitions(table)
            for name, _definition in constraints:
                cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _sql in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            dropped.append((table, constraints, indexes))
    yield
    with connection.cursor() as cur:
        for table, constraints, indexes in dropped:
            for name, definition in constraints:
                cur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for _name, sql in indexes:
                cur.execute(sql)
