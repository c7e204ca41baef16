"""The proposal helpers: a proposed figure rounds to the target's decimals."""

from __future__ import annotations

from decimal import Decimal

from salestarget.targets.proposals import (
    linear_trend_next,
    propose_from_competitor,
    propose_from_history,
    propose_from_market,
)


def test_proposal_helpers_round_to_the_targets_decimals() -> None:
    assert propose_from_history(
        last_actual=Decimal("8333333.33"), growth_pct=Decimal(20), decimals=2
    ) == Decimal("10000000.00")
    assert propose_from_market(
        capacity=Decimal("50000000"), share_pct=Decimal(20), decimals=2
    ) == Decimal("10000000.00")
    assert propose_from_competitor(
        competitor_value=Decimal("12500000"), ratio_pct=Decimal(80), decimals=0
    ) == Decimal("10000000")
    assert linear_trend_next([Decimal(800), Decimal(900), Decimal(1000)]) == Decimal(1100)
