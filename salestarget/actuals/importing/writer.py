"""Write prepared rows: stage them, upsert by (source, external_id), keep rollups current.

Inside the caller's transaction:

1. the rows go into the temp table ``st_stage`` (SQLite: ``executemany`` of tuples;
   PostgreSQL: ``COPY``);
2. the stored versions of the same external ids are copied to ``st_old``;
3. one ``INSERT … SELECT … ON CONFLICT (source, external_id) DO UPDATE … WHERE <changed>``
   inserts new lines and updates changed ones; an identical line is left alone;
4. the rollups get (new − old) (:func:`rollups.apply_fact_delta`), so the old days of a line
   whose date changed go down and the new days go up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.apps import apps
from django.db import connection

from salestarget.actuals import rollups
from salestarget.actuals.importing.pipeline import OUTPUT
from salestarget.actuals.importing.reading import ROW
from salestarget.actuals.sales_delta import LINE_COLUMNS, lines_frame

SLICE_ROWS = 100_000
DATE_COLUMNS = {
    "sold_on",
    "spent_on",
    "received_on",
    "opened_on",
    "closed_on",
    "surveyed_on",
    "month",
}
TEXT_COLUMNS = {"external_id", "order_no", "line_no", "category", "name", "stage"}
MODELS = {
    "sales": "SalesLine",
    "expense": "Expense",
    "payment": "Payment",
    "opportunity": "Opportunity",
    "survey": "SurveyResponse",
    "market_size": "MarketSize",
}


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def written(self) -> int:
        return self.inserted + self.updated


def table_of(kind: str) -> str:
    return apps.get_model("actuals", MODELS[kind])._meta.db_table


def _pg() -> bool:
    return connection.vendor == "postgresql"


def _create_stage(cur: object, kind: str) -> list[str]:
    columns = OUTPUT[kind]
    types = []
    for c in columns:
        if c in DATE_COLUMNS:
            types.append(f"{c} {'date' if _pg() else 'TEXT'}")
        elif c in TEXT_COLUMNS:
            types.append(f"{c} TEXT")
        else:
            types.append(f"{c} bigint")
    for name in ("st_stage", "st_old", "st_customers", "st_nc_before", "st_nc_after"):
        cur.execute(f"DROP TABLE IF EXISTS {name}")  # type: ignore[attr-defined]
    cur.execute(f"CREATE TEMP TABLE st_stage ({', '.join(types)})")  # type: ignore[attr-defined]
    return columns


def _load_stage(kind: str, rows: pl.DataFrame) -> None:
    columns = OUTPUT[kind]
    frame = rows.select(columns)
    if frame.height == 0:
        return
    raw = connection.connection
    if _pg():
        sql = f"COPY st_stage ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for start in range(0, frame.height, SLICE_ROWS):
                part = frame.slice(start, SLICE_ROWS)
                copy.write(part.write_csv(include_header=False, quote_style="non_numeric"))
        return
    frame = frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))
    marks = ", ".join("?" for _ in columns)
    cursor = raw.cursor()
    try:
        for start in range(0, frame.height, SLICE_ROWS):
            cursor.executemany(
                f"INSERT INTO st_stage ({', '.join(columns)}) VALUES ({marks})",
                frame.slice(start, SLICE_ROWS).iter_rows(),
            )
    finally:
        cursor.close()


def facts_write(*, kind: str, rows: pl.DataFrame, source: str, batch_id: int | None) -> WriteResult:
    """Upsert ``rows`` (the pipeline's output columns) and bring the rollups up to date."""
    if kind == "sales" and not _pg():
        return _sales_write_sqlite(rows, source, batch_id)
    table = table_of(kind)
    result = WriteResult()
    with connection.cursor() as cur:
        columns = _create_stage(cur, kind)
        _load_stage(kind, rows.drop(ROW, strict=False))
        cur.execute(
            f"""CREATE TEMP TABLE st_old AS
                SELECT f.id, {", ".join(f"f.{c}" for c in columns)}
                FROM st_stage s JOIN {table} f ON f.source = %s AND f.external_id = s.external_id""",
            [source],
        )
        cur.execute("SELECT COUNT(*) FROM st_old")
        old = int(cur.fetchone()[0])
        if kind == "sales":
            old_lines = _old_lines(cur)
            _before_sales(cur)
        # Changed lines are updated in place, new ones inserted (no ON CONFLICT: the stored
        # versions are known, and a plain insert is much cheaper; the unique constraint still
        # stops a concurrent import of the same ids, which then fails and writes nothing).
        distinct = "IS DISTINCT FROM" if _pg() else "IS NOT"
        sets = ", ".join(f"{c} = s.{c}" for c in columns[1:])
        differs = " OR ".join(f"s.{c} {distinct} o.{c}" for c in columns[1:])
        cur.execute(
            f"""UPDATE {table} SET {sets}, batch_id = %s
                FROM st_stage s JOIN st_old o ON o.external_id = s.external_id
                WHERE {table}.id = o.id AND ({differs})""",
            [batch_id],
        )
        result.updated = max(cur.rowcount, 0)
        cols = ", ".join(columns[1:])
        cur.execute(
            f"""INSERT INTO {table} (source, external_id, batch_id, {cols})
                SELECT %s, s.external_id, %s, {", ".join(f"s.{c}" for c in columns[1:])}
                FROM st_stage s
                WHERE NOT EXISTS (SELECT 1 FROM st_old o WHERE o.external_id = s.external_id)""",
            [source, batch_id],
        )
        result.inserted = max(cur.rowcount, 0)
        result.unchanged = old - result.updated
        if kind == "sales":
            _first_purchases(cur)
    if kind == "sales":
        rollups.apply_fact_delta(kind, new=rows, old=old_lines)
    else:
        rollups.apply_fact_delta(kind)
    return result


def facts_delete(*, kind: str, ids: list[int]) -> int:
    """Delete facts by id and take them out of the rollups."""
    table = table_of(kind)
    with connection.cursor() as cur:
        columns = _create_stage(cur, kind)
        marks = ", ".join(["%s"] * len(ids)) or "NULL"
        cur.execute(
            f"CREATE TEMP TABLE st_old AS SELECT id, {', '.join(columns)} FROM {table} WHERE id IN ({marks})",
            ids,
        )
        if kind == "sales":
            old_lines = _old_lines(cur)
            _before_sales(cur)
        cur.execute(f"DELETE FROM {table} WHERE id IN ({marks})", ids)
        deleted = max(cur.rowcount, 0)
    if kind == "sales":
        rollups.apply_fact_delta(kind, new=old_lines.clear(), old=old_lines)
    else:
        rollups.apply_fact_delta(kind)
    return deleted


def _sales_write_sqlite(rows: pl.DataFrame, source: str, batch_id: int | None) -> WriteResult:
    """SQLite, sales: no staging copy. The stored versions are found through a JSON array of
    the external ids, and the lines go straight into one prepared upsert (``executemany``);
    the rollup deltas come from the frames."""
    columns = OUTPUT["sales"]
    frame = rows.select(columns)
    result = WriteResult()
    with connection.cursor() as cur:
        for name in ("st_stage", "st_old", "st_customers", "st_nc_before", "st_nc_after"):
            cur.execute(f"DROP TABLE IF EXISTS {name}")
        cur.execute(
            f"""CREATE TEMP TABLE st_old AS
                SELECT f.id, {", ".join(f"f.{c}" for c in columns)}
                FROM json_each(%s) j JOIN actuals_salesline f
                  ON f.source = %s AND f.external_id = j.value""",
            [json.dumps(frame["external_id"].to_list()), source],
        )
        old_lines = _old_lines(cur)
        customers = pl.concat([frame["customer_id"], old_lines["customer_id"]]).unique().to_list()
        cur.execute("CREATE TEMP TABLE st_customers (customer_id bigint PRIMARY KEY)")
        raw = connection.connection.cursor()
        try:
            raw.executemany("INSERT INTO st_customers VALUES (?)", [(c,) for c in customers])
            rollups.new_customers_snapshot(cur, "st_nc_before")
            sets = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
            differs = " OR ".join(f"actuals_salesline.{c} IS NOT excluded.{c}" for c in columns[1:])
            marks = ", ".join("?" for _ in columns)
            sql = (
                f"INSERT INTO actuals_salesline (source, batch_id, {', '.join(columns)}) "
                f"VALUES (?, ?, {marks}) ON CONFLICT (source, external_id) "
                f"DO UPDATE SET {sets}, batch_id = excluded.batch_id WHERE {differs}"
            )
            text = frame.with_columns(pl.col(pl.Date).dt.strftime("%Y-%m-%d"))
            head = (source, batch_id)
            changed = 0
            for start in range(0, text.height, SLICE_ROWS):
                raw.executemany(sql, (head + r for r in text.slice(start, SLICE_ROWS).iter_rows()))
                changed += max(raw.rowcount, 0)
            firsts = (
                frame.filter(pl.col("amount") > 0)
                .group_by("customer_id")
                .agg(pl.col("sold_on").min().dt.strftime("%Y-%m-%d").alias("day"))
            )
            raw.executemany(
                "UPDATE catalog_customer SET first_purchase_on = ? WHERE id = ? "
                "AND (first_purchase_on IS NULL OR first_purchase_on > ?)",
                [(d, c, d) for c, d in firsts.iter_rows()],
            )
        finally:
            raw.close()
    old = old_lines.height
    result.inserted = frame.height - old
    result.updated = changed - result.inserted
    result.unchanged = old - result.updated
    rollups.apply_fact_delta("sales", new=frame, old=old_lines)
    return result


def _old_lines(cur: Any) -> pl.DataFrame:
    cur.execute(f"SELECT {', '.join(LINE_COLUMNS)} FROM st_old")
    return lines_frame(cur.fetchall())


def _before_sales(cur: object) -> None:
    cur.execute(  # type: ignore[attr-defined]
        "CREATE TEMP TABLE st_customers AS "
        "SELECT customer_id FROM st_stage UNION SELECT customer_id FROM st_old"
    )
    rollups.new_customers_snapshot(cur, "st_nc_before")


def _first_purchases(cur: object) -> None:
    """A customer's first purchase moves earlier when a positive line predates it."""
    cur.execute(  # type: ignore[attr-defined]
        """UPDATE catalog_customer SET first_purchase_on = m.first_day
           FROM (SELECT customer_id, MIN(sold_on) AS first_day FROM st_stage
                 WHERE amount > 0 GROUP BY customer_id) m
           WHERE catalog_customer.id = m.customer_id
             AND (catalog_customer.first_purchase_on IS NULL
                  OR catalog_customer.first_purchase_on > m.first_day)"""
    )
