"""Statement lines written in bulk: the month-end run replaces the computed lines of a
thousand statements at once.

Django's ``bulk_create`` prepares every field of every row through the field machinery and
the delete collector loads each line to null its disputes; for a month that was most of the
run. Here the lines are one ``executemany`` of plain values (the ``ExactDecimalField``
columns as their stored units, the steps through the JSON field's own adapter, dates and
ratios through the backend's adapters), and the delete is one statement after the
disputes' links are cleared in one UPDATE (both raw: the ORM would prepare each of a
thousand statement ids through the field). Same rows, same values, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections

from salestarget.fields import decimal_to_units
from salestarget.incentives.models import Dispute, StatementLine

COLUMNS = (
    "statement_id",
    "kind",
    "sort_order",
    "plan_id",
    "component_id",
    "label",
    "span_start",
    "span_end",
    "measure_total",
    "quota",
    "attainment",
    "amount",
    "steps",
    "source_period",
    "old_value",
    "new_value",
    "reason",
)
AMOUNT = COLUMNS.index("amount")
BATCH = 500


def _units(value: Decimal | None) -> int | None:
    return None if value is None else decimal_to_units(value)


class LineRows:
    """Computed lines as rows in ``COLUMNS`` order, ready for the database; the database's
    adapters are looked up once (``connection`` is a proxy: each attribute of it is a
    lookup of the thread's connection)."""

    def __init__(self) -> None:
        self.db = connections[DEFAULT_DB_ALIAS]
        self.ops = self.db.ops
        self.steps_field = StatementLine._meta.get_field("steps")

    def row(
        self,
        *,
        statement_id: int,
        kind: str,
        sort_order: int,
        plan_id: int | None,
        component_id: int | None,
        label: str,
        span: tuple[Any, Any] | None,
        measure_total: Decimal | None,
        quota: Decimal | None,
        attainment: Decimal | None,
        amount: Decimal,
        steps: list[dict[str, object]],
    ) -> tuple[Any, ...]:
        ops = self.ops
        return (
            statement_id,
            kind,
            sort_order,
            plan_id,
            component_id,
            label[:200],
            ops.adapt_datefield_value(span[0]) if span else None,
            ops.adapt_datefield_value(span[1]) if span else None,
            _units(measure_total),
            _units(quota),
            None if attainment is None else ops.adapt_decimalfield_value(attainment, 14, 6),
            decimal_to_units(amount),
            self.steps_field.get_db_prep_save(steps, self.db),
            "",
            None,
            None,
            "",
        )


def lines_insert(rows: Iterable[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(StatementLine._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    marks = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def lines_clear(statement_ids: Sequence[int], *, kept: Sequence[str]) -> None:
    """Delete the lines of ``statement_ids`` but the ``kept`` kinds; a dispute raised on a
    deleted line keeps its label and loses the link (as the model's SET_NULL does)."""
    if not statement_ids:
        return
    ops = connection.ops
    table = ops.quote_name(StatementLine._meta.db_table)
    disputes = ops.quote_name(Dispute._meta.db_table)
    kinds = ", ".join(["%s"] * len(kept))
    with connection.cursor() as cursor:
        for start in range(0, len(statement_ids), BATCH):
            chunk = list(statement_ids[start : start + BATCH])
            doomed = (
                f"{table} WHERE statement_id IN ({', '.join(['%s'] * len(chunk))})"
                f" AND kind NOT IN ({kinds})"
            )
            cursor.execute(
                f"UPDATE {disputes} SET line_id = NULL WHERE line_id IN (SELECT id FROM {doomed})",
                [*chunk, *kept],
            )
            cursor.execute(f"DELETE FROM {doomed}", [*chunk, *kept])
