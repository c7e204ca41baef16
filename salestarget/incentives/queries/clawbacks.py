"""Returns of sales made in an earlier month, under plans with a clawback window.

A return keeps the order and line number of the line it returns (the importers and the demo
do), which finds the original sale. Under a plan with ``clawback_days`` such a return does
not lower the month's measure (``late_returns`` adds it back); instead, when it comes within
the window, a clawback line takes back what the original sale earned, at the rate it was paid
(``core.commission.clawback``), from the person who was paid for it. The originals, their
running totals and earlier returns are found by the database in one query; the arithmetic
is per returned line (few), never per sales line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import (
    DateField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth

from salestarget.actuals.models import SalesLine
from salestarget.core.commission.clawback import clawback, sale_earning
from salestarget.core.commission.components import ComponentInput
from salestarget.core.periods import Period
from salestarget.incentives.engine import LineDraft
from salestarget.incentives.models import LineKind, StatementLine
from salestarget.incentives.queries.measures import Window, late, original
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
    returns = list(
        late(window, month.start)
        .annotate(
            orig_id=original("pk", IntegerField()),
            orig_person=original("person_id", IntegerField()),
            orig_amount=original("amount", SalesLine._meta.get_field("amount")),
        )
        .filter(orig_person__in=people)
        .values("pk", "sold_on", "amount", "orig_id", "orig_day", "orig_person", "orig_amount")
        .order_by("sold_on", "pk")
    )
    if not returns:
        return {}
    originals = _originals({r["orig_id"] for r in returns})
    out: dict[int, list[LineDraft]] = defaultdict(list)
    taken: dict[
        tuple[int, int], tuple[Decimal, Decimal]
    ] = {}  # (sale, component) → returned, taken
    for row in returns:
        before, quota_by_component = originals[row["orig_id"]]
        for (person_id, component_id), draft in components.items():
            if person_id != row["orig_person"]:
                continue
            assert draft.component is not None
            assert draft.plan is not None
            rule = component_rule(draft.component)
            sale = Decimal(row["orig_amount"])
            quota = quota_by_component.get(component_id, draft.quota or ZERO)
            earned = sale_earning(rule, ComponentInput(before, quota), sale)
            returned, already = taken.get((row["orig_id"], component_id), (ZERO, ZERO))
            returned = min(returned - Decimal(row["amount"]), sale)
            result = clawback(
                earned=earned,
                sale_amount=sale,
                returned_to_date=returned,
                already_taken=already,
                sold_on=row["orig_day"],
                returned_on=row["sold_on"],
                window_days=draft.plan.clawback_days,
            )
            taken[(row["orig_id"], component_id)] = (returned, already - result.amount)
            out[person_id].append(
                LineDraft(
                    person_id=person_id,
                    kind=LineKind.CLAWBACK,
                    label=draft.component.name,
                    amount=result.amount,
                    plan=draft.plan,
                    component=draft.component,
                    span=(row["orig_day"], row["sold_on"]),
                    measure_total=Decimal(row["amount"]),
                    quota=quota,
                    steps=[s.as_data() for s in result.steps],
                )
            )
    return dict(out)


def _originals(ids: set[int]) -> dict[int, tuple[Decimal, dict[int, Decimal]]]:
    """Each original sale's running total before it in its month (its person's amount), and
    the quota its month's statement line used per component."""
    same_month = SalesLine.objects.filter(
        person_id=OuterRef("person_id"),
        sold_on__gte=OuterRef("month_start"),
    ).filter(
        Q(sold_on__lt=OuterRef("sold_on")) | Q(sold_on=OuterRef("sold_on"), pk__lt=OuterRef("pk"))
    )
    running = Subquery(
        same_month.values("person_id").annotate(s=Sum("amount")).values("s")[:1],
        output_field=SalesLine._meta.get_field("amount"),
    )
    rows = list(
        SalesLine.objects.filter(pk__in=ids)
        .annotate(month_start=TruncMonth("sold_on", output_field=DateField()))
        .annotate(
            before=Coalesce(running, Value(0), output_field=SalesLine._meta.get_field("amount"))
        )
        .values("pk", "person_id", "sold_on", "before")
    )
    out: dict[int, tuple[Decimal, dict[int, Decimal]]] = {}
    quotas = _paid_quotas(rows)
    for row in rows:
        label = f"{row['sold_on']:%Y-%m}"
        out[row["pk"]] = (
            Decimal(row["before"] or 0),
            quotas.get((row["person_id"], label), {}),
        )
    return out


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
