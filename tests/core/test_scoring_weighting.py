"""Weights add up to 100% or are refused; a missing reviewer group's weight is spread over
those who answered without changing the total; peers and customers count only from three
answers; the total score is the weighted mean of what could be scored."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.core.scoring.weighting import (
    ReviewerGroup,
    WeightsError,
    aggregate_group,
    check_weights,
    reweight,
    weighted_score,
    weighted_scores,
)

SELF, MANAGER, PEER, CUSTOMER = (
    ReviewerGroup.SELF,
    ReviewerGroup.MANAGER,
    ReviewerGroup.PEER,
    ReviewerGroup.CUSTOMER,
)
GROUPS_360 = {SELF: Decimal(10), MANAGER: Decimal(60), PEER: Decimal(20), CUSTOMER: Decimal(10)}


def test_a_scorecard_of_70_30_is_accepted():
    check_weights({"revenue": Decimal(70), "teamwork": Decimal(30)})


def test_weights_that_do_not_add_up_to_100_are_refused_with_their_sum():
    with pytest.raises(WeightsError, match=r"add up to 95%, not 100%"):
        check_weights({"revenue": Decimal(70), "teamwork": Decimal(25)})
    with pytest.raises(WeightsError, match="negative"):
        check_weights({"revenue": Decimal(110), "teamwork": Decimal(-10)})
    with pytest.raises(WeightsError, match="more than 2 decimals"):
        check_weights({"a": Decimal("33.333"), "b": Decimal("66.667")})


def test_without_customer_answers_their_weight_goes_to_the_others_and_is_named():
    used = reweight(GROUPS_360, [SELF, MANAGER, PEER])
    assert used.missing == (CUSTOMER,)
    assert used.weights == {
        SELF: Decimal("11.11"),
        MANAGER: Decimal("66.67"),
        PEER: Decimal("22.22"),
    }
    assert used.total == 100


def test_a_score_with_a_missing_group_is_the_mean_of_the_others():
    result = weighted_score(
        {MANAGER: Decimal(60), PEER: Decimal(40)}, {MANAGER: Decimal(80), PEER: None}
    )
    assert result.score == Decimal(80)
    assert result.missing == (PEER,)
    assert weighted_score({MANAGER: Decimal(100)}, {MANAGER: None}).score is None


def test_two_peer_answers_are_neither_counted_nor_shown():
    two = aggregate_group(PEER, [Decimal(100), Decimal(0)])
    assert two.mean is None
    assert two.hidden
    three = aggregate_group(PEER, [Decimal(100), Decimal(50), Decimal(0)])
    assert three.mean == Decimal(50)
    # A manager is one person and known anyway: one answer counts.
    assert aggregate_group(MANAGER, [Decimal(75)]).mean == Decimal(75)


weights_100 = (
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8)
    .filter(lambda units: sum(units) > 0)
    .map(lambda units: _to_100(units))
)


def _to_100(units: list[int]) -> dict[int, Decimal]:
    from salestarget.core.largest_remainder import split_minor_units

    shares = split_minor_units(10_000, units)
    return {i: Decimal(s).scaleb(-2) for i, s in enumerate(shares)}


@settings(deadline=None)
@given(weights_100, st.data())
def test_reweighting_never_changes_the_weight_total(weights, data):
    present = data.draw(st.sets(st.sampled_from(list(weights))))
    used = reweight(weights, present)
    if used.weights:
        assert used.total == sum(weights.values()) == 100
        assert set(used.weights) <= present
        assert all(used.weights[k] >= weights[k] for k in used.weights)
    else:
        assert not any(weights[k] for k in present)
    assert set(used.missing) == {k for k in weights if k not in present and weights[k] > 0}


@settings(deadline=None)
@given(weights_100, st.data())
def test_weights_are_enforced(weights, data):
    check_weights(weights)
    key = data.draw(st.sampled_from(list(weights)))
    nudge = data.draw(st.sampled_from([Decimal("0.01"), Decimal("-0.01"), Decimal(5)]))
    broken = dict(weights)
    broken[key] += nudge
    with pytest.raises(WeightsError):
        check_weights(broken)


@settings(deadline=None)
@given(
    weights_100,
    st.data(),
)
def test_a_weighted_score_stays_between_the_scores_it_weighs(weights, data):
    scores = {
        k: data.draw(st.one_of(st.none(), st.decimals("0", "150", places=2))) for k in weights
    }
    result = weighted_score(weights, scores)
    given_scores = [scores[k] for k in result.weights if scores[k] is not None]
    if result.score is not None:
        assert min(given_scores) - Decimal("0.01") <= result.score
        assert result.score <= max(given_scores) + Decimal("0.01")


@settings(deadline=None)
@given(weights_100, st.data())
def test_rows_weighed_at_once_equal_each_row_weighed_alone(weights, data):
    # A cycle's scorecards: rows repeat (the same ratings), groups go missing in patterns,
    # scores carry their own exponents (50, 50.0, 50.00).
    score = st.one_of(
        st.none(),
        st.decimals("0", "150", places=2),
        st.sampled_from([Decimal(50), Decimal("50.0"), Decimal("50.00")]),
    )
    keys = list(weights)
    distinct = data.draw(st.lists(st.tuples(*[score] * len(keys)), min_size=1, max_size=6))
    rows = data.draw(st.lists(st.sampled_from(distinct), max_size=25))
    for row, result in zip(rows, weighted_scores(weights, rows), strict=True):
        alone = weighted_score(weights, dict(zip(keys, row, strict=True)))
        assert repr(result.score) == repr(alone.score)
        assert result.weights == alone.weights
        assert [repr(w) for w in result.weights.values()] == [
            repr(w) for w in alone.weights.values()
        ]
        assert result.missing == alone.missing


def test_rows_weighed_at_once_keep_the_one_row_edge_cases():
    # Nothing weighs anything; weights of 0 only; a row of the wrong length.
    assert weighted_scores({}, [()]) == [weighted_score({}, {})]
    zero = {MANAGER: Decimal(0), PEER: Decimal(0)}
    assert weighted_scores(zero, [(Decimal(80), None)]) == [
        weighted_score(zero, {MANAGER: Decimal(80), PEER: None})
    ]
    assert weighted_scores(zero, [(Decimal(80), Decimal(10))]) == [
        weighted_score(zero, {MANAGER: Decimal(80), PEER: Decimal(10)})
    ]
    with pytest.raises(ValueError, match="a row has 1 scores for 2 weights"):
        weighted_scores(zero, [(Decimal(80),)])
    with pytest.raises(WeightsError):
        weighted_scores({MANAGER: Decimal(-1), PEER: Decimal(101)}, [(Decimal(1), Decimal(2))])
