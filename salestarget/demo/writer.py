"""Bulk writes of generated facts straight through the DB-API, bypassing model instances.

SQLite gets ``executemany`` on one prepared INSERT, in slices; PostgreSQL gets ``COPY … FROM
STDIN`` in CSV. Frames carry model attribute names (``customer_id``) and stored values
(``ExactDecimalField`` columns as integers of 1/10,000). Columns a frame leaves out are
written as the field's default, so a field added to a fact model later does not break the
demo. The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection, models

SLICE_ROWS = 100_000


def _columns(model: type[models.Model], frame: pl.DataFrame) -> tuple[list[str], pl.DataFrame]:
    """The table's column names for the frame, with defaults added for fields it lacks."""
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    unknown = set(frame.columns) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no fields {sorted(unknown)}")
    extra: dict[str, Any] = {}
    for name, f in fields.items():
        if name in frame.columns:
            continue
        if f.has_default():
            extra[name] = f.get_db_prep_save(f.get_default(), connection)
        elif not f.null:
            raise ValueError(f"{model.__name__}.{name} has no value and no default")
    if extra:
        frame = frame.with_columns(pl.lit(v).alias(k) for k, v in extra.items())
    names = [n for n in frame.columns if n in fields]
    return [fields[n].column for n in names], frame.select(names)


def facts_write(model: type[models.Model], frame: pl.DataFrame) -> int:
    """Insert the rows of ``frame`` into ``model``'s table; returns how many."""
    if frame.height == 0:
        return 0
    columns, frame = _columns(model, frame)
    table = model._meta.db_table
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "postgresql":
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for start in range(0, frame.height, SLICE_ROWS):
                copy.write(frame.slice(start, SLICE_ROWS).write_csv(include_header=False))
        return frame.height
    # sqlite3 has no adapter for dates worth relying on (deprecated in 3.12): send ISO text.
    frame = frame.with_columns(pl.col(pl.Date).cast(pl.String))
    marks = ", ".join("?" if connection.vendor == "sqlite" else "%s" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    cursor = raw.cursor()
    try:
        for start in range(0, frame.height, SLICE_ROWS):
            cursor.executemany(sql, frame.slice(start, SLICE_ROWS).iter_rows())
    finally:
        cursor.close()
    return frame.height


@contextmanager
def indexes_deferred(model: type[models.Model]) -> Iterator[None]:
    """Drop the table's plain indexes (not those behind constraints) for a bulk load and build
    them again after: sorting once is much faster than updating ten B-trees per row. Inside
    the caller's transaction, so a failed load leaves the indexes as they were."""
    table = model._meta.db_table
    if connection.vendor == "sqlite":
        find = (
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL"
        )
    elif connection.vendor == "postgresql":
        find = (
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = %s AND NOT x.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        )
    else:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(find, [table])
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
