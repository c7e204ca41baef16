"""Leading indicators' math: "1 in N", the activities still missing at the current pace, and
how activity attainment went with result attainment, proven on any counts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.leading import (
    attainment_relation,
    conversion,
    correlation,
    one_in,
    shortfall,
)

D = Decimal
counts = st.integers(min_value=0, max_value=100_000)
levels = st.decimals(min_value=0, max_value=5, places=2)


def test_the_sentence_figures_of_a_team() -> None:
    # 70 visits to new customers made 10 new customers: 1 in 7.
    assert one_in(70, 10) == 7
    assert one_in(10, 70) == 1  # never "1 in 0"
    assert one_in(0, 3) is None
    assert one_in(5, 0) is None
    # 3 more new customers at 1 in 7 need 21 visits; 1.5 a day over 6 days brings 9: 12 more.
    assert shortfall(needed=D(21), pace_per_day=D("1.5"), days_left=6) == 12
    assert shortfall(needed=D(21), pace_per_day=D(4), days_left=6) == 0
    assert conversion(70, 10) == D("0.1429")


@given(activities=counts, results=counts)
def test_one_in_is_the_ratio_rounded(activities: int, results: int) -> None:
    n = one_in(activities, results)
    if activities == 0 or results == 0:
        assert n is None
    else:
        assert n is not None
        assert n >= 1
        assert abs(D(n) - D(activities) / D(results)) <= D("0.5") or n == 1


@given(needed=levels, pace=levels, faster=levels, days=st.integers(0, 31))
def test_a_faster_pace_never_needs_more(
    needed: Decimal, pace: Decimal, faster: Decimal, days: int
) -> None:
    slow = shortfall(needed=needed, pace_per_day=pace, days_left=days)
    fast = shortfall(needed=needed, pace_per_day=pace + faster, days_left=days)
    assert 0 <= fast <= slow
    assert slow >= needed - pace * days  # what the pace leaves, rounded up
    assert slow < needed - pace * days + 1 or slow == 0


@given(
    st.lists(st.tuples(levels, levels), min_size=0, max_size=30),
    st.decimals(min_value=D("0.1"), max_value=10, places=1),
)
def test_the_correlation_is_bounded_symmetric_and_blind_to_scale(
    pairs: list[tuple[Decimal, Decimal]], scale: Decimal
) -> None:
    r = correlation(pairs)
    assert r == correlation([(y, x) for x, y in pairs])
    if r is not None:
        assert -1 <= r <= 1
        scaled = correlation([(x * scale, y) for x, y in pairs])
        assert scaled is not None
        assert abs(scaled - r) <= D("0.01")


@given(st.lists(st.tuples(levels, levels), min_size=1, max_size=30))
def test_the_means_split_the_periods_by_activity_attainment(
    pairs: list[tuple[Decimal, Decimal]],
) -> None:
    relation = attainment_relation(pairs)
    assert relation.periods == len(pairs)
    results = [y for _, y in pairs]
    for mean in (relation.when_active, relation.otherwise):
        if mean is not None:
            assert min(results) - D("0.0001") <= mean <= max(results) + D("0.0001")
    assert (relation.when_active is None) == all(x < 1 for x, _ in pairs)


def test_activity_that_goes_with_results_shows() -> None:
    pairs = [
        (D("0.8"), D("0.7")),
        (D("1.0"), D("0.95")),
        (D("1.2"), D("1.1")),
        (D("1.4"), D("1.3")),
    ]
    relation = attainment_relation(pairs)
    assert relation.correlation == D("1.00")
    assert relation.when_active == D("1.1167")
    assert relation.otherwise == D("0.7000")
