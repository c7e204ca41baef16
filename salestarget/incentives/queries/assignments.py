"""Which plan pays whom on which days: the spans of a month under each plan.

A person's own assignment wins over a subtree's (the deepest subtree first, while the person
is a member there), which wins over a role's. Days without any plan pay nothing. The work is
per person and assignment, never per day or per sales line.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from django.db.models import Q

from salestarget.incentives.models import CommissionPlan, PlanAssignment, PlanStatus
from salestarget.org.models import Membership, Person

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class PlanSpan:
    plan: CommissionPlan
    start: dt.date
    end: dt.date


def _overlapping(start: dt.date, end: dt.date, lo: str, hi: str) -> Q:
    return Q(**{f"{lo}__lte": end}) & (Q(**{f"{hi}__isnull": True}) | Q(**{f"{hi}__gte": start}))


def plan_spans(
    start: dt.date, end: dt.date, person_ids: set[int] | None = None
) -> dict[int, list[PlanSpan]]:
    """``{person id: [spans]}`` for everyone a plan pays between ``start`` and ``end``."""
    assignments = list(
        PlanAssignment.objects.filter(
            _overlapping(start, end, "valid_from", "valid_to"),
            _overlapping(start, end, "plan__effective_from", "plan__effective_to"),
            plan__status=PlanStatus.ACTIVE,
        ).select_related("plan", "node")
    )
    # person → offers (first day, last day, priority, plan); a lower priority number wins,
    # and of equal ones the first offered.
    offers: dict[int, list[tuple[dt.date, dt.date, int, CommissionPlan]]] = defaultdict(list)

    def offer(person_id: int, lo: dt.date, hi: dt.date, rank: int, plan: CommissionPlan) -> None:
        if person_ids is not None and person_id not in person_ids:
            return
        lo = max(lo, start, plan.effective_from)
        hi = min(hi, end, plan.effective_to or end)
        if lo <= hi:
            offers[person_id].append((lo, hi, rank, plan))

    node_ids = [a.node_id for a in assignments if a.node_id]
    roles = {a.role for a in assignments if a.role}
    members = _members_by_node(node_ids, start, end)
    by_role = _people_by_role(roles)
    for a in assignments:
        lo, hi = a.valid_from, a.valid_to or end
        if a.person_id:
            offer(a.person_id, lo, hi, 0, a.plan)
        elif a.node_id:
            assert a.node is not None
            for person_id, m_from, m_to, path in members:
                if path.startswith(a.node.path):
                    rank = 1000 - a.node.depth  # the deepest subtree first
                    # A membership's end date is the first day it no longer counts.
                    last = m_to - dt.timedelta(days=1) if m_to else hi
                    offer(person_id, max(lo, m_from), min(hi, last), rank, a.plan)
        else:
            for person_id in by_role.get(a.role, ()):
                offer(person_id, lo, hi, 10_000, a.plan)
    return {pid: _spans(found) for pid, found in offers.items()}


def _spans(offers: list[tuple[dt.date, dt.date, int, CommissionPlan]]) -> list[PlanSpan]:
    """The winning plan over each stretch of days: the offers' bounds cut the days into
    pieces each offer covers whole, so the choice is made per piece, never per day."""
    cuts = sorted({lo for lo, _hi, _r, _p in offers} | {hi + ONE_DAY for _lo, hi, _r, _p in offers})
    spans: list[PlanSpan] = []
    for lo, after in pairwise(cuts):
        covering = [
            (rank, i)
            for i, (a, b, rank, _p) in enumerate(offers)
            if a <= lo and after <= b + ONE_DAY
        ]
        if not covering:
            continue
        plan = offers[min(covering)[1]][3]
        hi = after - ONE_DAY
        last = spans[-1] if spans else None
        if last and last.plan.pk == plan.pk and last.end + ONE_DAY == lo:
            spans[-1] = PlanSpan(plan, last.start, hi)
        else:
            spans.append(PlanSpan(plan, lo, hi))
    return spans


def _members_by_node(
    node_ids: list[int], start: dt.date, end: dt.date
) -> list[tuple[int, dt.date, dt.date | None, str]]:
    if not node_ids:
        return []
    return list(
        Membership.objects.filter(
            Q(valid_from__lte=end), Q(valid_to__isnull=True) | Q(valid_to__gt=start)
        )
        .values_list("person_id", "valid_from", "valid_to", "node__path")
        .order_by("person_id", "valid_from")
    )


def _people_by_role(roles: set[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for pk, role in Person.objects.filter(role__in=roles, is_active=True).values_list("pk", "role"):
        out[role].append(pk)
    return out
