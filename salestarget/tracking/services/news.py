"""Good news (喜报): milestones detected after each import, stored once as events.

Run by the ``tracking_news`` task, which every rollup change enqueues after its transaction
commits (``tasks.news_detect_after_commit``) (and by ``salestarget tracking_news``), never on a page load. Three milestones, each
recorded once (``GoodNews.dedupe_key``):

- **first deal of the month** (本月首单): a person's first positive sales day of the month;
- **target achieved** (目标达成): a person's or unit's target of an approved or locked plan on
  an accumulating, higher-is-better metric reaches 100%;
- **a personal record** (月度个人纪录): a person's month so far beats each of their earlier
  months (with at least three months of history).

An achievement above the company's outlier bound, or against a target below the floor of its
siblings' median (``core.outliers``), is recorded flagged with its reasons: not celebrated.
New milestones are posted to the group robots of the person's team (``news_posts``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Min, Sum

from salestarget.actuals.models import PersonDaily
from salestarget.core.metrics import Direction
from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.core.outliers import median, outlier_reasons
from salestarget.org.models import CompanySettings, Membership
from salestarget.targets.cells import MonthStart
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import Status, TargetPlan
from salestarget.tracking.cache import facts_version
from salestarget.tracking.models import GoodNews, NewsKind
from salestarget.tracking.queries.context import as_of
from salestarget.tracking.queries.sums import metric_values
from salestarget.tracking.queries.tree import actual_cell, plan_target_rows
from salestarget.tracking.services.news_posts import good_news_post

RECORD_HISTORY_MONTHS = 3


def good_news_detect(*, at: dt.date | None = None) -> list[GoodNews]:
    """Detect the milestones of the month of ``at`` (default: the last day with facts) up to
    ``at``; returns the events that are new."""
    version = facts_version()
    day = as_of(at, version=version).day
    month = day.replace(day=1)
    events = _first_deals(month, day) + _records(month, day) + _achieved(day, version)
    if not events:
        return []
    keys = [e.dedupe_key for e in events]
    existing = set(
        GoodNews.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    new = [e for e in events if e.dedupe_key not in existing]
    GoodNews.objects.bulk_create(new, ignore_conflicts=True)
    good_news_post(new)
    return new


def _nodes_at(person_days: dict[int, dt.date]) -> dict[int, int]:
    """The node each person belonged to on their day."""
    out: dict[int, int] = {}
    rows = Membership.objects.filter(person_id__in=list(person_days)).order_by("valid_from")
    for m in rows:
        day = person_days[m.person_id]
        if m.valid_from <= day and (m.valid_to is None or m.valid_to > day):
            out[m.person_id] = m.node_id
    return out


def _first_deals(month: dt.date, day: dt.date) -> list[GoodNews]:
    firsts = dict(
        PersonDaily.objects.filter(
            day__range=(month, day), amount__gt=Decimal(0), person__isnull=False
        )
        .values("person_id")
        .annotate(first=Min("day"))
        .order_by()
        .values_list("person_id", "first")
    )
    nodes = _nodes_at(firsts)
    label = f"{month:%Y-%m}"
    return [
        GoodNews(
            kind=NewsKind.FIRST_DEAL,
            person_id=pid,
            node_id=nodes.get(pid),
            metric="revenue",
            period=label,
            happened_on=first,
            dedupe_key=f"first_deal:{pid}:{label}",
        )
        for pid, first in firsts.items()
    ]


def _records(month: dt.date, day: dt.date) -> list[GoodNews]:
    rows = (
        PersonDaily.objects.filter(day__lte=day, person__isnull=False)
        .annotate(month=MonthStart("day"))
        .values("person_id", "month")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    history: dict[int, dict[dt.date, Decimal]] = defaultdict(dict)
    for r in rows:
        m = r["month"].date() if isinstance(r["month"], dt.datetime) else r["month"]
        history[r["person_id"]][m] = Decimal(r["amount"] or 0)
    found: dict[int, tuple[Decimal, Decimal]] = {}
    for pid, months in history.items():
        now = months.get(month)
        earlier = [v for m, v in months.items() if m < month]
        if now is None or len(earlier) < RECORD_HISTORY_MONTHS:
            continue
        best = max(earlier)
        if now > best > 0:
            found[pid] = (now, best)
    nodes = _nodes_at(dict.fromkeys(found, day))
    label = f"{month:%Y-%m}"
    return [
        GoodNews(
            kind=NewsKind.RECORD,
            person_id=pid,
            node_id=nodes.get(pid),
            metric="revenue",
            period=label,
            value=now,
            reference=best,
            happened_on=day,
            dedupe_key=f"record:{pid}:{label}",
        )
        for pid, (now, best) in found.items()
    ]


def _achieved(day: dt.date, version: str) -> list[GoodNews]:
    from salestarget.tracking.services.alerts import EVERYTHING

    events: list[GoodNews] = []
    rule = CompanySettings.current().outlier_rule
    plans = TargetPlan.objects.filter(status__in=[Status.APPROVED, Status.LOCKED])
    for plan in plans:
        try:
            metric = metric_definition(plan.metric)
        except Exception:  # an inactive custom metric: nothing to celebrate
            continue
        if not metric.accumulates or metric.direction is not Direction.HIGHER_IS_BETTER:
            continue
        every = plan_target_rows(plan, EVERYTHING)
        # A target's peers are its siblings: the targets split from the same parent.
        siblings: dict[int | None, list[Decimal]] = defaultdict(list)
        for t in every:
            siblings[t.parent_id].append(t.value)
        medians = {parent: median(values) for parent, values in siblings.items()}
        rows = [
            t
            for t in every
            if t.period_start <= day
            and not t.has_dimensions
            and (t.person_id or t.node_id)
            and t.value > 0
        ]
        cells = [actual_cell(t, day) for t in rows]
        values = metric_values(metric, [c for c in cells if c is not None], version=version)
        for target, actual in zip(rows, values, strict=True):
            if actual is not None and actual >= target.value:
                reasons = outlier_reasons(
                    achievement=DECIMAL_CONTEXT.divide(actual, target.value),
                    target=target.value,
                    peer_median=medians.get(target.parent_id),
                    rule=rule,
                )
                events.append(
                    GoodNews(
                        kind=NewsKind.ACHIEVED,
                        person_id=target.person_id,
                        node_id=target.node_id,
                        target_id=target.pk,
                        metric=plan.metric,
                        period=target.period,
                        value=actual,
                        reference=target.value,
                        happened_on=min(day, target.period_end),
                        dedupe_key=f"achieved:{target.pk}",
                        outlier=",".join(r.value for r in reasons),
                    )
                )
    return events
