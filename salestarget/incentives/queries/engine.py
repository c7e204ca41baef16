"""The calculation of one month's statements, without writing anything: reads through the
set-based queries, pays through ``core.commission``, returns line drafts.

Per component the people paid under it are grouped by the window of days it measures, and
each group is one GROUP BY over the rollups (plus one per gate measure); the Python work is
per person and component, never per sales line. Services save the drafts
(``statement_calculate``), compare them with closed months (deltas) or just show them
(plan preview, what-if).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from salestarget.core.commission.components import (
    ComponentInput,
    ComponentResult,
    ComponentRule,
    component_payout,
    period_due,
    plan_payout,
)
from salestarget.core.commission.proration import prorate_quota
from salestarget.core.commission.steps import Step, StepKind
from salestarget.core.metrics import Aggregation, MetricDefinition, Unit, evaluate
from salestarget.core.periods import FiscalCalendar, Period, PeriodKind
from salestarget.incentives.models import (
    CommissionPlan,
    ComponentKind,
    ComponentPeriod,
    LineKind,
    PlanComponent,
    StatementLine,
)
from salestarget.incentives.queries.assignments import PlanSpan, plan_spans
from salestarget.incentives.queries.measures import Window, qualifying_deals
from salestarget.incentives.queries.month_reads import MonthReads, SumsAsk, month_reads, quota_ask
from salestarget.incentives.queries.quotas import QuotaAsk
from salestarget.incentives.queries.returns import MonthReturns, late_returns
from salestarget.incentives.rules import component_rule
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.fiscal_periods import fiscal_calendar

ZERO = Decimal(0)


@dataclass
class LineDraft:
    person_id: int
    kind: str
    label: str
    amount: Decimal
    plan: CommissionPlan | None = None
    component: PlanComponent | None = None
    span: tuple[dt.date, dt.date] | None = None
    measure_total: Decimal | None = None
    quota: Decimal | None = None
    attainment: Decimal | None = None
    steps: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class Job:
    """One person's component over one window."""

    person_id: int
    component: PlanComponent
    rule: ComponentRule
    window: Window
    quota_periods: tuple[str, ...]
    prorate: tuple[tuple[dt.date, dt.date], tuple[tuple[dt.date, dt.date], ...]] | None
    cumulative: bool
    month_start: dt.date


def month_drafts(
    month: Period,
    *,
    person_ids: set[int] | None = None,
    as_of: dt.date | None = None,
    extra: dict[int, Decimal] | None = None,
    spans: dict[int, list[PlanSpan]] | None = None,
    extra_measures: frozenset[str] | None = None,
    calendar: FiscalCalendar | None = None,
    returns: MonthReturns | None = None,
) -> dict[int, list[LineDraft]]:
    """The lines of ``month``'s statements per person. ``as_of`` cuts the facts (an
    estimate during the month); ``extra`` adds to each person's total of the measures a
    closed deal moves (the what-if; ``moved_by_deal``), or of ``extra_measures`` when given;
    ``spans`` replaces the assignments (a plan preview); ``returns``, the month's late
    returns when a month run has read them already (``queries.clawbacks.month_returns``)."""
    calendar = calendar or fiscal_calendar()
    end = min(month.end, as_of) if as_of else month.end
    by_person = spans if spans is not None else plan_spans(month.start, month.end, person_ids)
    jobs = _jobs(month, end, by_person, calendar)
    drafts: dict[int, list[LineDraft]] = defaultdict(list)
    results: dict[tuple[int, int], list[ComponentResult]] = defaultdict(list)
    groups: dict[tuple[int, Window, tuple[str, ...]], list[Job]] = defaultdict(list)
    for job in jobs:
        groups[(job.component.pk or id(job.component), job.window, job.quota_periods)].append(job)
    reads = _reads(groups.values())
    prior = _prior_paid(month, calendar, [j for j in jobs if j.cumulative])
    for group in groups.values():
        for job, result in _pay_group(group, reads, extra or {}, extra_measures, returns):
            payout = result.payout
            steps = list(result.steps)
            if job.cumulative:
                due = period_due(
                    cumulative=payout, prior_paid=prior.get((job.person_id, job.component.pk), ZERO)
                )
                payout = due.amount
                steps.extend(due.steps)
            results[(job.person_id, job.component.plan_id)].append(
                ComponentResult(
                    result.code, payout, result.total, result.quota, result.attainment, result.steps
                )
            )
            drafts[job.person_id].append(
                LineDraft(
                    person_id=job.person_id,
                    kind=LineKind.COMPONENT,
                    label=job.component.name,
                    amount=payout,
                    plan=job.component.plan,
                    component=job.component,
                    span=(job.window.start, job.window.end),
                    measure_total=result.total,
                    quota=result.quota,
                    attainment=result.attainment,
                    steps=[s.as_data() for s in steps],
                )
            )
    for (person_id, plan_id), paid in results.items():
        plan = next(d.plan for d in drafts[person_id] if d.plan and d.plan.pk == plan_id)
        assert plan is not None
        if plan.cap is None:
            continue  # nothing to cut: the plan total is the components' sum
        capped = plan_payout(paid, plan.cap)
        uncapped = sum((r.payout for r in paid), ZERO)
        if capped.total < uncapped:
            drafts[person_id].append(
                LineDraft(
                    person_id=person_id,
                    kind=LineKind.PLAN_CAP,
                    label=plan.name,
                    amount=capped.total - uncapped,
                    plan=plan,
                    steps=[s.as_data() for s in capped.steps],
                )
            )
    return dict(drafts)


def _reads(groups: Iterable[list[Job]]) -> MonthReads:
    """What every group of jobs will read, asked for at once (``queries.month_reads``)."""
    sums: list[SumsAsk] = []
    quotas: list[tuple[QuotaAsk, list[int]]] = []
    for jobs in groups:
        first = jobs[0]
        component, window = first.component, first.window
        people = [j.person_id for j in jobs]
        ask = quota_ask(
            component.kind, component.quota_source, component.measure, first.quota_periods
        )
        if ask is not None:
            quotas.append((ask, people))
        gates = [metric_definition(g.measure).fact_names for g in first.rule.gates]
        if gates:
            sums.append(SumsAsk(_unsliced(window), frozenset().union(*gates), people))
        if component.kind != ComponentKind.PER_DEAL:
            names = metric_definition(component.measure).fact_names
            sums.append(SumsAsk(window, frozenset(names), people))
    return month_reads(sums, quotas)


def _unsliced(window: Window) -> Window:
    return Window(window.start, window.end)


def _jobs(
    month: Period, end: dt.date, by_person: dict[int, list[PlanSpan]], calendar: FiscalCalendar
) -> list[Job]:
    jobs: list[Job] = []
    # Keyed by pk, or by identity for the unsaved components of a plan preview.
    rules: dict[int, tuple[PlanComponent, ComponentRule]] = {}
    for person_id, spans in by_person.items():
        whole = [(s.start, s.end) for s in spans]
        for span in spans:
            for component in _components(span.plan):
                key = component.pk or id(component)
                if key not in rules:
                    rules[key] = (component, component_rule(component))
                comp, rule = rules[key]
                job = _job(person_id, comp, rule, span, whole, month, end, calendar)
                if job is not None:
                    jobs.append(job)
    return jobs


def _components(plan: CommissionPlan) -> list[PlanComponent]:
    cached = getattr(plan, "_components_cache", None)
    if cached is None:
        cached = list(plan.components.select_related("plan").order_by("sort_order", "pk"))
        plan._components_cache = cached  # type: ignore[attr-defined]
    return cached


def _job(
    person_id: int,
    component: PlanComponent,
    rule: ComponentRule,
    span: PlanSpan,
    spans: list[tuple[dt.date, dt.date]],
    month: Period,
    end: dt.date,
    calendar: FiscalCalendar,
) -> Job | None:
    slice_ = {
        "product_line_id": component.product_line_id,
        "customer_type_id": component.customer_type_id,
    }
    if component.kind == ComponentKind.SPIF:
        lo = max(span.start, component.starts or span.start)
        hi = min(span.end, component.ends or span.end, end)
        if hi < lo:
            return None
        return Job(
            person_id, component, rule, Window(lo, hi, **slice_), (), None, False, month.start
        )
    if component.cumulative or component.period != ComponentPeriod.MONTH:
        # A quarter, a year or a year-to-date is paid under the plan in force at month end.
        if span.end != month.end:
            return None
        kind = PeriodKind.YEAR if component.cumulative else PeriodKind(component.period)
        whole = calendar.period_of(kind, month.start)
        if not component.cumulative and whole.end != month.end:
            return None
        months = (
            calendar.subperiods(
                Period(PeriodKind.YEAR, whole.start, month.end, whole.label), PeriodKind.MONTH
            )
            if component.cumulative
            else [whole]
        )
        return Job(
            person_id,
            component,
            rule,
            Window(whole.start, min(month.end, end), **slice_),
            tuple(p.label for p in months),
            None,
            component.cumulative,
            month.start,
        )
    prorate = None
    if (span.start, span.end) != (month.start, month.end) and span.plan.prorate_quota:
        prorate = ((month.start, month.end), tuple(spans))
    window = Window(span.start, min(span.end, end), **slice_)
    if window.end < window.start:
        window = Window(span.start, span.start - dt.timedelta(days=1), **slice_)
    return Job(person_id, component, rule, window, (month.label,), prorate, False, month.start)


def moved_by_deal(metric: MetricDefinition) -> bool:
    """Whether one more closed deal adds its amount to ``metric``: a sum of the sales amount
    alone (revenue, or a custom metric that is just the amount). Gross profit (its cost is
    not known), collections (paid later), expenses, counts and ratios are left as they are."""
    return (
        metric.unit is Unit.MONEY
        and metric.aggregation is Aggregation.SUM
        and metric.fact_names == frozenset({"amount"})
    )


def _pay_group(
    jobs: list[Job],
    reads: MonthReads,
    extra: dict[int, Decimal],
    extra_measures: frozenset[str] | None,
    returns: MonthReturns | None = None,
) -> list[tuple[Job, ComponentResult]]:
    first = jobs[0]
    component, window = first.component, first.window
    people = [j.person_id for j in jobs]
    metric = metric_definition(component.measure)
    moves = (
        component.measure in extra_measures if extra_measures is not None else moved_by_deal(metric)
    )
    gate_metrics = {g.measure: metric_definition(g.measure) for g in first.rule.gates}
    # The gates measure the whole window, unsliced: with the measure when it is unsliced too.
    gate_sums = reads.sums_of(_unsliced(window), people) if gate_metrics else {}
    gate_values = {
        code: {p: evaluate(m, gate_sums[p]) for p in people} for code, m in gate_metrics.items()
    }
    if component.kind == ComponentKind.PER_DEAL:
        deals = qualifying_deals(window, people, component.min_deal)
        totals: dict[int, Decimal | None] = {p: Decimal(deals[p]) for p in people}
    else:
        sums = reads.sums_of(window, people)
        if component.plan.clawback_days and moved_by_deal(metric):
            # Returns of earlier months are clawed back instead (queries.clawbacks). Not on
            # gross profit and the like: adding the amount back would leave the returned cost
            # in; a late return lowers those by what it took off them.
            added = (
                returns.added_back(window, people)
                if returns is not None and returns.covers(window)
                else late_returns(window, people, first.month_start)
            )
            for person_id, back in added.items():
                sums[person_id]["amount"] += back
        totals = {p: evaluate(metric, sums[p]) for p in people}
    ask = quota_ask(component.kind, component.quota_source, component.measure, first.quota_periods)
    if component.kind != ComponentKind.RATE_TABLE:
        quotas: dict[int, Decimal] = {}
    elif ask is None:
        quotas = dict.fromkeys(people, component.quota or ZERO)
    else:
        quotas = reads.quotas[ask]
    out = []
    for job in jobs:
        total = totals.get(job.person_id) or ZERO
        if moves and job.person_id in extra:
            total += extra[job.person_id]
        quota = quotas.get(job.person_id, ZERO)
        if job.prorate is not None:
            period, spans = job.prorate
            shares = prorate_quota(quota, period, spans)
            quota = _span_share(shares, spans, job)
        given = ComponentInput(
            total, quota, {m: v.get(job.person_id) for m, v in gate_values.items()}
        )
        result = component_payout(job.rule, given)
        if job.prorate is not None:
            step = Step.of(StepKind.PRORATION, quota, full=quotas.get(job.person_id, ZERO))
            result = ComponentResult(
                result.code,
                result.payout,
                result.total,
                result.quota,
                result.attainment,
                (step, *result.steps),
            )
        out.append((job, result))
    return out


def _span_share(
    shares: tuple[Decimal, ...], spans: tuple[tuple[dt.date, dt.date], ...], job: Job
) -> Decimal:
    for share, (lo, _hi) in zip(shares, spans, strict=True):
        if lo == job.window.start:
            return share
    return ZERO


def _prior_paid(
    month: Period, calendar: FiscalCalendar, jobs: list[Job]
) -> dict[tuple[int, int], Decimal]:
    """What earlier months of the fiscal year paid on each cumulative component."""
    if not jobs:
        return {}
    year = calendar.period_of(PeriodKind.YEAR, month.start)
    rows = StatementLine.objects.filter(
        kind=LineKind.COMPONENT,
        component_id__in={j.component.pk for j in jobs},
        statement__person_id__in={j.person_id for j in jobs},
        statement__period_start__gte=year.start,
        statement__period_end__lt=month.start,
    ).values_list("statement__person_id", "component_id", "amount")
    paid: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for person_id, component_id, amount in rows:
        paid[(person_id, component_id)] += amount
    return dict(paid)
