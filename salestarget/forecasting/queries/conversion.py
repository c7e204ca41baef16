"""Conversion by stage: of the deals a unit's subtree closed in the last ``MONTHS`` months,
for each forecast category they ever reached (their stage history,
``actuals.OpportunityStage``: commit, best case, pipeline, left out), how many were won,
how many closed and the amount won; and the deals never categorised. A deal that moved from
pipeline to commit counts in both rows (stage-to-won conversion), not only in its last call.
One query over the closed opportunities with an ``EXISTS`` on the history per stage.

The drill-down (``conversion_trend``, ``conversion_by_member``, ``stage_deals``): the same
sums quarter by quarter (one GROUP BY month), for each child unit or, in a team, each person
(one GROUP BY unit or person), and a stage's deals themselves (its latest ``LISTED``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from salestarget.actuals.models import Opportunity, OpportunityStage
from salestarget.core.money import DECIMAL_CONTEXT, quantize
from salestarget.forecasting.models import Category
from salestarget.forecasting.series import month_add
from salestarget.org.models import OrgNode, Person
from salestarget.targets.cells import MonthStart

MONTHS = 12
QUARTER = 3
LISTED = 50  # deals listed for a stage (drill down)
NEVER = ""  # the row of deals never put in a category


@dataclass(frozen=True)
class StageConversion:
    """The deals closed in the window that reached ``category`` ("": never categorised)."""

    category: str
    won: int
    closed: int
    won_amount: Decimal

    @property
    def conversion(self) -> Decimal | None:
        if not self.closed:
            return None
        return quantize(DECIMAL_CONTEXT.divide(Decimal(self.won), Decimal(self.closed)), 4)


def _reached(stages: list[str]) -> Exists:
    return Exists(OpportunityStage.objects.filter(opportunity=OuterRef("pk"), stage__in=stages))


def _conditions() -> dict[str, Any]:
    """Each stage's condition on a closed deal: it reached the stage (the never categorised:
    reached none)."""
    reaches: dict[str, Any] = {code: _reached([code]) for code in Category.values}
    reaches[NEVER] = ~_reached(list(Category.values))
    return reaches


def _sums() -> dict[str, Any]:
    won = Q(stage=Opportunity.Stage.WON)
    sums: dict[str, Any] = {}
    for i, condition in enumerate(_conditions().values()):
        sums[f"closed_{i}"] = Count("pk", filter=Q(condition))
        sums[f"won_{i}"] = Count("pk", filter=Q(condition) & won)
        sums[f"amount_{i}"] = Sum("amount", filter=Q(condition) & won)
    return sums


def _stages(row: dict[str, Any]) -> list[StageConversion]:
    return [
        StageConversion(
            code, row[f"won_{i}"] or 0, row[f"closed_{i}"] or 0, Decimal(row[f"amount_{i}"] or 0)
        )
        for i, code in enumerate(_conditions())
        if row[f"closed_{i}"]
    ]


def _closed(node: OrgNode, first: dt.date, end: dt.date) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(
        node__path__startswith=node.path,
        closed_on__gte=first,
        closed_on__lte=end,
        stage__in=(Opportunity.Stage.WON, Opportunity.Stage.LOST),
    )


def window_start(end: dt.date) -> dt.date:
    return month_add(end.replace(day=1), -(MONTHS - 1))


def conversion_by_stage(node: OrgNode, end: dt.date) -> list[StageConversion]:
    """Each stage's conversion, in the order of the categories, the never categorised last;
    stages no closed deal reached are left out."""
    return _stages(_closed(node, window_start(end), end).aggregate(**_sums()))


@dataclass(frozen=True)
class StageRow:
    """One part of the window (a quarter) or of the unit (a child unit, a person)."""

    key: Any  # the quarter's first day, a node, or a person
    stages: list[StageConversion]

    def of(self, category: str) -> StageConversion | None:
        return next((s for s in self.stages if s.category == category), None)


def conversion_trend(node: OrgNode, end: dt.date) -> list[StageRow]:
    """Each stage's conversion quarter by quarter (the window's twelve months in threes,
    oldest first): one GROUP BY month."""
    first = window_start(end)
    rows = {
        _day(r["month"]): r
        for r in _closed(node, first, end)
        .annotate(month=MonthStart("closed_on"))
        .values("month")
        .annotate(**_sums())
        .order_by()
    }
    out = []
    for q in range(MONTHS // QUARTER):
        start = month_add(first, q * QUARTER)
        months = [rows.get(month_add(start, k)) for k in range(QUARTER)]
        total = {k: sum((r[k] or 0) for r in months if r) for k in _sums()}
        out.append(StageRow(start, _stages(total)))
    return out


def conversion_by_member(node: OrgNode, end: dt.date) -> list[StageRow]:
    """Each stage's conversion for each child unit of ``node`` (a deal counted in the child
    its unit lies under), or for each person when ``node`` has no child units: one GROUP BY
    unit or person. Members without a closed deal are left out."""
    closed = _closed(node, window_start(end), end)
    children = list(OrgNode.objects.filter(parent=node).order_by("path"))
    if not children:
        grouped = closed.values("person_id").annotate(**_sums()).order_by()
        people = Person.objects.in_bulk([r["person_id"] for r in grouped])
        rows = [StageRow(people[r["person_id"]], _stages(r)) for r in grouped]
        return sorted(rows, key=lambda r: r.key.name)
    paths = dict(OrgNode.objects.filter(path__startswith=node.path).values_list("pk", "path"))
    totals: dict[int, dict[str, int | Decimal]] = {}
    for r in closed.values("node_id").annotate(**_sums()).order_by():
        path = paths.get(r["node_id"], "")
        child = next((c for c in children if path.startswith(c.path)), None)
        if child is None:
            continue  # a deal booked on the unit itself, under no child
        into = totals.setdefault(child.pk, dict.fromkeys(r.keys() - {"node_id"}, 0))
        for k in into:
            into[k] += r[k] or 0
    return [StageRow(c, _stages(totals[c.pk])) for c in children if c.pk in totals]


def stage_deals(node: OrgNode, end: dt.date, category: str) -> list[Opportunity]:
    """The latest ``LISTED`` closed deals of the window that reached ``category`` ("": never
    categorised), with their customer and person."""
    condition = _conditions()[category]
    return list(
        _closed(node, window_start(end), end)
        .filter(condition)
        .select_related("customer", "person")
        .order_by("-closed_on", "-pk")[:LISTED]
    )


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
