"""Reading forecast submissions: who sees which, a unit's roll-up (with the reps who have
not called the month yet), the weekly snapshots and how close the calls came to what was
sold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from salestarget.actuals.models import Opportunity, PersonDaily
from salestarget.forecasting.models import Category, Submission
from salestarget.forecasting.queries.pipeline import category_of
from salestarget.forecasting.series import month_add
from salestarget.forecasting.weights import CATEGORY_WEIGHTS
from salestarget.org.models import Membership, OrgNode, Person, Role
from salestarget.org.scoping import Scope


def submissions_visible(scope: Scope) -> QuerySet[Submission]:
    """A rep sees their own calls; a manager their subtree's, reps' and roll-ups alike."""
    if scope.is_rep or not (scope.everything or scope.root_paths):
        return Submission.objects.filter(
            kind=Submission.Kind.REP, person_id=scope.person_id if scope.person_id else -1
        )
    return Submission.objects.filter(scope.node_q("node"))


@dataclass
class Rollup:
    """A unit's reps' latest calls for a month, summed, and the manager's latest call."""

    node: OrgNode
    month: dt.date
    calls: list[Submission] = field(default_factory=list)
    commit: Decimal = Decimal(0)
    best_case: Decimal = Decimal(0)
    pipeline: Decimal = Decimal(0)
    adjusted: Submission | None = None
    # The reps of the unit with no call for the month: a manager chases them before rolling
    # up (the roll-up listed only who had called, so a missing rep looked like a zero).
    missing: list[Person] = field(default_factory=list)


def latest_calls(rows: QuerySet[Submission]) -> list[Submission]:
    """The latest week's submission of each (kind, person, node, month) in ``rows``."""
    latest = rows.values("kind", "person_id", "node_id", "month").annotate(last=Max("week"))
    clauses = Q(pk__in=[])
    for row in latest:
        clauses |= Q(
            kind=row["kind"],
            person_id=row["person_id"],
            node_id=row["node_id"],
            month=row["month"],
            week=row["last"],
        )
    return list(rows.filter(clauses).select_related("person", "node"))


def rollup_of(*, node: OrgNode, month: dt.date, scope: Scope) -> Rollup:
    """The reps' latest calls in ``node``'s subtree for ``month`` (those ``scope`` sees)."""
    reps = submissions_visible(scope).filter(
        node.subtree_q("node"), kind=Submission.Kind.REP, month=month
    )
    calls = sorted(latest_calls(reps), key=lambda s: (s.node.path, s.person_id or 0))
    called = {c.person_id for c in calls}
    out = Rollup(node=node, month=month, calls=calls)
    out.missing = [
        p for p in expected_callers(node=node, month=month, scope=scope) if p.pk not in called
    ]
    for call in calls:
        out.commit += call.commit
        out.best_case += call.best_case
        out.pipeline += call.pipeline
    out.adjusted = (
        submissions_visible(scope)
        .filter(kind=Submission.Kind.ROLLUP, node=node, month=month)
        .order_by("-week")
        .first()
    )
    return out


def expected_callers(*, node: OrgNode, month: dt.date, scope: Scope) -> list[Person]:
    """The reps expected to call ``month`` for ``node``: the active sales reps (not the
    managers) in its subtree on the month's last day, or today while the month runs."""
    at = min(timezone.localdate(), month_add(month, 1) - dt.timedelta(days=1))
    members = (
        Membership.objects.active_at(at)
        .filter(node__path__startswith=node.path, is_manager=False)
        .values("person_id")
    )
    return list(
        scope.people().filter(pk__in=members, role=Role.REP, is_active=True).order_by("name")
    )


def snapshots(
    *, scope: Scope, today: dt.date, months: int = 6, **filters: object
) -> list[Submission]:
    """The weekly snapshots of the last ``months`` months, newest first."""
    since = month_add(today.replace(day=1), -months)
    rows = submissions_visible(scope).filter(month__gte=since, **filters)
    return list(rows.select_related("person", "node").order_by("-month", "-week", "kind"))


def open_opportunities(*, scope: Scope, person_id: int) -> list[Opportunity]:
    """A rep's open opportunities with their category (``category``), largest first."""
    return list(
        Opportunity.objects.filter(
            scope.facts_q(), person_id=person_id, stage=Opportunity.Stage.OPEN
        )
        .annotate(category=category_of())
        .select_related("customer")
        .order_by("-amount", "pk")
    )


def weighted_by_category(opportunities: list[Opportunity]) -> dict[str, Decimal]:
    """The open amount of each category times its weight."""
    out = dict.fromkeys(Category.values, Decimal(0))
    for o in opportunities:
        category = getattr(o, "category", Category.PIPELINE)
        out[category] += o.amount * CATEGORY_WEIGHTS[category]
    return out


@dataclass
class CallAccuracy:
    """A submitted call against what was sold in its month."""

    submission: Submission
    actual: Decimal

    @property
    def error(self) -> Decimal | None:
        """(commit − actual) / actual: positive means the call was too high."""
        if self.actual <= 0:
            return None
        commit: Decimal = self.submission.commit
        return (commit - self.actual) / self.actual


def call_accuracy(*, scope: Scope, before: dt.date) -> list[CallAccuracy]:
    """The last call of every person and unit for each month that ended before ``before``,
    against the month's sales (two grouped reads of the daily rollup)."""
    end = before.replace(day=1)
    calls = latest_calls(submissions_visible(scope).filter(month__lt=end))
    if not calls:
        return []
    daily = PersonDaily.objects.filter(day__gte=min(c.month for c in calls), day__lt=end)
    monthly = daily.annotate(m=TruncMonth("day")).values("m")
    by_person = {
        (row["person_id"], _as_date(row["m"])): row["total"]
        for row in monthly.values("person_id", "m").annotate(total=Sum("amount")).order_by()
    }
    paths = dict(OrgNode.objects.values_list("pk", "path"))
    by_node: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    for row in monthly.values("node_id", "m").annotate(total=Sum("amount")).order_by():
        for ancestor in (int(p) for p in paths.get(row["node_id"], "").strip("/").split("/") if p):
            by_node[(ancestor, _as_date(row["m"]))] += row["total"] or Decimal(0)
    out = [
        CallAccuracy(
            call,
            (
                by_person.get((call.person_id, call.month))
                if call.kind == Submission.Kind.REP
                else by_node.get((call.node_id, call.month))
            )
            or Decimal(0),
        )
        for call in calls
    ]
    return sorted(out, key=lambda a: (a.submission.month, a.submission.kind), reverse=True)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
