"""Reads of the activities app, through the caller's scope. Counts come from the maintained
rollup (``PersonDaily``); only a person's own list of the day reads activity rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet, Sum

from salestarget.activities.models import WorkReport
from salestarget.actuals.models import Activity, PersonDaily
from salestarget.catalog.models import Customer
from salestarget.core.metrics import ACTIVITY_COUNTS
from salestarget.org.models import Membership, Person, Role
from salestarget.org.scoping import Scope, scope_for
from salestarget.targets.company_metrics import metric_name, value_formats
from salestarget.targets.queries.mine import MyTarget, my_targets

SUGGESTED = 8


def customers_suggested(person: Person, *, limit: int = SUGGESTED) -> list[Customer]:
    """The customers ``person`` most likely logs next: those of their latest activities, then
    the ones they own."""
    recent = list(
        Activity.objects.filter(person=person, customer__isnull=False)
        .values("customer_id")
        .annotate(last=Max("occurred_on"))
        .order_by("-last")
        .values_list("customer_id", flat=True)[:limit]
    )
    by_id = Customer.objects.in_bulk(recent)
    chosen = [by_id[i] for i in recent if i in by_id]
    if len(chosen) < limit:
        owned = Customer.objects.filter(owner=person).exclude(pk__in=recent).order_by("name")
        chosen.extend(owned[: limit - len(chosen)])
    return chosen


def activities_of(
    scope: Scope, person: Person, *, start: dt.date, end: dt.date
) -> QuerySet[Activity]:
    """``person``'s activities from ``start`` to ``end`` (inclusive), newest first, if the
    scope may see them."""
    if not scope.can_view_person(person):
        return Activity.objects.none()
    return (
        Activity.objects.filter(person=person, occurred_on__range=(start, end))
        .select_related("customer")
        .order_by("-occurred_on", "-occurred_at", "-id")
    )


def activity_counts(person: Person, *, start: dt.date, end: dt.date) -> dict[str, int]:
    """Done activities of ``person`` by count (``ACTIVITY_COUNTS``), from the rollup."""
    names = [a.fact for a in ACTIVITY_COUNTS]
    sums = PersonDaily.objects.filter(person=person, day__range=(start, end)).aggregate(
        **{n: Sum(n) for n in names}
    )
    return {n: int(sums[n] or 0) for n in names}


# --- work reports ----------------------------------------------------------------------------


def report_span(kind: str, start: dt.date) -> tuple[dt.date, dt.date]:
    """The days a report covers: its day, or Monday to Sunday."""
    return start, start + dt.timedelta(days=6 if kind == WorkReport.Kind.WEEK else 0)


@dataclass(frozen=True)
class ReportFigures:
    """What a report shows beside its text: the period's done activities and the person's
    targets of the month (or week) against time progress."""

    counts: list[tuple[str, int]]
    targets: list[ReportTarget]


@dataclass(frozen=True)
class ReportTarget:
    name: str  # the metric's name in the reader's language
    target: MyTarget
    format: tuple[bool, int]  # as a percentage, decimals (``{% metric_value %}``)


def report_figures(person: Person, *, kind: str, start: dt.date) -> ReportFigures:
    first, last = report_span(kind, start)
    counts = activity_counts(person, start=first, end=last)
    shown = [(metric_name(a.fact), counts[a.fact]) for a in ACTIVITY_COUNTS if a.metric]
    rows: list[MyTarget] = []
    if person.user is not None:
        scope = scope_for(person.user)
        rows = [t for t in my_targets(scope, today=start) if t.current and not t.led]
    formats = value_formats(r.target.metric for r in rows)
    targets = [
        ReportTarget(metric_name(r.target.metric), r, formats[r.target.metric]) for r in rows
    ]
    return ReportFigures(counts=shown, targets=targets)


def report_of(person: Person, *, kind: str, start: dt.date) -> WorkReport | None:
    return (
        WorkReport.objects.filter(person=person, kind=kind, period_start=start)
        .prefetch_related("comments__author")
        .first()
    )


@dataclass(frozen=True)
class TeamReports:
    reports: list[WorkReport]
    counts: dict[int, dict[str, int]]  # person id → done activities of the period
    missing: list[Person]  # reps of the subtree at work that day who have not reported


def team_reports(scope: Scope, *, kind: str, start: dt.date) -> TeamReports:
    """The reports of ``scope``'s subtree for the day or week, who has not reported, and each
    reporter's activity counts (one grouped read of the rollup)."""
    reports = list(
        WorkReport.objects.filter(kind=kind, period_start=start)
        .filter(Q(node__in=scope.node_ids()) | Q(person_id=scope.person_id or -1))
        .select_related("person", "node")
        .prefetch_related("comments__author")
        .order_by("node__path", "person__name")
    )
    first, last = report_span(kind, start)
    names = [a.fact for a in ACTIVITY_COUNTS]
    counts: dict[int, dict[str, int]] = {}
    rows = (
        PersonDaily.objects.filter(
            person_id__in=[r.person_id for r in reports], day__range=(first, last)
        )
        .values("person_id")
        .annotate(**{n: Sum(n) for n in names})
        .order_by()
    )
    for row in rows:
        counts[row["person_id"]] = {n: int(row[n] or 0) for n in names}
    reported = {r.person_id for r in reports}
    expected = (
        Membership.objects.active_at(start)
        .filter(node__in=scope.node_ids(), person__role=Role.REP, person__is_active=True)
        .exclude(person_id__in=reported)
        .values("person_id")
    )
    missing = list(Person.objects.filter(pk__in=expected).order_by("name"))
    return TeamReports(reports=reports, counts=counts, missing=missing)


def report_visible(scope: Scope, pk: int) -> WorkReport | None:
    return (
        WorkReport.objects.filter(pk=pk)
        .filter(Q(node__in=scope.node_ids()) | Q(person_id=scope.person_id or -1))
        .first()
    )
