"""Revenue whose cost is unknown (未知成本的收入), beside every figure that reads the cost.

A sales line without a cost, profit, margin or standard cost has an unknown cost; the rollups
keep its amount apart (the fact ``uncosted_amount``) and gross profit is computed over the
revenue whose cost is known (``amount − uncosted_amount − cost``). Wherever such a figure is
shown — dashboard, key metrics, breakdowns, leaderboards, reports, exports, API — the revenue
left out is read with it and said, so a figure never reads as a 100% margin nor hides what it
leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from salestarget.core.metrics import MetricDefinition
from salestarget.org.models import CompanySettings

UNCOSTED = "uncosted_amount"


def reads_cost(metric: MetricDefinition) -> bool:
    return "cost" in metric.fact_names


def facts_read(metric: MetricDefinition) -> frozenset[str]:
    """The metric's facts, with the uncosted revenue when it reads the cost."""
    names = frozenset(metric.fact_names)
    return names | {UNCOSTED} if reads_cost(metric) else names


def uncosted_of(metric: MetricDefinition, sums: Mapping[str, Decimal] | None) -> Decimal | None:
    """The revenue of unknown cost in ``sums`` when the metric reads the cost; None when
    there is none (or the metric does not read the cost)."""
    if sums is None or not reads_cost(metric):
        return None
    value = sums.get(UNCOSTED)
    return Decimal(value) if value else None


def uncosted_total(
    metric: MetricDefinition, many: Iterable[Mapping[str, Decimal] | None]
) -> Decimal | None:
    total = sum((uncosted_of(metric, s) or Decimal(0) for s in many), Decimal(0))
    return total or None


def uncosted_note(amount: Decimal | None) -> str:
    """The sentence pages, exports and the API give beside a figure that leaves out revenue of
    unknown cost ("" when none is left out)."""
    if not amount:
        return ""
    return _("毛利按已知成本的收入计算，另有 %(amount)s %(currency)s 收入成本未知") % {
        "amount": f"{amount:,.2f}",
        "currency": CompanySettings.current().currency,
    }
