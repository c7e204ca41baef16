"""Forecasting over the API (/api/forecasting/): the latest run, a plan's outlook, a
series' forecast, and forecast submissions — the same reads, services and scoping as the
pages. Amounts are exact decimals (strings in JSON); probabilities are fractions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.api_customers import customers_router
from salestarget.forecasting.api_scenarios import scenarios_router
from salestarget.forecasting.models import ForecastRun, Submission
from salestarget.forecasting.queries.history import (
    BACKTEST_MONTHS,
    FORECAST_MONTHS,
    history_length,
)
from salestarget.forecasting.queries.outlook import FORECAST_METRIC
from salestarget.forecasting.queries.plan import level_accuracy, plan_outlook
from salestarget.forecasting.queries.proposals import year_proposals
from salestarget.forecasting.queries.runs import latest_run, stored_for
from salestarget.forecasting.queries.submissions import rollup_of, snapshots
from salestarget.forecasting.series_keys import SeriesKey, key_of
from salestarget.forecasting.services.submissions import (
    opportunity_categorise,
    rollup_submit,
    submission_submit,
)
from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.models import Target
from salestarget.targets.permissions import target_q
from salestarget.targets.queries import plans_visible
from salestarget.ui.params import DB_MAX, path_id, query_id, query_param

router = Router(tags=["forecasting"])
router.add_router("/scenarios", scenarios_router)
router.add_router("/customers", customers_router)
NodeId = Annotated[int, path_id("the org node")]
OpportunityId = Annotated[int, path_id("the open opportunity")]


class LevelOut(Schema):
    kind: str
    series: int
    mase: float | None
    smape: float | None
    bias: float | None
    naive_mase: float | None
    naive_smape: float | None
    beating_naive: int


class RunHistoryOut(Schema):
    first_day: dt.date | None = Field(description="the first day with facts")
    last_day: dt.date | None = Field(description="the last day with facts")
    days: int = Field(description="days from the first to the last day with facts")
    months: int = Field(
        description="whole months of history before the first forecast month (the running "
        "month is not history)"
    )
    months_needed: int = Field(description="months a statistical forecast needs at least")
    backtest_months_needed: int = Field(description="months a method chosen by backtest needs")
    enough: bool = Field(description="whether the history is long enough for a forecast")
    message: str = Field(description="why there is no forecast yet, in the reader's language")


class RunOut(Schema):
    id: int
    first_month: dt.date
    last_fact_day: dt.date | None
    horizon: int
    series: int
    seconds: float
    levels: list[LevelOut] = Field(
        default_factory=list,
        description="each level's mean backtest error beside seasonal naive's",
    )
    history: RunHistoryOut | None = Field(None, description="how much history the run had")


class AccuracyOut(Schema):
    method: str
    reason: str
    mase: float | None
    smape: float | None
    bias: float | None
    windows: int
    naive_mase: float | None
    naive_smape: float | None


class OutlookOut(Schema):
    target_id: int
    label: str
    metric: str
    lower_is_better: bool  # the probability is then of staying at or under the value
    period: str
    value: Decimal
    actual: Decimal | None  # None: a level metric (费用率) with no value yet
    run_rate: Decimal | None
    p10: Decimal | None
    p50: Decimal | None
    p90: Decimal | None
    probability: float | None
    base_probability: float | None
    challenge_probability: float | None
    pipeline: Decimal
    accuracy: AccuracyOut | None
    note: str = Field(
        "", description="why the target has no forecast (e.g. the history is too short)"
    )


class SeriesOut(Schema):
    metric: str  # the metric's code (revenue, gross_profit, expense_rate …)
    kind: str
    node_id: int | None
    person_id: int | None
    product_line_id: int | None
    member: int | None  # the region, channel or customer type of a node × dimension series
    grain: str  # a cell's coordinates ("node:3|person:5|product_line:2"), else ""
    first_month: dt.date
    mean: list[Decimal]
    lo80: list[Decimal]
    hi80: list[Decimal]
    lo95: list[Decimal]
    hi95: list[Decimal]
    accuracy: AccuracyOut


class ProposalOut(Schema):
    method: str
    value: float
    error: float | None  # mean absolute percentage error on past years
    errors: list[float]
    probability: float
    growth: float | None


class ProposalsOut(Schema):
    node_id: int
    year_start: dt.date
    this_year: float
    proposals: list[ProposalOut]


class SubmissionIn(Schema):
    month: dt.date
    commit: Decimal
    best_case: Decimal
    pipeline: Decimal = Decimal(0)
    note: str = ""


class RollupIn(Schema):
    node_id: int
    month: dt.date
    commit: Decimal
    best_case: Decimal
    note: str = ""


class SubmissionOut(Schema):
    id: int
    kind: str
    person_id: int | None
    node_id: int
    month: dt.date
    week: dt.date
    commit: Decimal
    best_case: Decimal
    pipeline: Decimal
    rolled_up: Decimal | None
    note: str


class CategoryIn(Schema):
    category: str = Field(description="commit, best_case, pipeline or omitted")


class CategoryOut(Schema):
    opportunity_id: int
    category: str


class RollupOut(Schema):
    node_id: int
    month: dt.date
    commit: Decimal
    best_case: Decimal
    pipeline: Decimal
    calls: list[SubmissionOut]
    adjusted: SubmissionOut | None
    missing_person_ids: list[int] = Field(
        description="the unit's sales reps with no call for the month yet (not in the total)"
    )


def _scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not scope.sees_anything:
        raise PermissionDenied("no scope")
    return scope


def _submission(submission: Submission) -> SubmissionOut:
    return SubmissionOut.model_validate(submission, from_attributes=True)


def _accuracy(stored: object) -> AccuracyOut | None:
    if stored is None:
        return None
    return AccuracyOut.model_validate(stored, from_attributes=True)


@router.get("/run", response=RunOut | None)
def run_latest(request: HttpRequest) -> RunOut | None:
    _scope(request)
    run = latest_run()
    if run is None:
        return None
    out = RunOut.model_validate(run, from_attributes=True)
    out.levels = [
        LevelOut.model_validate(level, from_attributes=True) for level in level_accuracy(run)
    ]
    out.history = _history(run)
    return out


def _history(run: ForecastRun) -> RunHistoryOut:
    found = history_length(run)
    return RunHistoryOut(
        first_day=found.first_day,
        last_day=found.last_day,
        days=found.days,
        months=found.months,
        months_needed=FORECAST_MONTHS,
        backtest_months_needed=BACKTEST_MONTHS,
        enough=found.enough,
        message=found.message(),
    )


@router.get("/outlook", response=list[OutlookOut])
def outlook(
    request: HttpRequest,
    plan: int = query_param(..., ge=1, le=DB_MAX, description="id of the target plan"),
) -> list[OutlookOut]:
    """The outlook of the plan's targets whose period is not over, in the plan's metric."""
    scope = _scope(request)
    chosen = plans_visible(scope).filter(pk=plan).first()
    if chosen is None:
        raise Http404
    run = latest_run()
    page = plan_outlook(chosen, scope, run)
    short = history_length(run).message() if run is not None else ""
    return [
        OutlookOut(
            target_id=row.target.pk,
            label=row.target.label,
            metric=row.target.metric,
            lower_is_better=row.outlook.lower_is_better,
            period=row.target.period,
            value=row.target.value,
            actual=row.outlook.actual,
            run_rate=row.tracking.projection,
            p10=row.outlook.p10,
            p50=row.outlook.p50,
            p90=row.outlook.p90,
            probability=row.outlook.probability,
            base_probability=row.outlook.base_probability,
            challenge_probability=row.outlook.challenge_probability,
            pipeline=row.outlook.pipeline,
            accuracy=_accuracy(row.outlook.stored),
            note=short if row.outlook.outlook is None else "",
        )
        for row in page.rows
    ]


@router.get("/series", response=SeriesOut)
def series(
    request: HttpRequest,
    person: int | None = query_id("a person's series: their id"),
    node: int | None = query_id("an org node's series (its subtree): its id"),
    product_line: int | None = query_id("with node: that node's series of this product line"),
    target: int | None = query_id("a target's series (of its own coordinates): its id"),
) -> SeriesOut:
    """One series' forecast: a person's, a node's subtree, a node's product line, or the
    series of a target's own coordinates (any grain a target is set at)."""
    scope = _scope(request)
    run = latest_run()
    if run is None:
        raise Http404
    key: SeriesKey | None
    metric = FORECAST_METRIC
    if target is not None:
        chosen = Target.objects.filter(target_q(scope), pk=target).first()
        key = key_of(chosen) if chosen is not None else None
        if key is None or chosen is None:
            raise Http404
        metric = chosen.metric
    elif person is not None:
        if not scope.people().filter(pk=person).exists():
            raise Http404
        key = ("person", None, person, None)
    elif node is not None:
        if not scope.nodes().filter(pk=node).exists():
            raise Http404
        key = ("node_line" if product_line else "node", node, None, product_line)
    else:
        raise Http404
    stored = stored_for(run, [key], metric=metric).get(key)
    if stored is None:
        raise Http404
    return SeriesOut(
        metric=stored.metric,
        kind=stored.kind,
        node_id=stored.node_id,
        person_id=stored.person_id,
        product_line_id=stored.product_line_id,
        member=stored.member,
        grain=stored.grain,
        first_month=run.first_month,
        mean=stored.mean,
        lo80=stored.lo80,
        hi80=stored.hi80,
        lo95=stored.lo95,
        hi95=stored.hi95,
        accuracy=AccuracyOut.model_validate(stored, from_attributes=True),
    )


@router.get("/proposals", response=ProposalsOut)
def proposals(
    request: HttpRequest,
    node: int = query_param(..., ge=1, le=DB_MAX, description="id of the org node proposed for"),
) -> ProposalsOut:
    """Next fiscal year's target proposals for a unit, each with its error on past years and
    the probability of reaching it."""
    scope = _scope(request)
    unit = None if scope.is_rep else scope.nodes().filter(pk=node).first()
    run = latest_run()
    if unit is None or run is None:
        raise Http404
    key: SeriesKey = ("node", unit.pk, None, None)
    stored = stored_for(run, [key]).get(key)
    found = year_proposals(stored, run) if stored is not None else None
    if found is None:
        raise Http404
    return ProposalsOut(
        node_id=unit.pk,
        year_start=found.year_start,
        this_year=found.this_year,
        proposals=[
            ProposalOut(
                method=r.proposal.method,
                value=r.proposal.value,
                error=r.proposal.error,
                errors=list(r.proposal.errors),
                probability=r.probability,
                growth=r.growth,
            )
            for r in found.rows
        ],
    )


@router.get("/submissions", response=list[SubmissionOut])
def submissions(request: HttpRequest) -> list[SubmissionOut]:
    """The weekly snapshots of the last six months the caller may see, newest first."""
    return [_submission(s) for s in snapshots(scope=_scope(request), today=timezone.localdate())]


@router.post("/submissions", response={201: SubmissionOut})
def submission_create(request: HttpRequest, payload: SubmissionIn) -> Status[SubmissionOut]:
    """Submit the caller's own call for a month (this week's snapshot)."""
    scope = _scope(request)
    if scope.person_id is None or scope.home_node_id is None:
        raise PermissionDenied("only people with a unit submit forecasts")
    submission = submission_submit(
        person=Person.objects.get(pk=scope.person_id),
        node=OrgNode.objects.get(pk=scope.home_node_id),
        month=payload.month,
        commit=payload.commit,
        best_case=payload.best_case,
        pipeline=payload.pipeline,
        note=payload.note,
        scope=scope,
        by=request.user,  # type: ignore[arg-type]
        today=timezone.localdate(),
    )
    return Status(201, _submission(submission))


@router.get("/rollups/{node_id}", response=RollupOut)
def rollup(
    request: HttpRequest,
    node_id: NodeId,
    month: dt.date = query_param(..., description="any day of the month rolled up"),
) -> RollupOut:
    scope = _scope(request)
    node = scope.nodes().filter(pk=node_id).first()
    if node is None or scope.is_rep:
        raise Http404
    r = rollup_of(node=node, month=month.replace(day=1), scope=scope)
    return RollupOut(
        node_id=node.pk,
        month=r.month,
        commit=r.commit,
        best_case=r.best_case,
        pipeline=r.pipeline,
        calls=[_submission(c) for c in r.calls],
        adjusted=_submission(r.adjusted) if r.adjusted else None,
        missing_person_ids=[p.pk for p in r.missing],
    )


@router.post("/rollups", response={201: SubmissionOut})
def rollup_create(request: HttpRequest, payload: RollupIn) -> Status[SubmissionOut]:
    """A manager's call for a unit: the reps' sum, adjusted with a note."""
    scope = _scope(request)
    node = scope.nodes().filter(pk=payload.node_id).first()
    if node is None:
        raise Http404
    submission = rollup_submit(
        node=node,
        month=payload.month,
        commit=payload.commit,
        best_case=payload.best_case,
        note=payload.note,
        scope=scope,
        by=request.user,  # type: ignore[arg-type]
        today=timezone.localdate(),
    )
    return Status(201, _submission(submission))


@router.post("/opportunities/{opportunity_id}/category", response=CategoryOut)
def opportunity_category(
    request: HttpRequest, opportunity_id: OpportunityId, payload: CategoryIn
) -> CategoryOut:
    """Put an open opportunity into a forecast category (its rep, or a manager over its
    unit), as the submission page does; the change joins its stage history."""
    scope = _scope(request)
    opportunity = Opportunity.objects.filter(scope.facts_q(), pk=opportunity_id).first()
    if opportunity is None:
        raise Http404
    call = opportunity_categorise(
        opportunity=opportunity,
        category=payload.category,
        scope=scope,
        by=request.user,  # type: ignore[arg-type]
    )
    return CategoryOut(opportunity_id=opportunity.pk, category=call.category)
