"""What a component measures and against which quota, as the month run reads them: the base
(保底) or challenge (挑战) figure of the person's target, a year to date less what earlier
months paid, and a custom formula metric (other measures: ``test_measures_paid``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import LineKind, StatementLine
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.targets.models import CustomMetric, Target
from tests.incentives.conftest import revenue_component
from tests.personas import Company
from tests.tracking.conftest import sell, spend

D = Decimal


def _line(company: Company, period: str, code: str, person=None) -> StatementLine:
    return StatementLine.objects.get(
        statement__person=person or company.rep,
        statement__period=period,
        component__code=code,
        kind=LineKind.COMPONENT,
    )


def test_base_and_challenge_quotas_read_their_own_figure_or_fall_back_to_the_target(
    june, commission_plan
):
    commission_plan(
        [
            revenue_component(code="base", quota_source="base"),
            revenue_component(code="challenge", quota_source="challenge"),
        ]
    )
    Target.objects.filter(person=june.rep, period="2026-06").update(
        base_value=D(80000), challenge_value=D(125000)
    )
    statement_calculate(period="2026-06", by=june.finance.user)
    # 125,000 sold: 156.25% of the base, 100% of the challenge.
    base, challenge = _line(june, "2026-06", "base"), _line(june, "2026-06", "challenge")
    assert (base.quota, challenge.quota) == (D(80000), D(125000))
    # 80,000 × 3% + 16,000 × 5% + 29,000 × 8% and 125,000 × 3%.
    assert (base.amount, challenge.amount) == (D("5520.00"), D("3750.00"))
    # 陈小红's target has no base or challenge figure: both read its value.
    theirs = _line(june, "2026-06", "base", june.rep_other)
    assert theirs.quota == _line(june, "2026-06", "challenge", june.rep_other).quota == D(100000)


def test_a_year_to_date_component_pays_the_cumulative_less_what_earlier_months_paid(
    june, commission_plan
):
    commission_plan(
        [
            revenue_component(
                code="ytd",
                cumulative=True,
                basis="amount",
                tiers=[["0", "0.01"], ["150000", "0.02"]],
            )
        ]
    )
    sell(june, dt.date(2026, 5, 12), "50000")
    rollups_rebuild()
    statement_calculate(period="2026-05", by=june.finance.user)
    statement_calculate(period="2026-06", by=june.finance.user)
    may, june_line = _line(june, "2026-05", "ytd"), _line(june, "2026-06", "ytd")
    assert may.amount == D("500.00")  # 50,000 × 1%
    # January to June: 175,000 → 1,500 + 25,000 × 2% = 2,000, less May's 500.
    assert june_line.measure_total == D(175000)
    assert june_line.amount == D("1500.00")
    (prior,) = [s for s in june_line.steps if s["kind"] == "prior_paid"]
    figures = {name: D(value) for name, value in prior["values"].items()}
    assert figures == {"cumulative": D(2000), "prior": D(500)}


def test_a_custom_formula_metric_is_paid_like_any_measure(june, commission_plan):
    CustomMetric.objects.create(
        code="net_of_expenses", name="扣费销售额", formula="amount - expense"
    )
    commission_plan(
        [
            revenue_component(
                code="net", measure="net_of_expenses", basis="amount", tiers=[["0", "0.1"]]
            )
        ]
    )
    spend(june, dt.date(2026, 6, 8), "5000", person=june.rep)
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user)
    line = _line(june, "2026-06", "net")
    assert (line.measure_total, line.amount) == (D(120000), D("12000.00"))
