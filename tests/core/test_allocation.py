"""Splitting a target among children (分解): exact to the cent, uplift shown, fallbacks stated."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.allocation import (
    AllocationMethod,
    Fallback,
    allocate,
    capacity_weights,
    day_weights,
    equal_weights,
    given_weights,
    history_weights,
    seasonality_weights,
    uplifted,
)
from salestarget.core.periods import FiscalCalendar, PeriodKind
from salestarget.core.seasonality import SeasonalityProfile
from salestarget.core.workdays import WEEKDAYS_ONLY

WAN = Decimal(10_000)  # 万


def test_the_spec_example_by_product_and_by_region():
    by_product = allocate(1000 * WAN, [Decimal("0.3"), Decimal("0.5"), Decimal("0.2")])
    assert by_product.shares == (300 * WAN, 500 * WAN, 200 * WAN)
    by_region = allocate(1000 * WAN, [300, 400, 300])
    assert by_region.shares == (300 * WAN, 400 * WAN, 300 * WAN)
    assert str(by_region.shares[0]) == "3000000.00"


def test_an_equal_split_puts_the_odd_cent_on_the_first_children():
    result = allocate(Decimal(100), equal_weights(3))
    assert result.shares == (Decimal("33.34"), Decimal("33.33"), Decimal("33.33"))
    assert result.method is AllocationMethod.EQUAL
    assert allocate(Decimal("0.02"), equal_weights(3)).shares == (
        Decimal("0.01"),
        Decimal("0.01"),
        Decimal("0.00"),
    )


def test_uplift_raises_what_the_children_carry_and_shows_it():
    result = allocate(Decimal(1_000_000), [1, 1, 2], uplift_pct=Decimal(5))
    assert result.base_total == Decimal("1000000.00")
    assert result.uplift_amount == Decimal("50000.00")
    assert result.uplifted_total == Decimal("1050000.00")
    assert sum(result.shares) == Decimal(1_050_000)
    assert result.shares == (Decimal("262500.00"), Decimal("262500.00"), Decimal("525000.00"))
    # An uplift that lands between cents is rounded half-up once, at the total.
    assert uplifted(Decimal("333.33"), Decimal("5")) == Decimal("350.00")
    with pytest.raises(ValueError, match="cannot be negative"):
        allocate(Decimal(100), [1], uplift_pct=-5)


def test_whole_yuan_and_other_currency_units():
    assert allocate(Decimal(10), [1, 1, 1], decimals=0).shares == (
        Decimal(4),
        Decimal(3),
        Decimal(3),
    )
    with pytest.raises(ValueError, match="more than 0 decimal places"):
        allocate(Decimal("10.5"), [1, 1], decimals=0)


def test_bad_weights_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="negative"):
        allocate(Decimal(100), [1, -1])
    with pytest.raises(ValueError, match="at least one child"):
        allocate(Decimal(100), [])
    with pytest.raises(ValueError, match="add up to zero"):
        allocate(Decimal(100), [0, 0])
    with pytest.raises(TypeError, match="float"):
        allocate(Decimal(100), [0.5, 0.5])  # type: ignore[list-item]
    assert allocate(Decimal(0), [0, 0]).shares == (Decimal("0.00"), Decimal("0.00"))


def test_a_negative_target_splits_symmetrically():
    assert allocate(Decimal("-100"), [1, 1, 1]).shares == (
        Decimal("-33.34"),
        Decimal("-33.33"),
        Decimal("-33.33"),
    )


def test_history_shares_with_missing_and_negative_history():
    # The new child gets the mean of the others' history, 0 included: (300 + 0 + 150) / 3.
    weights = history_weights([Decimal(300), None, Decimal(-20), Decimal(150)])
    assert weights.values == (Decimal(300), Decimal(150), Decimal(0), Decimal(150))
    assert weights.fallbacks == (
        Fallback.NEGATIVE_HISTORY_ZEROED,
        Fallback.MISSING_HISTORY_AVERAGED,
    )
    result = allocate(Decimal(6000), weights)
    assert result.shares == (Decimal(3000), Decimal(1500), Decimal(0), Decimal(1500))
    assert result.method is AllocationMethod.HISTORY
    assert result.fallbacks == weights.fallbacks


def test_no_history_falls_back_and_says_so():
    weights = history_weights([0, None, Decimal(0)])
    assert weights.values == (1, 1, 1)
    assert weights.fallbacks == (Fallback.NO_HISTORY,)
    by_capacity = history_weights([None, None], fallback=capacity_weights([[2, 3], [1, 4]]))
    assert by_capacity.values == (6, 4)
    assert allocate(Decimal(100), by_capacity).fallbacks == (Fallback.NO_HISTORY,)


def test_capacity_indices_multiply():
    weights = capacity_weights(
        [
            [Decimal(1000), Decimal("0.2"), Decimal("1.08")],  # 市场容量 × 占有率 × (1+增长率)
            [Decimal(500), Decimal("0.4"), Decimal("1.08")],
            [Decimal(2000), Decimal("0.05"), Decimal("1.08")],
        ]
    )
    assert allocate(Decimal(500), weights).shares == (Decimal(200), Decimal(200), Decimal(100))
    assert capacity_weights([[0, 1], [1, 0]]).fallbacks == (Fallback.NO_CAPACITY,)
    with pytest.raises(ValueError, match="child 1 has 1 capacity indices, expected 2"):
        capacity_weights([[1, 2], [3]])


def test_given_weights_and_drafts():
    drafts = given_weights([Decimal(120), Decimal(80)], AllocationMethod.DRAFTS)
    assert allocate(Decimal(1000), drafts).shares == (Decimal(600), Decimal(400))
    assert given_weights([0, 0]).fallbacks == (Fallback.NO_WEIGHTS,)


def test_a_year_into_months_by_seasonality_and_by_working_days():
    year = FiscalCalendar().year(2026)
    months = year.children(PeriodKind.MONTH)
    profile = SeasonalityProfile([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
    flat = allocate(Decimal(1_200_000), seasonality_weights(months, profile))
    assert set(flat.shares) == {Decimal(100_000)}
    busy_december = SeasonalityProfile([1] * 11 + [9])
    shares = allocate(Decimal(200), seasonality_weights(months, busy_december)).shares
    assert shares[-1] == Decimal(90)
    assert shares[0] == Decimal(10)
    by_days = allocate(Decimal(261), day_weights(months, WEEKDAYS_ONLY))  # 261 weekdays
    assert by_days.shares[0] == Decimal(22)
    assert sum(by_days.shares) == 261


def test_seasonality_that_gives_the_periods_no_weight_falls_back_to_days():
    june_weeks = FiscalCalendar().parse("2026-06").children(PeriodKind.WEEK)
    only_january = SeasonalityProfile([1] + [0] * 11)
    weights = seasonality_weights(june_weeks, only_january)
    assert weights.fallbacks == (Fallback.NO_SEASONALITY,)
    assert [int(v) for v in weights.values] == [w.days for w in june_weeks]


# -- properties ------------------------------------------------------------------------

totals = st.decimals(min_value=-(10**9), max_value=10**10, places=2)
weight_lists = st.lists(
    st.decimals(min_value=0, max_value=10**6, places=3), min_size=1, max_size=30
).filter(any)
uplifts = st.sampled_from([Decimal(0), Decimal(3), Decimal(5), Decimal("7.5"), Decimal(10)])


@given(total=totals, weights=weight_lists, uplift=uplifts)
def test_children_always_add_up_to_the_parent_plus_uplift(total, weights, uplift):
    result = allocate(total, weights, uplift_pct=uplift)
    assert sum(result.shares) == result.uplifted_total
    assert result.uplifted_total == result.base_total + result.uplift_amount
    assert result.uplifted_total == uplifted(total, uplift)
    assert all(s.as_tuple().exponent == -2 for s in result.shares)


@given(total=st.decimals(min_value=0, max_value=10**10, places=2), weights=weight_lists)
def test_shares_are_never_negative_and_stay_within_a_cent_of_the_exact_quota(total, weights):
    result = allocate(total, weights)
    weight_sum = sum(weights)
    for share, weight in zip(result.shares, weights, strict=True):
        assert share >= 0
        if weight == 0:
            assert share == 0
        quota = total * weight / weight_sum
        assert abs(share - quota) < Decimal("0.01")


@given(total=totals, weights=weight_lists, scale=st.integers(1, 1000))
def test_scaling_the_weights_changes_nothing(total, weights, scale):
    assert allocate(total, weights).shares == allocate(total, [w * scale for w in weights]).shares


@given(
    history=st.lists(
        st.one_of(st.none(), st.decimals(-1000, 10**6, places=2)), min_size=1, max_size=12
    ),
    total=st.decimals(0, 10**8, places=2),
)
def test_any_history_splits_without_error_and_adds_up(history, total):
    result = allocate(total, history_weights(history))
    assert sum(result.shares) == total
    assert all(s >= 0 for s in result.shares)
