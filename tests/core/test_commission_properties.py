"""Invariants of the commission rules, for any table and any sales."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 (the figures read like a plan document)

from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.commission.clawback import clawback
from salestarget.core.commission.components import (
    ComponentInput,
    ComponentRule,
    component_payout,
    plan_payout,
)
from salestarget.core.commission.gates import Gate
from salestarget.core.commission.rates import RateTable, Tier, TierMode, table_payout
from salestarget.core.metrics import Direction

money = st.decimals(min_value=0, max_value=10_000_000, places=2)
rates = st.decimals(min_value=0, max_value=D("0.2"), places=4)


@st.composite
def tables(draw: st.DrawFn) -> RateTable:
    bounds = sorted(set(draw(st.lists(st.decimals(D("0.01"), D(3), places=2), max_size=4))))
    tier_rates = draw(st.lists(rates, min_size=len(bounds) + 1, max_size=len(bounds) + 1))
    tiers = tuple(Tier(lo, r) for lo, r in zip([D(0), *bounds], tier_rates, strict=True))
    threshold = draw(st.sampled_from([D(0), D("0.5")]))
    return RateTable(tiers=tiers, threshold=threshold)


@given(tables(), money.filter(bool), money, money)
def test_marginal_payouts_never_drop_as_sales_rise(table, quota, sales, more):
    assert (
        table_payout(table, sales + more, quota).amount >= table_payout(table, sales, quota).amount
    )


@given(tables(), money.filter(bool), money, money, money)
def test_caps_hold_for_components_and_plans(table, quota, sales, cap, plan_cap):
    rule = ComponentRule("c", table=table, cap=cap)
    result = component_payout(rule, ComponentInput(sales, quota))
    assert 0 <= result.payout <= cap
    assert plan_payout([result, result], cap=plan_cap).total <= plan_cap


@given(
    tables(),
    money.filter(bool),
    st.lists(st.decimals(D("0.01"), D(500_000), places=2), min_size=1, max_size=12),
    st.data(),
)
def test_a_clawback_reverses_exactly_what_the_sale_was_paid(table, quota, sales, data):
    """A sale returned in full takes back what the month paid for it: the rep is left with
    exactly what the month pays without it; every sale returned takes back the whole payout."""
    mode = data.draw(st.sampled_from([TierMode.MARGINAL, TierMode.RETROACTIVE]))
    rule = ComponentRule("c", table=RateTable(tiers=table.tiers, mode=mode))
    total = sum(sales, D(0))
    month = ComponentInput(total, quota)
    paid = component_payout(rule, month).payout
    sale = data.draw(st.sampled_from(sales))
    back = clawback(rule, month, returned=sale, window_days=90)
    without = component_payout(rule, ComponentInput(total - sale, quota)).payout
    assert paid + back.amount == without
    assert clawback(rule, month, returned=total, window_days=90).amount == -paid


@st.composite
def paid_components(draw: st.DrawFn) -> tuple[ComponentRule, ComponentInput]:
    """A component as it paid a period: its rule (table, mode, maybe a gate, maybe a cap),
    its quota and the gate value of that period, with no sales yet."""
    table = draw(tables())
    mode = draw(st.sampled_from([TierMode.MARGINAL, TierMode.RETROACTIVE]))
    gate = Gate("expense_rate", D("0.05"), Direction.LOWER_IS_BETTER)
    rule = ComponentRule(
        "c",
        table=RateTable(tiers=table.tiers, mode=mode, threshold=table.threshold),
        gates=draw(st.sampled_from([(), (gate,)])),
        cap=draw(st.none() | st.decimals(D(0), D(200_000), places=2)),
    )
    gate_value = draw(st.sampled_from([D("0.01"), D("0.09"), None]))
    return rule, ComponentInput(D(0), draw(money.filter(bool)), {"expense_rate": gate_value})


@given(
    st.lists(paid_components(), min_size=1, max_size=3),
    st.lists(st.decimals(D("0.01"), D(500_000), places=2), min_size=1, max_size=8),
    st.data(),
)
def test_returns_in_parts_reverse_what_the_sale_earned_across_its_components(paid, sales, data):
    """Whatever pays today: a sale returned in parts over several months is taken back under
    the component, quota and gate values that paid it, each month's part off what the earlier
    parts left, and the parts add up to what the sale earned its month, to the cent."""
    sale = data.draw(st.sampled_from(sales))
    cuts = sorted(set(data.draw(st.lists(st.decimals(D("0.01"), sale, places=2), max_size=3))))
    total = sum(sales, D(0))
    taken_back = D(0)
    earned_total = D(0)
    for rule, period in paid:
        month = ComponentInput(total, period.quota, period.gate_values)
        without = ComponentInput(total - sale, period.quota, period.gate_values)
        earned = component_payout(rule, month).payout - component_payout(rule, without).payout
        before = D(0)
        for returned in [*cuts, sale]:  # the returns to date after each month
            part = clawback(
                rule, month, returned=returned - before, returned_before=before, window_days=90
            )
            before = returned
            taken_back -= part.amount
        earned_total += earned
    assert taken_back == earned_total


@given(tables(), money, money)
def test_recalculation_is_idempotent(table, quota, sales):
    rule = ComponentRule("c", table=table)
    given_input = ComponentInput(sales, quota)
    assert component_payout(rule, given_input) == component_payout(rule, given_input)


@given(paid_components(), money)
def test_the_amount_alone_is_the_amount_explained(paid, sales):
    """What-ifs and clawbacks ask for the amount without its steps: it is the same amount."""
    rule, period = paid
    given_input = ComponentInput(sales, period.quota, period.gate_values)
    explained = component_payout(rule, given_input)
    alone = component_payout(rule, given_input, explain=False)
    assert (alone.payout, alone.steps) == (explained.payout, ())
