"""我的目标: the targets a person owns (theirs by name) or leads (their unit's, as its manager),
whole years first, the month of today marked, each with its progress where tracking gives it.

Progress (actual, 完成率, time progress) is tracking's to compute: tracking sits above targets
and registers its reader with ``targets.progress``; without it the page lists the targets
alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from salestarget.org.models import Membership
from salestarget.org.scoping import Scope
from salestarget.targets.models import Target
from salestarget.targets.progress import progress_day, target_progress
from salestarget.targets.queries.plans import targets_visible

# Dimension coordinates: a target with one of them is a slice (a product, a region …) of the
# owner's target, not the owner's target itself.
SLICES = ("product_category", "product_line", "product", "region", "customer_type", "channel")


@dataclass(frozen=True)
class MyTarget:
    target: Target
    led: bool  # the unit's target, which the person leads, not theirs by name
    current: bool  # the month (or week) of today: the one to act on
    whole: bool  # the longest period of its plan (the year), listed first
    progress: Any  # tracking's result for the target (``core.tracking.TrackingResult``) or None


def targets_owned(scope: Scope, *, today: dt.date | None = None) -> QuerySet[Target]:
    """The targets ``scope``'s person owns or leads, visible to them, without dimension slices."""
    if scope.person_id is None:
        return Target.objects.none()
    day = today or timezone.localdate()
    led_nodes = (
        Membership.objects.active_at(day)
        .filter(person_id=scope.person_id, is_manager=True)
        .values("node_id")
    )
    no_slices = Q(**{f"{name}__isnull": True for name in SLICES})
    return targets_visible(scope).filter(
        Q(person_id=scope.person_id) | (Q(person__isnull=True, node_id__in=led_nodes) & no_slices)
    )


def my_targets(scope: Scope, *, today: dt.date | None = None) -> list[MyTarget]:
    """The person's targets for the page: per plan (the latest first), the whole period first,
    then the others by date; the month of ``today`` marked ``current`` (by default the day
    progress is as of: today, or the last day with data when that is earlier, as on the home
    page — a demo whose story has ended opens on its last month, not on an empty one)."""
    day = today or progress_day() or timezone.localdate()
    targets = list(targets_owned(scope, today=day).select_related("plan", "node"))
    longest: dict[int, int] = {}
    for t in targets:
        span = (t.period_end - t.period_start).days
        longest[t.plan_id] = max(longest.get(t.plan_id, 0), span)
    targets.sort(
        key=lambda t: (
            -t.plan_id,
            t.person_id is None,  # the person's own before their unit's
            (t.period_end - t.period_start).days < longest[t.plan_id],  # the year first
            t.period_start,
            -(t.period_end - t.period_start).days,  # a quarter before its first month
        )
    )
    progress = target_progress(targets)
    shortest_now: dict[int, int] = {}
    for t in targets:
        if t.period_start <= day <= t.period_end:
            span = (t.period_end - t.period_start).days
            shortest_now[t.plan_id] = min(shortest_now.get(t.plan_id, span), span)
    rows = []
    for t, result in zip(targets, progress, strict=True):
        span = (t.period_end - t.period_start).days
        current = (
            t.period_start <= day <= t.period_end
            and span == shortest_now.get(t.plan_id)
            and span < longest[t.plan_id]
        )
        rows.append(
            MyTarget(
                target=t,
                led=t.person_id is None,
                current=current,
                whole=span == longest[t.plan_id],
                progress=result,
            )
        )
    return rows
