"""The expected commission a quota costs, priced with the incentives engine's rules.

For each person, the commission plan that pays them longest over the period (the
incentives assignments); its rate-table components on the scenario's metric with no
product or customer slice (the quota is a whole-business figure); each component paid per
its own period (a monthly component twelve times over a year, each month's quota and total
a twelfth: the scenario has no month-by-month split yet); gates are taken as met (what they
test, such as collections, is not forecast); the plan's monthly cap times the months. The expectation is
the mean payout over the person's distribution of the period's total
(:func:`core.forecasting.scenarios.expected_payout`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from salestarget.core.commission.components import (
    ComponentInput,
    ComponentRule,
    component_payout,
)
from salestarget.core.forecasting import Outlook
from salestarget.core.forecasting.scenarios import expected_payout
from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.forecasting.series import months_between
from salestarget.incentives.models import CommissionPlan, ComponentKind, PlanComponent
from salestarget.incentives.queries.assignments import plan_spans
from salestarget.incentives.rules import component_rule

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
        rules.append((c, replace(component_rule(c), gates=())))
    return rules


def expected_commissions(
    *,
    metric: str,
    start: dt.date,
    end: dt.date,
    quotas: Mapping[int, tuple[Decimal, Outlook]],
) -> dict[int, Decimal]:
    """``{person: expected commission}`` for the people a plan pays over the period (the
    others are left out: no plan, no cost)."""
    spans = plan_spans(start, end, set(quotas))
    months = months_between(start.replace(day=1), end.replace(day=1)) + 1
    rules_of: dict[int, list[tuple[PlanComponent, ComponentRule]]] = {}
    found: dict[int, Decimal] = {}
    for person_id, (quota, distribution) in quotas.items():
        if person_id not in spans:
            continue
        plan = _plan_of(spans[person_id])
        if plan.pk not in rules_of:
            rules_of[plan.pk] = _rules(plan, metric)
        rules = rules_of[plan.pk]
        if not rules:
            continue
        cap = None if plan.cap is None else DECIMAL_CONTEXT.multiply(plan.cap, Decimal(months))

        def pay(
            total: Decimal,
            rules: list[tuple[PlanComponent, ComponentRule]] = rules,
            quota: Decimal = quota,
            cap: Decimal | None = cap,
        ) -> Decimal:
            paid = Decimal(0)
            for component, rule in rules:
                n = Decimal(max(1, months // PERIOD_MONTHS.get(component.period, 1)))
                piece = ComponentInput(
                    DECIMAL_CONTEXT.divide(total, n), DECIMAL_CONTEXT.divide(quota, n)
                )
                paid += DECIMAL_CONTEXT.multiply(component_payout(rule, piece).payout, n)
            return paid if cap is None else min(paid, cap)

        found[person_id] = expected_payout(pay, distribution)
    return found
