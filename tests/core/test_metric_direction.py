"""A change reads right whatever the metric: the arrow shows where the figure went, the tone
whether that is good for the metric, and a percent metric moves in percentage points."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.metrics import (
    BUILTIN_METRICS,
    Direction,
    Tone,
    Unit,
    change_arrow,
    change_tone,
    metric_change,
)

EXPENSE_RATE = BUILTIN_METRICS["expense_rate"]
REVENUE = BUILTIN_METRICS["revenue"]


def test_a_falling_expense_rate_is_good_news_in_points() -> None:
    moved = metric_change(EXPENSE_RATE, value=Decimal("0.0643"), reference=Decimal("0.0652"))
    assert moved.in_points
    assert moved.amount == Decimal("-0.09")  # 6.52% → 6.43%: −0.09 pp, not −1.4%
    assert (moved.tone, moved.arrow) == (Tone.GOOD, "↓")


def test_falling_revenue_is_bad_news_relative() -> None:
    moved = metric_change(REVENUE, value=Decimal(90), reference=Decimal(100))
    assert not moved.in_points
    assert moved.amount == Decimal("-0.1")
    assert (moved.tone, moved.arrow) == (Tone.BAD, "↓")


def test_nothing_to_compare_is_flat() -> None:
    assert metric_change(REVENUE, value=Decimal(5), reference=Decimal(0)).amount is None
    assert metric_change(REVENUE, value=None, reference=Decimal(5)).tone is Tone.FLAT
    assert metric_change(EXPENSE_RATE, value=Decimal("0.05"), reference=None).arrow == "→"


changes = st.decimals(min_value=-1000, max_value=1000, places=4, allow_nan=False)
ratios = st.decimals(min_value=0, max_value=2, places=6, allow_nan=False)


@given(change=changes)
def test_the_two_directions_read_a_change_oppositely(change: Decimal) -> None:
    higher = change_tone(Direction.HIGHER_IS_BETTER, change)
    lower = change_tone(Direction.LOWER_IS_BETTER, change)
    if change == 0:
        assert higher is lower is Tone.FLAT
    else:
        assert {higher, lower} == {Tone.GOOD, Tone.BAD}
        assert higher is (Tone.GOOD if change > 0 else Tone.BAD)


@given(change=changes)
def test_the_arrow_follows_the_figure_not_the_news(change: Decimal) -> None:
    assert change_arrow(change) == ("↑" if change > 0 else "↓" if change < 0 else "→")


@given(
    code=st.sampled_from(sorted(BUILTIN_METRICS)),
    value=ratios,
    reference=ratios,
)
def test_every_metric_reads_its_change_by_its_direction(
    code: str, value: Decimal, reference: Decimal
) -> None:
    metric = BUILTIN_METRICS[code]
    moved = metric_change(metric, value=value, reference=reference)
    assert moved.in_points == (metric.unit is Unit.PERCENT)
    if moved.amount is None:
        assert reference == 0
        assert not moved.in_points
        return
    # The change has the sign of value − reference, and its tone is good exactly when the
    # figure moved the way the metric wants.
    assert (moved.amount > 0) == (value > reference)
    assert (moved.amount < 0) == (value < reference)
    better = (
        value > reference if metric.direction is Direction.HIGHER_IS_BETTER else value < reference
    )
    assert (moved.tone is Tone.GOOD) == better
    if moved.in_points:
        assert moved.amount == (value - reference) * 100
