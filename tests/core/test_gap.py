"""Gap analysis: contributions add up to the total gap; price + volume + mix = the change."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.gap import MixItem, gap_contributions, price_volume_mix
from salestarget.core.metrics import Direction

D = Decimal


def test_contributions_rank_the_biggest_shortfall_first_and_share_the_shortfall():
    result = gap_contributions(
        [("华北", D(300), D(250)), ("华东", D(400), D(300)), ("华南", D(300), D(320))]
    )
    assert [c.key for c in result.items] == ["华东", "华北", "华南"]
    assert result.gap == D(130)
    assert [c.gap for c in result.items] == [D(100), D(50), D(-20)]
    # 华东 and 华北 are short by 150 between them; 华南, ahead, has no share of it.
    assert [c.share for c in result.items] == [D("0.666667"), D("0.333333"), None]


def test_a_lower_is_better_gap_is_overspending():
    result = gap_contributions(
        [("a", D(100), D(130)), ("b", D(100), D(90))], direction=Direction.LOWER_IS_BETTER
    )
    assert [(c.key, c.gap) for c in result.items] == [("a", D(30)), ("b", D(-10))]
    assert result.gap == D(20)


def test_a_laggard_carries_its_share_even_when_the_total_is_ahead():
    result = gap_contributions([("a", D(10), D(5)), ("b", D(10), D(18))])
    assert result.gap == -3
    assert [(c.key, c.share) for c in result.items] == [("a", D(1)), ("b", None)]


def test_nobody_short_means_no_share():
    result = gap_contributions([("a", D(10), D(10)), ("b", D(10), D(15))])
    assert all(c.share is None for c in result.items)


def test_a_textbook_price_volume_mix():
    # Last year: A 100 × 10, B 100 × 20 (revenue 3000). Now: A 150 × 11, B 80 × 20 (3250).
    result = price_volume_mix(
        [
            MixItem("A", D(100), D(1000), D(150), D(1650)),
            MixItem("B", D(100), D(2000), D(80), D(1600)),
        ],
        decimals=2,
    )
    assert result.change == D(250)
    assert result.price == D(150)  # A's price up 1 on 150 units
    assert result.volume == D(450)  # 30 more units at the base average price 15
    assert result.mix == D(-350)  # 50 more cheap A, 20 fewer dear B, vs. 230 × 15
    assert result.price + result.volume + result.mix == result.change


def test_only_prices_changed():
    result = price_volume_mix(
        [MixItem("A", D(10), D(100), D(10), D(120)), MixItem("B", D(5), D(100), D(5), D(90))]
    )
    assert (result.price, result.volume, result.mix) == (D(10), D(0), D(0))


def test_everything_doubled_is_pure_volume():
    result = price_volume_mix(
        [MixItem("A", D(10), D(100), D(20), D(200)), MixItem("B", D(5), D(100), D(10), D(200))]
    )
    assert (result.price, result.volume, result.mix) == (D(0), D(200), D(0))


def test_new_and_dropped_items():
    result = price_volume_mix(
        [
            MixItem("old", D(10), D(100), D(0), D(0)),
            MixItem("new", D(0), D(0), D(4), D(200)),
        ]
    )
    new = next(i for i in result.items if i.key == "new")
    assert new.price == 0  # valued at its own price: no price effect
    assert result.change == D(100)
    assert result.price + result.volume + result.mix == D(100)


def test_nothing_in_the_base_is_all_volume():
    result = price_volume_mix([MixItem("A", D(0), D(0), D(3), D(30))])
    assert (result.price, result.volume, result.mix) == (D(0), D(30), D(0))


def test_revenue_with_more_places_than_asked_is_refused():
    with pytest.raises(ValueError, match="decimal places"):
        price_volume_mix([MixItem("A", D(1), D("1.005"), D(1), D(1))], decimals=2)


money = st.integers(min_value=-(10**9), max_value=10**10).map(lambda u: D(u).scaleb(-4))
quantity = st.integers(min_value=-50, max_value=10**6).map(lambda u: D(u).scaleb(-2))
items = st.lists(st.tuples(quantity, money, quantity, money), min_size=1, max_size=12).map(
    lambda rows: [MixItem(f"p{i}", *row) for i, row in enumerate(rows)]
)


@given(items)
def test_the_effects_add_up_exactly_to_the_change(rows: list[MixItem]):
    result = price_volume_mix(rows)
    assert result.price + result.volume + result.mix == result.change
    assert result.change == sum(r.revenue for r in rows) - sum(r.base_revenue for r in rows)
    for item, row in zip(result.items, rows, strict=True):
        assert item.price + item.volume + item.mix == row.revenue - row.base_revenue
        assert item.change == row.revenue - row.base_revenue


@given(items)
def test_each_effect_is_within_one_unit_of_its_exact_value(rows: list[MixItem]):
    result = price_volume_mix(rows)
    unit = Fraction(1, 10_000)
    q0 = sum(Fraction(r.base_quantity) for r in rows)
    q1 = sum(Fraction(r.quantity) for r in rows)
    for item, row in zip(result.items, rows, strict=True):
        b_q, b_r = Fraction(row.base_quantity), Fraction(row.base_revenue)
        c_q, c_r = Fraction(row.quantity), Fraction(row.revenue)
        p0 = b_r / b_q if b_q else (c_r / c_q if c_q else Fraction(0))
        price = (c_r - b_r) - (c_q - b_q) * p0
        volume = b_q * p0 * (q1 - q0) / q0 if q0 else (c_q - b_q) * p0
        assert abs(Fraction(item.price) - price) < unit
        assert abs(Fraction(item.volume) - volume) < unit


@given(
    st.lists(
        st.tuples(st.integers(-(10**8), 10**9), st.integers(-(10**8), 10**9)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(list(Direction)),
)
def test_contributions_always_add_up_to_the_total_gap(pairs, direction):
    members = [(f"m{i}", D(r).scaleb(-2), D(a).scaleb(-2)) for i, (r, a) in enumerate(pairs)]
    result = gap_contributions(members, direction=direction)
    assert sum(c.gap for c in result.items) == result.gap
    sign = -1 if direction is Direction.LOWER_IS_BETTER else 1
    assert result.gap == sign * (result.reference - result.actual)
    gaps = [c.gap for c in result.items]
    assert gaps == sorted(gaps, reverse=True)
    # Behind reads as behind: a member short has a share (never negative), one not short has none,
    # and the shares of those short add up to the whole shortfall (within rounding).
    for c in result.items:
        assert (c.share is not None) == (c.gap > 0)
        assert c.share is None or c.share >= 0  # a tiny one rounds to 0 at six places
    shares = [c.share for c in result.items if c.share is not None]
    if shares:
        assert abs(sum(shares) - 1) <= D("0.000001") * len(shares)
