"""Grades by score bands or by rank under a distribution guideline (10/20/40/20/10), warning
or enforced, advisory in small groups; and who is too new to rate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.core.scoring.eligibility import presence_share, too_new_to_rate
from salestarget.core.scoring.grades import (
    DistributionError,
    DistributionGuideline,
    Enforcement,
    assign_grades,
    assign_grades_by_group,
    check_distribution,
    check_distribution_by_group,
    scale_of,
)

SCALE = scale_of([("S", 110), ("A", 100), ("B", 85), ("C", 70), ("D", 0)])
SHARES = {"S": Decimal(10), "A": Decimal(20), "B": Decimal(40), "C": Decimal(20), "D": Decimal(10)}
WARN = DistributionGuideline(SHARES, Enforcement.WARNING, min_group_size=5)
ENFORCED = DistributionGuideline(SHARES, Enforcement.ENFORCED, min_group_size=5)


def test_bands_grade_each_score():
    result = assign_grades({"王": Decimal(112), "李": Decimal(99), "张": Decimal(40)}, SCALE)
    assert result.grades == {"王": "S", "李": "B", "张": "D"}


def test_a_warning_guideline_keeps_the_band_grades_and_reports_the_excess():
    scores = {f"p{i}": Decimal(115) for i in range(10)}  # a team that all beat target
    result = assign_grades(scores, SCALE, WARN)
    assert set(result.grades.values()) == {"S"}
    assert result.expected == {"S": 1, "A": 2, "B": 4, "C": 2, "D": 1}
    excess = {d.grade: (d.count, d.expected) for d in result.deviations}
    assert excess["S"] == (10, 1)


def test_an_enforced_guideline_hands_out_grades_by_rank():
    scores = {f"p{i}": Decimal(100 - i) for i in range(10)}
    result = assign_grades(scores, SCALE, ENFORCED)
    assert result.by_rank
    assert result.grades["p0"] == "S"
    assert [result.grades[f"p{i}"] for i in (1, 2)] == ["A", "A"]
    assert result.grades["p9"] == "D"
    assert result.counts == {"S": 1, "A": 2, "B": 4, "C": 2, "D": 1}
    assert not result.deviations


def test_below_the_minimum_group_size_an_enforced_guideline_is_advisory():
    scores = {"a": Decimal(120), "b": Decimal(118), "c": Decimal(60)}
    result = assign_grades(scores, SCALE, ENFORCED)
    assert result.advisory
    assert result.grades == {"a": "S", "b": "S", "c": "D"}
    assert result.deviations  # still shown, not imposed


def test_calibrated_grades_that_break_an_enforced_distribution_are_refused():
    grades = {f"p{i}": "S" for i in range(10)}
    with pytest.raises(DistributionError, match=r"S: 10 \(guideline 1\)"):
        check_distribution(SCALE, ENFORCED, grades)
    assert check_distribution(SCALE, WARN, grades)  # a warning only reports


def test_people_without_a_score_get_no_grade():
    result = assign_grades({"new": None, "old": Decimal(90)}, SCALE, ENFORCED)
    assert result.unrated == ("new",)
    assert "new" not in result.grades


def test_shares_must_add_up_to_100():
    with pytest.raises(ValueError, match="add up to 90%"):
        DistributionGuideline({"S": Decimal(10), "A": Decimal(80)})


@settings(deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.decimals("0", "150", places=2)), min_size=0, max_size=60),
    st.integers(min_value=1, max_value=20),
)
def test_grades_respect_an_enforced_distribution(scores, min_size):
    guideline = DistributionGuideline(SHARES, Enforcement.ENFORCED, min_group_size=min_size)
    keyed = dict(enumerate(scores))
    result = assign_grades(keyed, SCALE, guideline)
    rated = [k for k, s in keyed.items() if s is not None]
    assert set(result.grades) == set(rated)
    if len(rated) >= min_size:
        assert result.counts == guideline.expected_counts(SCALE, len(rated))
        assert not result.deviations
        check_distribution(SCALE, guideline, result.grades)
        # Rank order: nobody graded better than someone who scored more.
        for a in rated:
            for b in rated:
                if keyed[a] > keyed[b]:
                    assert SCALE.rank_of(result.grades[a]) <= SCALE.rank_of(result.grades[b])
    assert sum(result.counts.values()) == len(rated)


def test_each_group_gets_its_own_distribution():
    # 华北 all beat target, 华东 all missed it: each still gets its own 10/20/40/20/10.
    scores = {f"n{i}": Decimal(130 - i) for i in range(10)}
    scores.update({f"e{i}": Decimal(60 - i) for i in range(10)})
    group_of = {k: k[0] for k in scores}
    result = assign_grades_by_group(scores, group_of, SCALE, ENFORCED)
    for group in ("n", "e"):
        assert result[group].counts == {"S": 1, "A": 2, "B": 4, "C": 2, "D": 1}
    assert result["e"].grades["e0"] == "S"  # the best of its group, not of the company


def test_a_small_group_is_advisory_while_a_large_one_binds():
    scores = {f"big{i}": Decimal(115) for i in range(10)}
    scores.update({"small0": Decimal(115), "small1": Decimal(115)})
    result = assign_grades_by_group(scores, {k: k[:3] for k in scores}, SCALE, ENFORCED)
    assert result["big"].by_rank
    assert result["sma"].advisory
    assert result["sma"].grades == {"small0": "S", "small1": "S"}
    grades = {k: g for r in result.values() for k, g in r.grades.items()}
    check_distribution_by_group(SCALE, ENFORCED, grades, {k: k[:3] for k in scores})
    grades["big0"] = "S"
    grades["big1"] = "S"
    with pytest.raises(DistributionError):
        check_distribution_by_group(SCALE, ENFORCED, grades, {k: k[:3] for k in scores})


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abc"), st.one_of(st.none(), st.decimals("0", "150", places=2))),
        max_size=60,
    ),
    st.integers(min_value=1, max_value=12),
)
def test_grades_respect_an_enforced_distribution_within_every_group(people, min_size):
    guideline = DistributionGuideline(SHARES, Enforcement.ENFORCED, min_group_size=min_size)
    scores = {i: score for i, (_group, score) in enumerate(people)}
    group_of = {i: group for i, (group, _score) in enumerate(people)}
    result = assign_grades_by_group(scores, group_of, SCALE, guideline)
    for group, found in result.items():
        rated = [k for k, s in scores.items() if s is not None and group_of[k] == group]
        assert set(found.grades) == set(rated)
        if len(rated) >= min_size:
            assert found.counts == guideline.expected_counts(SCALE, len(rated))
    grades = {k: g for found in result.values() for k, g in found.grades.items()}
    check_distribution_by_group(SCALE, guideline, grades, group_of)  # never raises


def test_someone_who_joined_two_months_into_a_quarter_is_too_new_to_rate():
    start, end = dt.date(2026, 10, 1), dt.date(2026, 12, 31)
    assert too_new_to_rate(dt.date(2026, 12, 1), start, end)
    assert not too_new_to_rate(dt.date(2026, 10, 20), start, end)
    assert not too_new_to_rate(None, start, end)
    assert presence_share(dt.date(2020, 1, 1), start, end) == 1
