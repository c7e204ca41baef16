"""Plans for the editor: the payout-against-attainment curve and a preview on real people."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from salestarget.core.commission.components import ComponentInput, component_payout
from salestarget.incentives.models import CommissionPlan, PlanComponent
from salestarget.incentives.queries.assignments import PlanSpan
from salestarget.incentives.queries.engine import month_drafts
from salestarget.incentives.rules import component_rule
from salestarget.org.models import Person
from salestarget.targets.fiscal_periods import period_parse

NOMINAL_QUOTA = Decimal(1_000_000)


def payout_curve(component: PlanComponent) -> list[tuple[int, str]]:
    """``[(attainment %, payout)]`` from 0 to 200% in steps of 5%, for a quota of 1,000,000:
    the chart of the plan editor."""
    rule = component_rule(component)
    points = []
    for pct in range(0, 205, 5):
        total = NOMINAL_QUOTA * pct / 100
        paid = component_payout(rule, ComponentInput(total, NOMINAL_QUOTA)).payout
        points.append((pct, str(paid)))
    return points


@dataclass(frozen=True)
class PreviewRow:
    person: Person
    total: Decimal
    measure: Decimal | None
    quota: Decimal | None


@dataclass
class PlanPreview:
    month: str
    rows: list[PreviewRow]
    # Some component pays by attainment (a rate table tiered by it, or a pay curve): a person
    # without a quota is paid nothing by it, which a new company meets before its targets.
    quota_needed: bool

    @property
    def without_quota(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.quota] if self.quota_needed else []


def plan_preview(
    plan: CommissionPlan, components: list[PlanComponent], period: str, people: list[Person]
) -> PlanPreview:
    """What ``plan`` (saved or not) would pay ``people`` for ``period``, without saving."""
    month = period_parse(period)
    plan._components_cache = components  # type: ignore[attr-defined]
    spans = {p.pk: [PlanSpan(plan, month.start, month.end)] for p in people}
    drafts = month_drafts(month, spans=spans, as_of=min(month.end, dt.date.today()))
    rows = []
    for person in people:
        lines = drafts.get(person.pk, [])
        first = lines[0] if lines else None
        rows.append(
            PreviewRow(
                person,
                sum((d.amount for d in lines), Decimal(0)),
                first.measure_total if first else None,
                first.quota if first else None,
            )
        )
    return PlanPreview(month.label, rows, any(c.pays_by_attainment for c in components))
