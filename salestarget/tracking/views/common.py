"""What the tracking pages share: reading the dashboard's parameters into a frame and a
subject (plan, metric, period, as-of date, who), always through the caller's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse

from salestarget.core.periods import Period, PeriodKind
from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.company_metrics import metric_choices, metric_definition
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.targets.models import TargetPlan
from salestarget.targets.queries import plans_visible
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import as_of, parse_day
from salestarget.tracking.queries.frame import Frame, default_plan, frame_build, plan_periods
from salestarget.tracking.queries.subjects import Subject, subject_default, subject_parse


def download(content: bytes, mime: str, name: str) -> HttpResponse:
    """``content`` as a file to save, named ``name`` (UTF-8, so Chinese names survive)."""
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


PARAMS = ("plan", "metric", "period", "subject", "dim", "at")


@dataclass
class Selection:
    scope: Scope
    frame: Frame
    subject: Subject
    plans: list[TargetPlan]
    periods: list[Period]
    params: dict[str, str]

    def query(self, **changes: Any) -> str:
        """This selection's query string with ``changes`` (None drops a parameter)."""
        values = {**self.params, **dict(changes.items())}
        return urlencode({k: v for k, v in values.items() if v not in (None, "")})


def selection(request: AuthenticatedRequest, *, metric_default: str = "revenue") -> Selection:
    """The dashboard's selection from the query string; 404 for anything outside the scope or
    malformed (a URL never tells what lies outside the scope)."""
    scope = request_scope(request)
    if not scope.sees_anything:
        raise PermissionDenied
    get = request.GET
    version = facts_version()
    day = as_of(parse_day(get.get("at")), version=version)
    plans = list(plans_visible(scope))
    plan: TargetPlan | None = None
    plan_param = get.get("plan", "")
    if plan_param == "none":
        plan = None
    elif plan_param:
        plan = next((p for p in plans if str(p.pk) == plan_param), None)
        if plan is None:
            raise Http404
    else:
        plan = default_plan(scope, day.day)
    try:
        metric = metric_definition(plan.metric if plan else get.get("metric") or metric_default)
    except ValidationError as exc:
        raise Http404 from exc
    periods = plan_periods(plan, scope) if plan else []
    period = period_default(periods, day.day)
    if get.get("period"):
        try:
            period = fiscal_calendar().parse(get["period"])
        except ValueError as exc:
            raise Http404 from exc
    try:
        if get.get("subject"):
            subject = subject_parse(get["subject"], scope)
        elif plan is not None and scope.can_view_node(plan.scope_node):
            subject = Subject(node=plan.scope_node)
        else:
            subject = subject_default(scope)
    except (ValueError, PermissionDenied) as exc:
        raise Http404 from exc
    if subject.node is None and subject.person is None:
        raise Http404
    frame = frame_build(
        scope=scope, metric=metric, plan=plan, period=period, as_of=day, version=version
    )
    if (
        not get.get("period")
        and periods
        and period != periods[0]
        and frame.target_of(subject) is None
    ):
        # The plan splits this subject's year no finer (a team's, when only its people have
        # months): its year is what it has to act on.
        period = periods[0]
        frame = frame_build(
            scope=scope, metric=metric, plan=plan, period=period, as_of=day, version=version
        )
    params = {
        "plan": str(plan.pk) if plan else "none",
        "metric": "" if plan else metric.code,
        "period": period.label,
        "subject": subject.code,
        "dim": get.get("dim", ""),
        "at": get.get("at", ""),
    }
    return Selection(scope, frame, subject, plans, periods, params)


def period_default(periods: list[Period], day: dt.date) -> Period:
    """The period a person acts on: the month of the as-of day (the plan's, when it has one),
    else the plan's longest period (a plan of years only), else the fiscal month."""
    month = next((p for p in periods if p.kind is PeriodKind.MONTH and p.contains(day)), None)
    if month is not None:
        return month
    if periods:
        return periods[0]
    return fiscal_calendar().period_of(PeriodKind.MONTH, day)


def metric_options() -> list[tuple[str, str]]:
    return metric_choices()


def period_options(day: Any) -> list[Period]:
    """Periods to pick without a plan: this fiscal year, its quarters, months and this week."""
    cal = fiscal_calendar()
    year = cal.period_of(PeriodKind.YEAR, day)
    return [
        year,
        *cal.subperiods(year, PeriodKind.QUARTER),
        *cal.subperiods(year, PeriodKind.MONTH),
        cal.period_of(PeriodKind.WEEK, day),
    ]
