"""The worked examples of issue 14, to the cent: the figures a plan document would print."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D  # noqa: N817 (the figures read like a plan document)

import pytest

from salestarget.core.commission.clawback import clawback, collection_earning, within_window
from salestarget.core.commission.components import (
    ComponentInput,
    ComponentKind,
    ComponentRule,
    component_payout,
    plan_payout,
    what_if,
)
from salestarget.core.commission.crediting import CreditError, overlay_credit, split_credit
from salestarget.core.commission.gates import Gate, GateEffect
from salestarget.core.commission.proration import prorate_quota
from salestarget.core.commission.rates import (
    CurvePoint,
    RateTable,
    RateTableError,
    TierMode,
    table_payout,
)
from salestarget.core.commission.steps import StepKind
from salestarget.core.metrics import BUILTIN_METRICS

QUOTA, SALES = D(1_000_000), D(1_250_000)
TIERS = [(0, "0.03"), ("1", "0.05"), ("1.2", "0.08")]
MARGINAL = RateTable.tiered(TIERS)
RETROACTIVE = RateTable.tiered(TIERS, mode=TierMode.RETROACTIVE)
EXPENSE_RATE = BUILTIN_METRICS["expense_rate"]


def test_marginal_pays_each_slice_at_its_own_rate():
    paid = table_payout(MARGINAL, SALES, QUOTA)
    assert paid.amount == D("44000.00")
    slices = [s for s in paid.steps if s.kind is StepKind.TIER_SLICE]
    assert [s.result for s in slices] == [D("30000.00"), D("10000.00"), D("4000.00")]
    assert [s.value("amount") for s in slices] == [D(1_000_000), D(200_000), D(50_000)]
    assert paid.steps[0].kind is StepKind.ATTAINMENT
    assert paid.steps[0].result == D("1.25")


def test_retroactive_pays_the_whole_amount_at_the_tier_reached():
    paid = table_payout(RETROACTIVE, SALES, QUOTA)
    assert paid.amount == D("100000.00")
    (reached,) = [s for s in paid.steps if s.kind is StepKind.TIER_REACHED]
    assert reached.value("rate") == D("0.08")
    assert reached.value("lower") == D("1.2")
    # Reaching a bound reaches its tier: exactly 100% is paid at 5% on the whole.
    assert table_payout(RETROACTIVE, QUOTA, QUOTA).amount == D("50000.00")


def test_tiers_by_amount_need_no_quota():
    table = RateTable.tiered([(0, "0.02"), (500_000, "0.04")], basis="amount")
    assert table_payout(table, D(800_000)).amount == D("22000.00")  # 10,000 + 12,000


def test_a_linear_pay_curve_between_points():
    curve = RateTable(
        mode=TierMode.CURVE,
        points=(CurvePoint(D("0.5"), D(0)), CurvePoint(D(1), D(1)), CurvePoint(D("1.5"), D(2))),
        target_incentive=D(20_000),
    )
    assert table_payout(curve, SALES, QUOTA).amount == D("30000.00")  # 1.25 → 1.5 × 20,000
    assert table_payout(curve, D(800_000), QUOTA).amount == D("12000.00")  # 0.8 → 0.6
    assert table_payout(curve, D(400_000), QUOTA).amount == D("0.00")
    assert table_payout(curve, D(3_000_000), QUOTA).amount == D("40000.00")  # flat after 150%


def test_threshold_pays_nothing_below_and_the_table_in_full_from_it():
    table = RateTable.tiered(TIERS, threshold="0.6")
    assert table_payout(table, D(599_999), QUOTA).amount == 0
    assert table_payout(table, D(600_000), QUOTA).amount == D("18000.00")


def test_caps_per_component_and_per_plan():
    capped = ComponentRule("revenue", table=MARGINAL, cap=D(40_000))
    result = component_payout(capped, ComponentInput(SALES, QUOTA))
    assert result.payout == D(40_000)
    assert any(s.kind is StepKind.CAP and s.value("uncapped") == D(44_000) for s in result.steps)
    other = component_payout(
        ComponentRule("units", kind=ComponentKind.PER_UNIT, amount=D(500)), ComponentInput(D(30))
    )
    assert other.payout == D("15000.00")
    plan = plan_payout([result, other], cap=D(50_000))
    assert plan.total == D(50_000)
    assert plan.steps[0].kind is StepKind.PLAN_CAP
    assert plan.steps[0].value("uncapped") == D(55_000)


def test_expense_rate_gate_withholds_accelerators_when_over_its_ceiling():
    gate = Gate("expense_rate", D("0.10"), EXPENSE_RATE.direction, GateEffect.NO_ACCELERATOR)
    rule = ComponentRule("revenue", table=MARGINAL, gates=(gate,))
    kept = component_payout(rule, ComponentInput(SALES, QUOTA, {"expense_rate": D("0.09")}))
    missed = component_payout(rule, ComponentInput(SALES, QUOTA, {"expense_rate": D("0.12")}))
    assert kept.payout == D("44000.00")  # 9% is under the 10% ceiling: lower is better
    assert missed.payout == D("37500.00")  # every slice at the 3% below 100%
    assert [s.kind for s in missed.steps][2] is StepKind.GATE_MISSED
    no_value = component_payout(rule, ComponentInput(SALES, QUOTA, {}))
    assert no_value.payout == D("37500.00")  # nothing proves the ceiling was kept


def test_a_modifier_scales_and_a_block_pays_nothing():
    modifier = Gate("collection_rate", D("0.8"), effect=GateEffect.MULTIPLY, factor=D("0.8"))
    rule = ComponentRule("revenue", table=MARGINAL, gates=(modifier,))
    low = component_payout(rule, ComponentInput(SALES, QUOTA, {"collection_rate": D("0.75")}))
    assert low.payout == D("35200.00")
    block = Gate("satisfaction", D(4), effect=GateEffect.BLOCK)
    blocked = ComponentRule("revenue", table=MARGINAL, gates=(block,))
    assert (
        component_payout(blocked, ComponentInput(SALES, QUOTA, {"satisfaction": D("3.9")})).payout
        == 0
    )


def test_clawback_inside_the_window_takes_back_what_the_month_paid_for_the_sale():
    rule = ComponentRule("revenue", table=MARGINAL)
    # A 100,000 sale that carried the rep from 950,000 to 1,050,000: half at 3%, half at 5%.
    month = ComponentInput(D(1_050_000), QUOTA)
    inside = clawback(rule, month, returned=D(100_000), window_days=90)
    assert inside.amount == D("-4000.00")
    assert inside.steps[0].kind is StepKind.CLAWBACK
    sold = date(2026, 3, 10)
    # 90 days after the sale is still inside a 90-day window; the day after is not.
    assert within_window(sold_on=sold, returned_on=date(2026, 6, 8), window_days=90)
    assert not within_window(sold_on=sold, returned_on=date(2026, 6, 9), window_days=90)
    outside = clawback(rule, month, returned=D(0), outside=D(100_000), window_days=90)
    assert outside.amount == 0
    assert outside.steps[1].kind is StepKind.CLAWBACK_OUTSIDE


def test_returns_in_two_months_take_back_the_top_of_the_month_and_add_up_to_the_whole():
    """1,300,000 paid 3% to 1,000,000, 5% to 1,200,000, 8% above: 48,000. 100,000 back in
    one month takes the 8% slice, 200,000 in the next the 5% one: 18,000, what the month
    would have paid less on 1,000,000 (30,000)."""
    rule = ComponentRule("revenue", table=MARGINAL)
    month = ComponentInput(D(1_300_000), QUOTA)
    first = clawback(rule, month, returned=D(100_000), window_days=90)
    assert first.amount == D("-8000.00")
    rest = clawback(rule, month, returned=D(200_000), returned_before=D(100_000), window_days=90)
    assert rest.amount == D("-10000.00")
    whole = clawback(rule, month, returned=D(300_000), window_days=90)
    assert first.amount + rest.amount == whole.amount == D("-18000.00")


def test_a_capped_month_takes_nothing_back_when_the_cap_is_reached_without_the_return():
    """Paid its cap of 40,000 on 1,250,000 (44,000 uncapped); without the 50,000 returned it
    would still pay 40,000: the rep keeps what they would have had without the sale."""
    rule = ComponentRule("revenue", table=MARGINAL, cap=D(40_000))
    month = ComponentInput(SALES, QUOTA)
    assert clawback(rule, month, returned=D(50_000), window_days=90).amount == 0
    assert clawback(rule, month, returned=D(250_000), window_days=90).amount == D("-10000.00")


def test_collection_based_earning_is_prorated_for_partial_payments():
    part = collection_earning(commission=D(3000), invoiced=D(100_000), collected_to_date=D(40_000))
    assert part.amount == D("1200.00")
    rest = collection_earning(
        commission=D(3000),
        invoiced=D(100_000),
        collected_to_date=D(100_000),
        earned_before=part.amount,
    )
    assert rest.amount == D("1800.00")


def test_split_credit_must_add_up_to_100_percent_and_overlay_need_not():
    assert split_credit(D("100000.01"), {"王芳": D("0.6"), "李强": D("0.4")}) == {
        "王芳": D("60000.01"),
        "李强": D("40000.00"),
    }
    with pytest.raises(CreditError, match="90%"):
        split_credit(D(100_000), {"王芳": D("0.6"), "李强": D("0.3")})
    assert overlay_credit(D(100_000), {"华北经理": D(1), "总监": D("0.5")}) == {
        "华北经理": D("100000.00"),
        "总监": D("50000.00"),
    }


def test_a_team_move_mid_month_prorates_the_quota_and_pays_each_span_under_its_plan():
    january = (date(2026, 1, 1), date(2026, 1, 31))
    spans = [(date(2026, 1, 1), date(2026, 1, 15)), (date(2026, 1, 16), date(2026, 1, 31))]
    quota_a, quota_b = prorate_quota(D(310_000), january, spans)
    assert (quota_a, quota_b) == (D("150000.00"), D("160000.00"))
    team_a = ComponentRule("revenue", table=RateTable.tiered([(0, "0.03"), (1, "0.05")]))
    team_b = ComponentRule("revenue", table=RateTable.tiered([(0, "0.04")], mode="retroactive"))
    a = component_payout(team_a, ComponentInput(D(180_000), quota_a))
    b = component_payout(team_b, ComponentInput(D(100_000), quota_b))
    assert (a.payout, b.payout) == (D("6000.00"), D("4000.00"))  # 4,500 + 1,500; 4% of 100,000
    # A person who joined on the 16th carries only their days, rounded half-up.
    assert prorate_quota(D(100_000), january, spans[1:]) == (D("51612.90"),)


def test_what_if_answers_how_much_more_one_more_deal_pays():
    rule = ComponentRule("revenue", table=MARGINAL)
    assert what_if(rule, ComponentInput(D(900_000), QUOTA), D(200_000)) == D("8000.00")


def test_bad_tables_are_refused_with_the_reason():
    with pytest.raises(RateTableError, match="must rise"):
        RateTable.tiered([(0, "0.03"), ("1.2", "0.05"), ("1", "0.08")])
    with pytest.raises(RateTableError, match="start at 0"):
        RateTable.tiered([("0.5", "0.03")])
    with pytest.raises(RateTableError, match="two points"):
        RateTable(mode=TierMode.CURVE, points=(CurvePoint(D(1), D(1)),))
