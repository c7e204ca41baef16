"""Write prepared rows: stage them, upsert by (source, external_id), keep rollups current.

Sales lines have their own writer (:mod:`sales_writer`, the sales kind's ``store`` hook: the
biggest table, rollups grouped in Polars). The other kinds, inside the caller's transaction:

1. the rows go into the temp table ``st_stage`` with the bulk loader (``bulk``);
2. the stored versions of the same external ids are copied to ``st_old``;
3. one ``UPDATE … FROM`` rewrites the changed rows, one ``INSERT … SELECT`` adds the new ones;
   an identical row is left alone;
4. the rollups get (new − old) (:func:`rollups.apply_fact_delta`), so the old days of a fact
   whose date changed go down and the new days go up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from django.apps import apps
from django.db import connection

from salestarget.actuals import bulk, rollups
from salestarget.actuals.sales_delta import LINE_COLUMNS, lines_frame
from salestarget.importing.kinds import KindSpec, WriteResult
from salestarget.importing.reading import ROW

DATE_COLUMNS = {
    "sold_on",
    "spent_on",
    "received_on",
    "opened_on",
    "closed_on",
    "surveyed_on",
    "month",
    "occurred_on",
}
TEXT_COLUMNS = {
    "external_id",
    "order_no",
    "line_no",
    "category",
    "name",
    "stage",
    "occurred_at",
    "kind",
    "status",
    "lead",
    "outcome",
    "notes",
}
BOOLEAN_COLUMNS = {"new_customer"}


def table_of(kind: KindSpec) -> str:
    return str(apps.get_model("actuals", kind.model_name)._meta.db_table)


def _create_stage(cur: object, columns: Sequence[str]) -> None:
    types = []
    for c in columns:
        if c in DATE_COLUMNS:
            types.append(f"{c} {bulk.date_type()}")
        elif c in TEXT_COLUMNS:
            types.append(f"{c} TEXT")
        elif c in BOOLEAN_COLUMNS:
            types.append(f"{c} boolean")
        else:
            types.append(f"{c} bigint")
    for name in ("st_stage", "st_old", "st_customers", "st_nc_before", "st_nc_after"):
        cur.execute(f"DROP TABLE IF EXISTS {name}")  # type: ignore[attr-defined]
    cur.execute(f"CREATE TEMP TABLE st_stage ({', '.join(types)})")  # type: ignore[attr-defined]


def facts_write(
    *,
    kind: KindSpec,
    columns: Sequence[str],
    rows: pl.DataFrame,
    source: str,
    batch_id: int | None,
) -> WriteResult:
    """Upsert ``rows`` (the pipeline's output ``columns``) and bring the rollups up to date."""
    table = table_of(kind)
    result = WriteResult()
    rollups.facts_writer_lock()  # before the stored facts are read: see its docstring
    with connection.cursor() as cur:
        _create_stage(cur, columns)
        # into the typed stage: a kind's columns may be all null in a batch
        bulk.append("st_stage", rows.drop(ROW, strict=False).select(columns))
        cur.execute(
            f"""CREATE TEMP TABLE st_old AS
                SELECT f.id, {", ".join(f"f.{c}" for c in columns)}
                FROM st_stage s JOIN {table} f ON f.source = %s AND f.external_id = s.external_id""",
            [source],
        )
        cur.execute("SELECT COUNT(*) FROM st_old")
        old = int(cur.fetchone()[0])
        # Changed lines are updated in place, new ones inserted (no ON CONFLICT: the stored
        # versions are known, and a plain insert is much cheaper; the unique constraint still
        # stops a concurrent import of the same ids, which then fails and writes nothing).
        distinct = "IS DISTINCT FROM" if bulk.pg() else "IS NOT"
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
    rollups.apply_fact_delta(kind.key)
    return result


def facts_delete(
    *, kind: KindSpec, columns: Sequence[str], ids: list[int], by_lines: bool = False
) -> int:
    """Delete facts by id and take them out of the rollups (``by_lines``: the rollups move by
    the deleted lines themselves, as sales' do)."""
    table = table_of(kind)
    rollups.facts_writer_lock()
    with connection.cursor() as cur:
        _create_stage(cur, columns)
        marks = ", ".join(["%s"] * len(ids)) or "NULL"
        cur.execute(
            f"CREATE TEMP TABLE st_old AS SELECT id, {', '.join(columns)} FROM {table} WHERE id IN ({marks})",
            ids,
        )
        if by_lines:
            old_lines = _old_lines(cur)
            _before_sales(cur)
        cur.execute(f"DELETE FROM {table} WHERE id IN ({marks})", ids)
        deleted = max(int(cur.rowcount), 0)
        if by_lines:  # a customer's first line may be gone
            rollups.first_purchases_derive(cur, customers="SELECT customer_id FROM st_customers")
    if by_lines:
        rollups.apply_fact_delta(kind.key, new=old_lines.clear(), old=old_lines)
    else:
        rollups.apply_fact_delta(kind.key)
    return deleted


def _old_lines(cur: Any) -> pl.DataFrame:
    cur.execute(f"SELECT {', '.join(LINE_COLUMNS)} FROM st_old")
    return lines_frame(cur.fetchall())


def _before_sales(cur: object) -> None:
    cur.execute(  # type: ignore[attr-defined]
        "CREATE TEMP TABLE st_customers AS "
        "SELECT customer_id FROM st_stage UNION SELECT customer_id FROM st_old"
    )
    rollups.new_customers_snapshot(cur, "st_nc_before")
