"""The arithmetic of quota scenarios: the expected payout over the distribution of the
total, and the share of people expected to reach their quota."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salestarget.core.forecasting import Outlook
from salestarget.core.forecasting.scenarios import (
    expected_payout,
    expected_share_reaching,
    likely_totals,
)


def test_a_certain_total_pays_what_it_pays():
    certain = Outlook(actual=100_000.0, rest=0.0, sd=0.0)
    assert likely_totals(certain) == [Decimal("100000.00")]
    assert expected_payout(lambda t: t * Decimal("0.03"), certain) == Decimal("3000.00")


def test_a_linear_rate_pays_the_rate_on_the_expected_total():
    """Symmetric points around the mean: a straight rate's mean is the rate on the mean."""
    spread = Outlook(actual=0.0, rest=100_000.0, sd=10_000.0)
    paid = expected_payout(lambda t: t * Decimal("0.05"), spread)
    assert abs(paid - Decimal(5000)) <= Decimal("0.05")


def test_a_bonus_for_reaching_the_quota_costs_the_bonus_times_the_chance():
    """A 10,000 bonus at 100% of a quota the total reaches with probability p costs about
    p × 10,000 (21 points: within one point's weight, 1/21)."""
    spread = Outlook(actual=0.0, rest=100_000.0, sd=20_000.0)
    quota = Decimal(110_000)
    paid = expected_payout(lambda t: Decimal(10_000) if t >= quota else Decimal(0), spread)
    chance = spread.probability(float(quota))
    assert float(paid) == pytest.approx(10_000 * chance, abs=10_000 / 21)


def test_an_accelerator_costs_more_than_its_payout_at_the_expected_total():
    """Convex pay (double rate above the quota): the spread makes it dearer (Jensen)."""
    quota = Decimal(100_000)

    def pay(total: Decimal) -> Decimal:
        return total * Decimal("0.02") + max(total - quota, Decimal(0)) * Decimal("0.02")

    spread = Outlook(actual=0.0, rest=100_000.0, sd=15_000.0)
    assert expected_payout(pay, spread) > pay(Decimal(100_000))


def test_totals_below_zero_count_as_zero():
    wide = Outlook(actual=0.0, rest=1_000.0, sd=5_000.0)
    assert min(likely_totals(wide)) == Decimal(0)


def test_the_share_expected_to_reach_is_the_mean_chance():
    assert expected_share_reaching([0.9, 0.5, 0.1, None]) == pytest.approx(0.5)
    assert expected_share_reaching([None]) is None
