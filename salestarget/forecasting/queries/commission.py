"""The expected commission a quota costs, priced with the incentives engine's rules.

For each person, the commission plan that pays them longest over the period (the
incentives assignments); its rate-table components on the scenario's metric with no
product or customer slice (the quota is a whole-business figure); each component paid per
its own period: a monthly component once per month, each month's total and quota their
seasonal share of the period's (``queries.seasonality``: sales by the person's forecast,
the quota by last year's same months), a quarterly one per three months; gates evaluated on
each person's last twelve months of the gate's measure (what they test, such as
collections or the expense rate, is not forecast: the recent level is taken to hold); the
plan's monthly cap times the months. The expectation is the mean payout over the person's
distribution of the period's total (:func:`core.forecasting.scenarios.expected_payout`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from salestarget.core.commission.components import (
    ComponentInput,
    ComponentRule,
    component_payout,
)
from salestarget.core.forecasting import Outlook
from salestarget.core.forecasting.scenarios import expected_payout
from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.forecasting.queries.seasonality import MonthShape, chunked
from salestarget.forecasting.series import months_between
from salestarget.incentives.models import CommissionPlan, ComponentKind, PlanComponent
from salestarget.incentives.queries.assignments import plan_spans
from salestarget.incentives.queries.measures import Window, measure_values
from salestarget.incentives.rules import component_rule
from salestarget.targets.company_metrics import metric_definition

RECENT_DAYS = 365  # the window a gate's measure is read over

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _plan_of(spans: list) -> CommissionPlan:  # type: ignore[type-arg]
    """The plan paying the most days of the period."""
    days: dict[int, tuple[int, CommissionPlan]] = {}
    for span in spans:
        count, _plan = days.get(span.plan.pk, (0, span.plan))
        days[span.plan.pk] = (count + (span.end - span.start).days + 1, span.plan)
    return max(days.values(), key=lambda d: d[0])[1]


def _rules(plan: CommissionPlan, metric: str) -> list[tuple[PlanComponent, ComponentRule]]:
    rules = []
    for c in plan.components.all():
        if c.kind != ComponentKind.RATE_TABLE or c.measure != metric:
            continue
        if c.product_line_id or c.customer_type_id:
            continue
        rules.append((c, component_rule(c)))
    return rules


def gate_values(
    rules: list[tuple[PlanComponent, ComponentRule]], people: list[int], today: dt.date
) -> dict[int, dict[str, Decimal | None]]:
    """``{person: {gate measure: its value over the last year}}`` (one read per measure)."""
    measures = sorted({g.measure for _c, rule in rules for g in rule.gates})
    recent = Window(today - dt.timedelta(days=RECENT_DAYS - 1), today)
    found: dict[int, dict[str, Decimal | None]] = {p: {} for p in people}
    for measure in measures:
        for person_id, value in measure_values(metric_definition(measure), recent, people).items():
            found[person_id][measure] = value
    return found


def _pieces(
    total: Decimal, quota: Decimal, shape: MonthShape, months: int
) -> list[tuple[Decimal, Decimal]]:
    """The (total, quota) of each ``months``-month piece of the period."""
    sales, quotas = chunked(shape.sales, months), chunked(shape.quota, months)
    return [
        (DECIMAL_CONTEXT.multiply(total, s), DECIMAL_CONTEXT.multiply(quota, q))
        for s, q in zip(sales, quotas, strict=True)
    ]


def expected_commissions(
    *,
    metric: str,
    start: dt.date,
    end: dt.date,
    quotas: Mapping[int, tuple[Decimal, Outlook]],
    shapes: Mapping[int, MonthShape] | None = None,
    today: dt.date | None = None,
) -> dict[int, Decimal]:
    """``{person: expected commission}`` for the people a plan pays over the period (the
    others are left out: no plan, no cost). ``shapes``: each person's months (equal months
    for anyone missing); ``today``: where the year a gate's measure is read over ends (the
    forecast run's last day with facts; else today)."""
    spans = plan_spans(start, end, set(quotas))
    months = months_between(start.replace(day=1), end.replace(day=1)) + 1
    rules_of: dict[int, list[tuple[PlanComponent, ComponentRule]]] = {}
    plan_of: dict[int, CommissionPlan] = {}
    for person_id in quotas:
        if person_id in spans:
            plan = plan_of[person_id] = _plan_of(spans[person_id])
            if plan.pk not in rules_of:
                rules_of[plan.pk] = _rules(plan, metric)
    gates = gate_values(
        [r for rules in rules_of.values() for r in rules],
        sorted(plan_of),
        today or timezone.localdate(),
    )
    found: dict[int, Decimal] = {}
    for person_id, (quota, distribution) in quotas.items():
        if person_id not in plan_of:
            continue
        plan = plan_of[person_id]
        rules = rules_of[plan.pk]
        if not rules:
            continue
        cap = None if plan.cap is None else DECIMAL_CONTEXT.multiply(plan.cap, Decimal(months))
        shape = (shapes or {}).get(person_id) or MonthShape.equal(months)
        mine = gates.get(person_id, {})

        def pay(
            total: Decimal,
            rules: list[tuple[PlanComponent, ComponentRule]] = rules,
            quota: Decimal = quota,
            cap: Decimal | None = cap,
            shape: MonthShape = shape,
            measured: dict[str, Decimal | None] = mine,
        ) -> Decimal:
            paid = Decimal(0)
            for component, rule in rules:
                size = PERIOD_MONTHS.get(component.period, 1)
                for piece_total, piece_quota in _pieces(total, quota, shape, size):
                    piece = ComponentInput(piece_total, piece_quota, measured)
                    paid += component_payout(rule, piece).payout
            return paid if cap is None else min(paid, cap)

        found[person_id] = expected_payout(pay, distribution)
    return found
