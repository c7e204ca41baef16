"""Outliers: absurd achievements and tiny targets are flagged, by the company's bound and floor."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.outliers import (
    OutlierReason,
    OutlierRule,
    median,
    outlier_reasons,
    small_shares,
    target_reasons,
)

RULE = OutlierRule(achievement_bound=Decimal(3), target_floor=Decimal("0.1"))
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2)
ratios = st.decimals(min_value=Decimal(0), max_value=Decimal(5000), places=4)


def test_the_new_rep_with_a_near_zero_target_is_flagged_twice():
    """121,955% against a 100-yuan target in a team whose median target is 1,000,000."""
    reasons = outlier_reasons(
        achievement=Decimal("1219.55"),
        target=Decimal(100),
        peer_median=Decimal(1_000_000),
        rule=RULE,
    )
    assert reasons == (OutlierReason.ACHIEVEMENT_ABOVE_BOUND, OutlierReason.TARGET_BELOW_FLOOR)


def test_an_ordinary_overachiever_is_not_flagged():
    assert (
        outlier_reasons(
            achievement=Decimal("1.8"),
            target=Decimal(900_000),
            peer_median=Decimal(1_000_000),
            rule=RULE,
        )
        == ()
    )


def test_a_zero_target_is_always_an_outlier_and_a_zero_floor_switches_the_check_off():
    assert target_reasons(Decimal(0), Decimal(10), RULE) == (OutlierReason.TARGET_ZERO,)
    off = OutlierRule(achievement_bound=Decimal(0), target_floor=Decimal(0))
    assert (
        outlier_reasons(achievement=Decimal(99), target=Decimal(0), peer_median=None, rule=off)
        == ()
    )


def test_a_negative_rule_is_refused():
    with pytest.raises(ValueError, match="negative"):
        OutlierRule(achievement_bound=Decimal(-1))


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert median([Decimal(1), Decimal(9), Decimal(3), Decimal(5)]) == Decimal(4)
    assert median([Decimal(7)]) == Decimal(7)
    assert median([]) is None


def test_the_preview_names_the_zero_and_tiny_shares_only():
    shares = {
        "张三": Decimal("0.30"),
        "李四": Decimal("0.35"),
        "新人": Decimal("0.001"),
        "空": Decimal(0),
    }
    assert small_shares(shares, RULE) == {
        "新人": OutlierReason.TARGET_BELOW_FLOOR,
        "空": OutlierReason.TARGET_ZERO,
    }


@given(achievement=ratios)
def test_achievement_is_flagged_exactly_when_above_the_bound(achievement):
    flagged = OutlierReason.ACHIEVEMENT_ABOVE_BOUND in outlier_reasons(
        achievement=achievement, target=None, peer_median=None, rule=RULE
    )
    assert flagged == (achievement > RULE.achievement_bound)


@given(target=amounts, peer_median=amounts, scale=st.integers(min_value=1, max_value=10_000))
def test_the_target_floor_does_not_depend_on_the_currency_unit(target, peer_median, scale):
    """Counting in 分 instead of 元 (or 万) flags the same targets."""
    k = Decimal(scale)
    assert target_reasons(target, peer_median, RULE) == target_reasons(
        target * k, peer_median * k, RULE
    )


@given(target=amounts, peer_median=amounts)
def test_a_target_at_or_above_the_median_is_never_too_small(target, peer_median):
    if target >= peer_median:
        assert target_reasons(target, peer_median, RULE) == ()


@given(
    target=amounts,
    peer_median=amounts,
    lower=st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=3),
    higher=st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=3),
)
def test_a_higher_floor_flags_at_least_what_a_lower_one_does(target, peer_median, lower, higher):
    lower, higher = sorted((lower, higher))
    if lower == 0:
        return  # a zero floor is "off", not "the lowest floor"
    low = target_reasons(target, peer_median, OutlierRule(target_floor=lower))
    high = target_reasons(target, peer_median, OutlierRule(target_floor=higher))
    assert not low or high


@given(st.lists(amounts, min_size=1, max_size=30))
def test_at_most_half_of_a_split_is_ever_below_a_floor_under_the_median(values):
    shares = dict(enumerate(values))
    flagged = small_shares(shares, RULE)
    assert len(flagged) <= len(values) // 2
    middle = median(values)
    assert all(shares[k] < middle for k in flagged)
