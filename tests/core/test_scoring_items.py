"""An item's score from achievement: linear with floor and cap, tiers, mirrored for
lower-is-better metrics, and ratings on a scale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.core.metrics import BUILTIN_METRICS, Direction
from salestarget.core.scoring.items import (
    LinearRule,
    effective_achievement,
    item_score,
    item_scores,
    rating_score,
    tiers,
)

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def test_revenue_at_93_percent_scores_93_points():
    rule = LinearRule()
    assert item_score(rule, target=1_000_000, actual=930_000, direction=HIGHER) == Decimal("93")


def test_the_cap_stops_a_windfall_and_the_floor_cushions_a_bad_month():
    rule = LinearRule(floor=Decimal(40), cap=Decimal(120))
    assert item_score(rule, target=100, actual=300, direction=HIGHER) == Decimal(120)
    assert item_score(rule, target=100, actual=10, direction=HIGHER) == Decimal(40)


def test_below_the_threshold_an_item_earns_nothing():
    rule = LinearRule(threshold=Decimal("0.6"))
    assert item_score(rule, target=100, actual=59, direction=HIGHER) == 0
    assert item_score(rule, target=100, actual=60, direction=HIGHER) == Decimal(60)


def test_an_expense_rate_under_its_ceiling_scores_above_100():
    rate = BUILTIN_METRICS["expense_rate"]
    # 费用率 target 10%, actual 8%: 20% better than the ceiling.
    score = item_score(
        LinearRule(), target=Decimal("0.10"), actual=Decimal("0.08"), direction=rate.direction
    )
    assert score == Decimal(120)
    over = item_score(
        LinearRule(), target=Decimal("0.10"), actual=Decimal("0.13"), direction=rate.direction
    )
    assert over == Decimal(70)


def test_tiers_score_the_highest_step_reached():
    rule = tiers([("0.8", 60), ("1", 100), ("1.2", 115)])
    assert rule.score(Decimal("0.79")) == 0
    assert rule.score(Decimal("0.8")) == 60
    assert rule.score(Decimal("1.19")) == 100
    assert rule.score(Decimal("2")) == 115


def test_malformed_rules_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="rise by achievement"):
        tiers([("1", 100), ("0.8", 60)])
    with pytest.raises(ValueError, match="cannot score less"):
        tiers([("0.8", 100), ("1", 60)])
    with pytest.raises(ValueError, match="floor ≤ cap"):
        LinearRule(floor=Decimal(130), cap=Decimal(120))


def test_nothing_to_score_without_an_actual_or_with_a_zero_target():
    assert item_score(LinearRule(), target=100, actual=None, direction=HIGHER) is None
    assert item_score(LinearRule(), target=0, actual=5, direction=HIGHER) is None


def test_ratings_become_points_from_bottom_0_to_top_100():
    assert rating_score(5, scale_max=5) == 100
    assert rating_score(1, scale_max=5) == 0
    assert rating_score(4, scale_max=5) == 75
    with pytest.raises(ValueError, match="outside the scale"):
        rating_score(6, scale_max=5)


targets = st.integers(min_value=1, max_value=10**9)
offsets = st.integers(min_value=0, max_value=10**9)
rules = st.one_of(
    st.builds(
        LinearRule,
        floor=st.integers(0, 50).map(Decimal),
        cap=st.integers(100, 200).map(Decimal),
        threshold=st.decimals("0", "1", places=2),
    ),
    st.just(tiers([("0.5", 20), ("0.8", 60), ("1", 100), ("1.3", 130)])),
)


@settings(deadline=None)
@given(rules, targets, offsets)
def test_a_mirrored_item_scores_like_its_higher_is_better_twin(rule, target, x):
    # Spending x under a budget earns what selling x over a target earns, and x over the
    # budget what x short of the target earns.
    assert item_score(rule, target=target, actual=target - x, direction=LOWER) == item_score(
        rule, target=target, actual=target + x, direction=HIGHER
    )
    assert item_score(rule, target=target, actual=target + x, direction=LOWER) == item_score(
        rule, target=target, actual=target - x, direction=HIGHER
    )


@settings(deadline=None)
@given(rules, targets, offsets, offsets)
def test_doing_better_never_scores_less(rule, target, a, b):
    low, high = sorted((a, b))
    assert item_score(rule, target=target, actual=high, direction=HIGHER) >= item_score(
        rule, target=target, actual=low, direction=HIGHER
    )
    assert item_score(rule, target=target, actual=low, direction=LOWER) >= item_score(
        rule, target=target, actual=high, direction=LOWER
    )


@settings(deadline=None)
@given(targets)
def test_meeting_the_target_exactly_is_achievement_one_either_way(target):
    assert effective_achievement(target, target, HIGHER) == 1
    assert effective_achievement(target, target, LOWER) == 1


# A cycle's column: Decimals as the database gives them (four places, or a ratio's many),
# ints, zero and negative targets, no target, no actual.
amounts = st.one_of(
    st.decimals("-1000000", "100000000", places=4),
    st.decimals("0", "2", places=12),
    st.integers(-10, 10**9),
)
column = st.lists(
    st.tuples(st.one_of(st.none(), st.just(Decimal(0)), amounts), st.one_of(st.none(), amounts)),
    max_size=30,
)


@settings(deadline=None)
@given(rules, st.sampled_from([HIGHER, LOWER]), column)
def test_a_column_of_people_scores_as_each_of_them_alone(rule, direction, pairs):
    targets = [t for t, _a in pairs]
    actuals = [a for _t, a in pairs]
    achievements, scores = item_scores(rule, targets=targets, actuals=actuals, direction=direction)
    for (target, actual), reached, score in zip(pairs, achievements, scores, strict=True):
        if target is None:
            assert (reached, score) == (None, None)
            continue
        alone = effective_achievement(target, actual, direction)
        # repr, not ==: the same Decimal to its last digit.
        assert repr(reached) == repr(alone)
        assert repr(score) == repr(
            item_score(rule, target=target, actual=actual, direction=direction)
        )


def test_a_column_refuses_what_one_person_refuses():
    with pytest.raises(TypeError, match="float"):
        item_scores(LinearRule(), targets=[Decimal(1)], actuals=[0.5], direction=HIGHER)
    with pytest.raises(ValueError, match="2 targets for 1 actuals"):
        item_scores(LinearRule(), targets=[1, 2], actuals=[1], direction=HIGHER)
