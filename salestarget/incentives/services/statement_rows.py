"""The month run's writes to statements, in bulk: which statements a run may rewrite (made
when missing), their new status and total, and their audit entries.

Each is one statement (or one ``executemany``) for the whole month, of plain values: a
month-end run marks a thousand statements, and loading each as a model to save it again was
most of the run's writes (``services.line_rows`` writes their lines the same way). Totals are
summed in Python from the same integer units the lines are stored in, so a statement's total
is exactly the SQL sum of its lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from salestarget.core.periods import Period
from salestarget.fields import decimal_to_units, units_to_decimal
from salestarget.incentives.models import (
    AuditEntry,
    Statement,
    StatementLine,
    StatementStatus,
)


def statements_open(month: Period, person_ids: Iterable[int]) -> dict[int, int]:
    """``{person: statement id}`` of ``month``'s statements a run may rewrite (not approved
    or paid), made as new statements for the people who have none yet."""
    wanted = set(person_ids)
    found = {
        person_id: (pk, status)
        for pk, person_id, status in Statement.objects.filter(period=month.label).values_list(
            "pk", "person_id", "status"
        )
        if person_id in wanted
    }
    missing = wanted - set(found)
    if missing:
        Statement.objects.bulk_create(
            Statement(
                person_id=pid, period=month.label, period_start=month.start, period_end=month.end
            )
            for pid in sorted(missing)
        )
        found.update(
            (person_id, (pk, status))
            for pk, person_id, status in Statement.objects.filter(
                period=month.label, person_id__in=missing
            ).values_list("pk", "person_id", "status")
        )
    closed = StatementStatus.closed()
    return {pid: pk for pid, (pk, status) in found.items() if status not in closed}


def kept_units(month: Period, statement_ids: Iterable[int], kinds: Iterable[str]) -> dict[int, int]:
    """The stored units of the ``kinds`` lines a run keeps (deltas, adjustments) per
    statement of ``month`` in ``statement_ids``."""
    wanted = set(statement_ids)
    if not wanted:
        return {}
    rows = (
        StatementLine.objects.filter(statement__period=month.label, kind__in=list(kinds))
        .values("statement_id")
        .annotate(units=Sum("amount"))
        .order_by()
        .values_list("statement_id", "units")
    )
    # Summed by the database in units, read through the field as a Decimal: back to units.
    return {pk: decimal_to_units(units) for pk, units in rows if pk in wanted}


def statements_mark(
    totals: Mapping[int, int], *, status: str, as_of: dt.date, by_id: int | None
) -> None:
    """Set each statement's status, data date, calculation time and total (``{id: units}``);
    a reviewed statement loses its review (its figures need it again). One audit entry each."""
    if not totals:
        return
    ops = connection.ops
    now = timezone.now()
    table = ops.quote_name(Statement._meta.db_table)
    at = ops.adapt_datetimefield_value(now)
    day = ops.adapt_datefield_value(as_of)
    reviewed = StatementStatus.REVIEWED.value
    sql = (
        f"UPDATE {table} SET status = %s, as_of = %s, calculated_at = %s, total = %s,"
        " reviewed_by_id = CASE WHEN status = %s THEN NULL ELSE reviewed_by_id END,"
        " reviewed_at = CASE WHEN status = %s THEN NULL ELSE reviewed_at END"
        " WHERE id = %s"
    )
    rows: list[tuple[Any, ...]] = [
        (status, day, at, units, reviewed, reviewed, pk) for pk, units in totals.items()
    ]
    audit = ops.quote_name(AuditEntry._meta.db_table)
    entries = [
        (pk, at, by_id, "calculate", str(units_to_decimal(units))) for pk, units in totals.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        cursor.executemany(
            f"INSERT INTO {audit} (statement_id, at, by_id, action, detail)"
            " VALUES (%s, %s, %s, %s, %s)",
            entries,
        )
