"""What every tracking read needs first: the date it is "as of", the period, and how time
progress is measured for a plan (calendar days, working days or seasonality; thresholds).

"As of" a date: tracking is computed at the end of that day. By default it is today, but never
after the last day with facts (demo data ends on a fixed date; a company that imports weekly
sees its last import day), so the page says which date it used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone

from salestarget.actuals import sales_reads
from salestarget.catalog.calendar import calendar_missing_years, work_calendar
from salestarget.core.metrics import MetricDefinition
from salestarget.core.periods import FiscalCalendar, Period, PeriodCodeError, PeriodKind
from salestarget.core.progress import (
    ProgressBasis,
    SeasonalityProfile,
    remaining_working_days,
    time_progress,
)
from salestarget.core.tracking import Thresholds, TrackingResult, track
from salestarget.core.workdays import WorkCalendar
from salestarget.org.models import CompanySettings, OrgNode
from salestarget.targets.cells import Cell
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.targets.models import TargetPlan
from salestarget.tracking.cache import cached, facts_version
from salestarget.tracking.queries.sums import metric_values


@dataclass(frozen=True)
class AsOf:
    day: dt.date
    requested: dt.date | None  # what ?at= asked for
    last_fact_day: dt.date | None
    clipped: bool  # today was after the last day with facts

    @property
    def note(self) -> str:
        return "data_end" if self.clipped else ""


def last_fact_day(version: str | None = None) -> dt.date | None:
    version = version or facts_version()
    day: dt.date | None = cached(
        "last_day",
        (),
        sales_reads.data_end,
        version=version,
    )
    return day


def as_of(requested: dt.date | None = None, *, version: str | None = None) -> AsOf:
    """``requested`` if given, else today or the last day with facts, whichever is earlier."""
    last = last_fact_day(version)
    if requested is not None:
        return AsOf(requested, requested, last, False)
    today = timezone.localdate()
    if last is not None and last < today:
        return AsOf(last, None, last, True)
    return AsOf(today, None, last, False)


def parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse(label: str, year_start_month: int) -> Period | None:
    try:
        return FiscalCalendar(year_start_month).parse(label)
    except (PeriodCodeError, ValueError):
        return None


def period_of(
    label: str, start: dt.date, end: dt.date, *, year_start_month: int | None = None
) -> Period:
    """The core ``Period`` of a target's period label (its dates win if the label is odd)."""
    if year_start_month is None:
        year_start_month = CompanySettings.current().fiscal_year_start_month
    parsed = _parse(label, year_start_month)
    if parsed is not None and parsed.start == start and parsed.end == end:
        return parsed
    return Period(PeriodKind.DAY if start == end else PeriodKind.MONTH, start, end, label)


def current_period(kind: PeriodKind, day: dt.date) -> Period:
    return fiscal_calendar().period_of(kind, day)


def year_back(day: dt.date) -> dt.date:
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year - 1)


# -- how a plan measures progress ----------------------------------------------------------------


@dataclass
class Progress:
    """Time progress and 日点检 divisor for the periods of one plan (or of the company default)."""

    basis: ProgressBasis
    calendar: WorkCalendar
    seasonality: SeasonalityProfile | None
    thresholds: Thresholds
    metric: MetricDefinition
    decimals: int
    # Years of the periods without calendar entries: working days there are Monday–Friday,
    # and the pages say so.
    calendar_missing_years: tuple[int, ...] = ()

    def at(self, period: Period, day: dt.date) -> tuple[Decimal, int]:
        basis = self.basis
        if basis is ProgressBasis.SEASONAL and self.seasonality is None:
            basis = ProgressBasis.WORKING
        progress = time_progress(
            period,
            day,
            basis,
            work_calendar=self.calendar,
            seasonality=self.seasonality if basis is ProgressBasis.SEASONAL else None,
        )
        return progress, remaining_working_days(period, day, self.calendar)

    def track(
        self, target: Decimal, actual: Decimal | None, period: Period, day: dt.date
    ) -> TrackingResult:
        progress, remaining = self.at(period, day)
        return track(
            target,
            actual,
            progress,
            direction=self.metric.direction,
            accumulates=self.metric.accumulates,
            remaining_working_days=remaining,
            thresholds=self.thresholds,
            decimals=self.decimals,
        )


def plan_progress(plan: TargetPlan, *, span: tuple[dt.date, dt.date], version: str) -> Progress:
    metric = metric_definition(plan.metric)
    basis = ProgressBasis(plan.progress_basis or CompanySettings.current().default_progress_basis)
    thresholds = Thresholds(
        ahead=Decimal(plan.threshold_ahead),
        on_track=Decimal(plan.threshold_on_track),
        at_risk=Decimal(plan.threshold_at_risk),
    )
    seasonality = (
        seasonality_profile(metric, plan.scope_node, span[0], version=version)
        if basis is ProgressBasis.SEASONAL
        else None
    )
    return Progress(
        basis=basis,
        calendar=work_calendar(span[0] - dt.timedelta(days=7), span[1] + dt.timedelta(days=7)),
        seasonality=seasonality,
        thresholds=thresholds,
        metric=metric,
        decimals=value_decimals(metric),
        calendar_missing_years=tuple(calendar_missing_years(*span)),
    )


def default_progress(metric: MetricDefinition, span: tuple[dt.date, dt.date]) -> Progress:
    """Progress without a plan: the company's default basis (seasonality falls back to working
    days), default thresholds."""
    basis = ProgressBasis(CompanySettings.current().default_progress_basis)
    return Progress(
        basis=ProgressBasis.WORKING if basis is ProgressBasis.SEASONAL else basis,
        calendar=work_calendar(span[0] - dt.timedelta(days=7), span[1] + dt.timedelta(days=7)),
        seasonality=None,
        thresholds=Thresholds(),
        metric=metric,
        decimals=value_decimals(metric),
        calendar_missing_years=tuple(calendar_missing_years(*span)),
    )


def seasonality_profile(
    metric: MetricDefinition, node: OrgNode, start: dt.date, *, version: str
) -> SeasonalityProfile | None:
    """Last year's monthly actuals of ``node`` (the twelve months before ``start``) as the
    profile; None when there is no positive history (progress then goes by working days)."""
    first = year_back(start.replace(day=1))
    months = []
    day = first
    for _ in range(12):
        following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        months.append(Cell(start=day, end=following - dt.timedelta(days=1), node_id=node.pk))
        day = following
    values = metric_values(metric, months, version=version)
    weights = {
        m.start.month: max(v or Decimal(0), Decimal(0))
        for m, v in zip(months, values, strict=False)
    }
    if not any(weights.values()):
        return None
    return SeasonalityProfile(weights)
