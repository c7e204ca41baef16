"""Returns of sales made in an earlier month, under plans with a clawback window.

A return keeps the order and line number of the line it returns (the importers and the demo
do), which finds the original sale. Under a plan with ``clawback_days`` a return whose sale was
not made earlier in the same month does not lower the month's measure (``late_returns`` adds
it back); when its sale lies within the window, a clawback line takes back what that sale
earned, at the rate it was paid (``core.commission.clawback``), from the person who was paid
for it. The database finds the originals (within the window only, through the customer
index) and each one's running total in its month (a window function); the arithmetic is per
returned line, never per sales line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import connection

from salestarget.actuals.models import SalesLine
from salestarget.core.commission.clawback import clawback, sale_earning
from salestarget.core.commission.components import ComponentInput
from salestarget.core.periods import Period
from salestarget.fields import units_to_decimal
from salestarget.incentives.models import LineKind, StatementLine
from salestarget.incentives.queries.engine import LineDraft
from salestarget.incentives.queries.measures import Window
from salestarget.incentives.queries.returns import returned_sales
from salestarget.incentives.rules import component_rule

ZERO = Decimal(0)


def clawback_drafts(
    month: Period, drafts: dict[int, list[LineDraft]], *, as_of: dt.date | None = None
) -> dict[int, list[LineDraft]]:
    """Clawback lines for the people in ``drafts`` whose earlier sales came back this month."""
    paid = [
        d
        for lines in drafts.values()
        for d in lines
        if d.kind == LineKind.COMPONENT
        and d.plan is not None
        and d.plan.clawback_days
        and d.component is not None
        and d.component.kind == "rate_table"
        and not d.component.cumulative
    ]
    if not paid:
        return {}
    end = min(month.end, as_of) if as_of else month.end
    window = Window(month.start, end)
    components = {(d.person_id, d.component.pk): d for d in paid if d.component is not None}
    people = sorted({d.person_id for d in paid})
    # Only a sale inside the longest window can be clawed back: look no further back.
    since = month.start - dt.timedelta(days=max(d.plan.clawback_days for d in paid if d.plan))
    wanted = set(people)
    returns = [r for r in returned_sales(window, month.start, since) if r.orig_person in wanted]
    if not returns:
        return {}
    originals = _originals({r.orig_id for r in returns})
    out: dict[int, list[LineDraft]] = defaultdict(list)
    taken: dict[
        tuple[int, int], tuple[Decimal, Decimal]
    ] = {}  # (sale, component) → returned, taken
    for row in returns:
        before, quota_by_component = originals[row.orig_id]
        for (person_id, component_id), draft in components.items():
            if person_id != row.orig_person:
                continue
            assert draft.component is not None
            assert draft.plan is not None
            rule = component_rule(draft.component)
            sale = row.orig_amount
            quota = quota_by_component.get(component_id, draft.quota or ZERO)
            earned = sale_earning(rule, ComponentInput(before, quota), sale)
            returned, already = taken.get((row.orig_id, component_id), (ZERO, ZERO))
            returned = min(returned - row.amount, sale)
            result = clawback(
                earned=earned,
                sale_amount=sale,
                returned_to_date=returned,
                already_taken=already,
                sold_on=row.orig_day,
                returned_on=row.sold_on,
                window_days=draft.plan.clawback_days,
            )
            taken[(row.orig_id, component_id)] = (returned, already - result.amount)
            out[person_id].append(
                LineDraft(
                    person_id=person_id,
                    kind=LineKind.CLAWBACK,
                    label=draft.component.name,
                    amount=result.amount,
                    plan=draft.plan,
                    component=draft.component,
                    span=(row.orig_day, row.sold_on),
                    measure_total=row.amount,
                    quota=quota,
                    steps=[s.as_data() for s in result.steps],
                )
            )
    return dict(out)


def _originals(ids: set[int]) -> dict[int, tuple[Decimal, dict[int, Decimal]]]:
    """Each original sale's running total before it in its month (its person's amount), and
    the quota its month's statement line used per component."""
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in SalesLine.objects.filter(pk__in=ids).values("pk", "person_id", "sold_on")
    ]
    before: dict[int, Decimal] = {}
    months: dict[dt.date, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        months[row["sold_on"].replace(day=1)].append(row)
    for first, found in months.items():
        before.update(_running_before(first, found))
    quotas = _paid_quotas(rows)
    return {
        row["pk"]: (
            before.get(row["pk"], ZERO),
            quotas.get((row["person_id"], f"{row['sold_on']:%Y-%m}"), {}),
        )
        for row in rows
    }


def _running_before(first: dt.date, rows: list[dict[str, Any]]) -> dict[int, Decimal]:
    """What each person had sold in the month before each of ``rows`` (by day, then line).

    Raw SQL because the running sum must be taken over all the month's lines and only then
    filtered to the originals, which the ORM cannot say (a filter lands before the window)."""
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    people = sorted({r["person_id"] for r in rows})
    ids = [r["pk"] for r in rows]
    table = connection.ops.quote_name(SalesLine._meta.db_table)
    sql = (
        "SELECT id, before FROM ("
        "  SELECT id, SUM(amount) OVER (PARTITION BY person_id ORDER BY sold_on, id"
        "  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - amount AS before"
        f"  FROM {table} WHERE sold_on BETWEEN %s AND %s"
        f"  AND person_id IN ({', '.join(['%s'] * len(people))})"
        f") running WHERE id IN ({', '.join(['%s'] * len(ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, last, *people, *ids])
        # The column holds 1/10,000 units (``ExactDecimalField``).
        return {pk: units_to_decimal(int(units)) for pk, units in cursor.fetchall()}


def _paid_quotas(rows: list[dict[str, Any]]) -> dict[tuple[int, str], dict[int, Decimal]]:
    people = {r["person_id"] for r in rows}
    labels = {f"{r['sold_on']:%Y-%m}" for r in rows}
    found = StatementLine.objects.filter(
        kind=LineKind.COMPONENT,
        statement__person_id__in=people,
        statement__period__in=labels,
        quota__isnull=False,
    ).values_list("statement__person_id", "statement__period", "component_id", "quota")
    out: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for person_id, period, component_id, quota in found:
        out[(person_id, period)][component_id] = quota or ZERO
    return dict(out)
