"""Where a target stands at a date: achievement, time progress, gap, projection, status."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.metrics import BUILTIN_METRICS, Direction
from salestarget.core.tracking import DEFAULT_THRESHOLDS, Status, Thresholds, track

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


def test_a_revenue_target_halfway_through_the_month():
    # 100万 for the month, 45万 sold, half the working days gone, 11 working days left.
    result = track(Decimal(1_000_000), Decimal(450_000), Decimal("0.5"), remaining_working_days=11)
    assert result.achievement == Decimal("0.45")
    assert result.expected_to_date == Decimal("500000.00")
    assert result.gap == Decimal("550000.00")
    assert result.gap_to_date == Decimal("50000.00")
    assert result.projection == Decimal("900000.00")
    assert result.needed_per_day == Decimal("50000.00")
    assert result.deviation == Decimal("-0.1")
    assert result.status is Status.AT_RISK


def test_status_bands():
    def status(actual: int) -> Status | None:
        return track(Decimal(100), Decimal(actual), Decimal("0.5")).status

    assert status(53) is Status.AHEAD  # +6%
    assert status(50) is Status.ON_TRACK
    assert status(48) is Status.ON_TRACK  # -4%
    assert status(45) is Status.AT_RISK  # -10%
    assert status(42) is Status.BEHIND  # -16%
    strict = Thresholds(ahead=Decimal("0.1"), on_track=Decimal(0), at_risk=Decimal("-0.05"))
    assert track(100, 49, Decimal("0.5"), thresholds=strict).status is Status.AT_RISK
    with pytest.raises(ValueError, match="ahead ≥ on_track ≥ at_risk"):
        Thresholds(ahead=Decimal(0), on_track=Decimal("0.1"))


def test_an_expense_rate_is_a_level_to_hold_and_lower_is_better():
    rate = BUILTIN_METRICS["expense_rate"]
    result = track(
        Decimal("0.10"),
        Decimal("0.08"),
        Decimal("0.3"),
        direction=rate.direction,
        accumulates=rate.accumulates,
        remaining_working_days=15,
    )
    assert result.expected_to_date == Decimal("0.10")  # the target itself, not × progress
    assert result.projection == Decimal("0.08")  # the current ratio
    assert result.needed_per_day is None
    assert result.achievement == Decimal("0.8")
    assert result.gap == Decimal("-0.02")  # 2 points under the ceiling: no shortfall
    assert result.deviation == Decimal("0.2")
    assert result.status is Status.AHEAD
    over = track(
        Decimal("0.10"), Decimal("0.12"), Decimal("0.3"), direction=LOWER, accumulates=False
    )
    assert over.status is Status.BEHIND
    assert over.gap == Decimal("0.02")


def test_a_cost_budget_accumulates_and_lower_is_better():
    # Budget 30万, a third of the year gone, 12万 spent: over the pace.
    result = track(
        Decimal(300_000),
        Decimal(120_000),
        Decimal(1) / Decimal(3),
        direction=LOWER,
        remaining_working_days=160,
    )
    assert result.expected_to_date == Decimal("100000.00")
    assert result.gap_to_date == Decimal("20000.00")
    assert result.status is Status.BEHIND
    assert result.needed_per_day == Decimal("1125.00")  # still allowed per working day


def test_figures_that_do_not_exist_are_none():
    at_start = track(Decimal(100), Decimal(0), Decimal(0), remaining_working_days=20)
    assert at_start.projection is None
    assert at_start.status is Status.ON_TRACK
    assert track(Decimal(100), Decimal(5), Decimal(0)).status is Status.AHEAD
    zero_target = track(Decimal(0), Decimal(5), Decimal("0.5"))
    assert zero_target.achievement is None
    assert zero_target.status is Status.AHEAD
    assert (
        track(Decimal(100), Decimal(50), Decimal(1), remaining_working_days=0).needed_per_day
        is None
    )
    no_data = track(Decimal("0.3"), None, Decimal("0.5"), accumulates=False)
    assert no_data.status is None
    assert no_data.expected_to_date == Decimal("0.3")
    with pytest.raises(ValueError, match="between 0 and 1"):
        track(Decimal(1), Decimal(1), Decimal("1.5"))


amounts = st.decimals(min_value=-(10**7), max_value=10**8, places=2)
progresses = st.decimals(min_value=0, max_value=1, places=4)


@given(
    target=amounts,
    actual=amounts,
    progress=progresses,
    accumulates=st.booleans(),
    thresholds=st.lists(st.decimals(-1, 1, places=2), min_size=3, max_size=3),
)
def test_lower_is_better_statuses_mirror_higher_is_better(
    target, actual, progress, accumulates, thresholds
):
    bands = Thresholds(*sorted(thresholds, reverse=True))
    higher = track(target, actual, progress, accumulates=accumulates, thresholds=bands)
    expected = target * progress if accumulates else target
    mirrored = 2 * expected - actual  # as far below the expectation as actual is above it
    lower = track(
        target, mirrored, progress, direction=LOWER, accumulates=accumulates, thresholds=bands
    )
    assert lower.status is higher.status
    assert lower.deviation == higher.deviation
    assert lower.gap_to_date == higher.gap_to_date


@given(
    target=st.decimals(min_value=1, max_value=10**8, places=2), actual=amounts, progress=progresses
)
def test_more_is_never_worse_for_higher_is_better(target, actual, progress):
    order = list(Status)  # ahead, on track, at risk, behind
    a = track(target, actual, progress).status
    b = track(target, actual + 1, progress).status
    assert a is not None
    assert b is not None
    assert order.index(b) <= order.index(a)
    assert DEFAULT_THRESHOLDS.status(Decimal(0)) is Status.ON_TRACK
