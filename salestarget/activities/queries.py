"""Reads of the activities app, through the caller's scope. Counts come from the maintained
rollup (``PersonDaily``); only a person's own list of the day reads activity rows."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, QuerySet, Sum

from salestarget.actuals.models import Activity, PersonDaily
from salestarget.catalog.models import Customer
from salestarget.core.metrics import ACTIVITY_COUNTS
from salestarget.org.models import Person
from salestarget.org.scoping import Scope

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
