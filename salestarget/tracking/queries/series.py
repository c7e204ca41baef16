"""The series the dashboard's charts draw: cumulative actual against the expected curve, and
month by month against target and last year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from salestarget.core.metrics import evaluate
from salestarget.core.money import quantize
from salestarget.core.periods import Period, PeriodKind
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.tracking.queries.context import (
    year_back,
)
from salestarget.tracking.queries.dashboard import NO_DIMENSIONS
from salestarget.tracking.queries.frame import Frame
from salestarget.tracking.queries.subjects import Subject
from salestarget.tracking.queries.sums import (
    grouped_sums,
)
from salestarget.tracking.queries.tree import TargetRow, target_rows


@dataclass
class Series:
    labels: list[str]
    actual: list[Decimal | None]
    expected: list[Decimal | None]
    last_year: list[Decimal | None]
    target: list[Decimal | None] = field(default_factory=list)


def cumulative(frame: Frame, subject: Subject) -> Series:
    """Day by day over the period: the cumulative actual up to the date (a ratio metric: its
    running ratio of sums), the expected curve (target × time progress; a level target flat),
    and last year's cumulative on the same calendar days."""
    period = frame.period
    start, day = frame.span
    node = subject.node
    pid = subject.person.pk if subject.person else None
    names = frame.metric.fact_names
    now = (
        grouped_sums(
            names,
            start=start,
            end=day,
            group="day",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        if frame.started
        else {}
    ) or {}
    ly_start, ly_end = year_back(period.start), year_back(period.end)
    before = (
        grouped_sums(
            names,
            start=ly_start,
            end=ly_end,
            group="day",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        or {}
    )
    target = frame.target_of(subject)
    labels: list[str] = []
    actual: list[Decimal | None] = []
    expected: list[Decimal | None] = []
    last_year: list[Decimal | None] = []
    running: dict[str, Decimal] = {n: Decimal(0) for n in names}
    running_ly: dict[str, Decimal] = {n: Decimal(0) for n in names}
    for d in period.dates():
        labels.append(d.isoformat())
        for n, v in now.get(d, {}).items():
            running[n] += v
        for n, v in before.get(year_back(d), {}).items():
            running_ly[n] += v
        actual.append(evaluate(frame.metric, running) if d <= day and frame.started else None)
        last_year.append(evaluate(frame.metric, running_ly))
        if target is None:
            expected.append(None)
        elif frame.metric.accumulates:
            progress, _left = frame.progress.at(period, d)
            expected.append(quantize(Decimal(target.value) * progress, frame.progress.decimals))
        else:
            expected.append(Decimal(target.value))
    return Series(labels, actual, expected, last_year)


def monthly(frame: Frame, subject: Subject) -> Series:
    """Month by month over the period (a period shorter than two months: its fiscal year):
    actual, the month's target where the plan has one, last year's."""
    period = frame.period
    if period.kind.rank >= PeriodKind.MONTH.rank:
        year = fiscal_calendar().period_of(PeriodKind.YEAR, period.start)
    else:
        year = period
    months = fiscal_calendar().subperiods(year, PeriodKind.MONTH)
    node = subject.node
    pid = subject.person.pk if subject.person else None
    names = frame.metric.fact_names
    end = min(frame.as_of.day, year.end)
    now = (
        grouped_sums(
            names,
            start=year.start,
            end=end,
            group="month",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        if frame.as_of.day >= year.start
        else {}
    ) or {}
    before = (
        grouped_sums(
            names,
            start=year_back(year.start),
            end=year_back(year.end),
            group="month",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        or {}
    )
    targets = _month_targets(frame, subject, year)
    series = Series([], [], [], [], [])
    for m in months:
        series.labels.append(m.label)
        sums = now.get(m.start)
        started = m.start <= frame.as_of.day
        series.actual.append(
            evaluate(frame.metric, sums) if sums else (Decimal(0) if started else None)
        )
        ly = before.get(year_back(m.start))
        series.last_year.append(evaluate(frame.metric, ly) if ly else None)
        series.target.append(targets.get(m.start))
        series.expected.append(None)
    return series


def _month_targets(frame: Frame, subject: Subject, year: Period) -> dict[dt.date, Decimal]:
    """The subject's monthly targets in the frame's plan over ``year``, by month start. A unit
    without month targets of its own, on an accumulating metric, shows the sum of the month
    targets at the bottom of its split (its people's months, say)."""
    if frame.plan is None or frame.scope is None:
        return {}
    common: dict[str, Any] = {
        "period_start__gte": year.start,
        "period_end__lte": year.end,
        **NO_DIMENSIONS,
    }
    if subject.person is not None:
        rows = target_rows(frame.plan, frame.scope, person_id=subject.person.pk, **common)
    else:
        node = subject.node
        rows = target_rows(
            frame.plan,
            frame.scope,
            node_id=node.pk if node else None,
            person__isnull=True,
            **common,
        )
        if not _months_only(rows) and frame.metric.accumulates and node is not None:
            rows = target_rows(
                frame.plan,
                frame.scope,
                node__path__startswith=node.path,
                children__isnull=True,
                **common,
            )
    totals: dict[dt.date, Decimal] = {}
    for t in _months_only(rows):
        totals[t.period_start] = totals.get(t.period_start, Decimal(0)) + Decimal(t.value)
    return totals


def _months_only(rows: list[TargetRow]) -> list[TargetRow]:
    return [
        t
        for t in rows
        if t.period_start.day == 1
        and (t.period_end + dt.timedelta(days=1)).day == 1
        and (t.period_end - t.period_start).days < 31
    ]
