"""The frame of a dashboard: metric, period, plan (optional), date and progress basis; the
plan's targets are read once into it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from salestarget.core.metrics import MetricDefinition
from salestarget.core.periods import Period
from salestarget.org.models import CompanySettings
from salestarget.org.models import ProgressBasis as ProgressBasisChoice
from salestarget.org.scoping import Scope
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.targets.models import Status, Target, TargetPlan
from salestarget.targets.permissions import target_q
from salestarget.targets.queries import plans_visible
from salestarget.tracking.queries.context import (
    AsOf,
    Progress,
    default_progress,
    period_of,
    plan_progress,
    year_back,
)
from salestarget.tracking.queries.subjects import Subject
from salestarget.tracking.queries.tree import TargetRow, target_rows


def basis_label(basis: str) -> str:
    return str(ProgressBasisChoice(str(basis)).label)


@dataclass
class Frame:
    metric: MetricDefinition
    plan: TargetPlan | None
    period: Period
    as_of: AsOf
    progress: Progress
    version: str
    plan_targets: list[TargetRow] = field(default_factory=list)
    scope: Scope | None = None

    @property
    def day(self) -> dt.date:
        """The tracking date inside the period (its last day once it is over)."""
        return min(self.as_of.day, self.period.end)

    @property
    def started(self) -> bool:
        return self.as_of.day >= self.period.start

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The days with actuals so far."""
        return self.period.start, self.day

    @property
    def last_year_span(self) -> tuple[dt.date, dt.date]:
        return year_back(self.period.start), year_back(self.day)

    def target_of(self, subject: Subject) -> TargetRow | None:
        """The plan's target at exactly the subject's coordinates (no dimension), if any."""
        for t in self.plan_targets:
            if t.has_dimensions:
                continue
            if subject.person is not None:
                if t.person_id == subject.person.pk:
                    return t
            elif t.person_id is None and subject.node is not None and t.node_id == subject.node.pk:
                return t
        return None


def default_plan(scope: Scope, day: dt.date) -> TargetPlan | None:
    """The plan the dashboard opens with: one running on ``day`` (approved first, revenue
    first, the widest scope first), else the latest visible plan."""
    plans = list(plans_visible(scope))
    if not plans:
        return None
    running = [p for p in plans if _plan_span(p)[0] <= day <= _plan_span(p)[1]] or plans
    order: dict[str, int] = {
        Status.LOCKED: 0,
        Status.APPROVED: 1,
        Status.SUBMITTED: 2,
        Status.DRAFT: 3,
    }
    running.sort(
        key=lambda p: (
            order.get(p.status, 9),
            p.metric != "revenue",
            p.scope_node.depth,
            -_plan_span(p)[1].toordinal(),
        )
    )
    return running[0]


def _plan_span(plan: TargetPlan) -> tuple[dt.date, dt.date]:
    parsed = fiscal_calendar().parse(plan.period)
    return parsed.start, parsed.end


def plan_periods(plan: TargetPlan, scope: Scope) -> list[Period]:
    """The periods the plan has (visible) targets for, longest first then by date."""
    rows = (
        Target.objects.filter(target_q(scope), plan=plan)
        .values_list("period", "period_start", "period_end")
        .order_by()
        .distinct()
    )
    year_start_month = CompanySettings.current().fiscal_year_start_month
    periods = {period_of(label, s, e, year_start_month=year_start_month) for label, s, e in rows}
    return sorted(periods, key=lambda p: (p.kind.rank, p.start))


def frame_build(
    *,
    scope: Scope,
    metric: MetricDefinition,
    plan: TargetPlan | None,
    period: Period,
    as_of: AsOf,
    version: str,
) -> Frame:
    """The frame, with the plan's visible targets for exactly ``period``."""
    targets: list[TargetRow] = []
    if plan is not None:
        targets = target_rows(plan, scope, period_start=period.start, period_end=period.end)
        plan_start, plan_end = _plan_span(plan)
        span = (min(plan_start, period.start), max(plan_end, period.end))
        progress = plan_progress(plan, span=span, version=version)
    else:
        progress = default_progress(metric, (period.start, period.end))
    return Frame(metric, plan, period, as_of, progress, version, targets, scope)


def period_choice(code: str | None, fallback: Period) -> Period:
    if code:
        try:
            return fiscal_calendar().parse(code)
        except ValueError:
            pass
    return fallback
