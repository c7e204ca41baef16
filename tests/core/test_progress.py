from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.core.periods import FiscalCalendar, PeriodKind
from salestarget.core.progress import (
    ProgressBasis,
    SeasonalityProfile,
    elapsed_working_days,
    remaining_working_days,
    time_progress,
)
from salestarget.core.workdays import WEEKDAYS_ONLY, WorkCalendar

CAL = FiscalCalendar()


def ratio(numerator: int, denominator: int) -> Decimal:
    return DECIMAL_CONTEXT.divide(Decimal(numerator), Decimal(denominator))


MARCH = CAL.parse("2026-03")  # 31 days, 22 weekdays
# Busy in December, quiet in February.
OFFICIAL = WorkCalendar(
    [d for d in chinese_calendar.holidays if d.year in (2025, 2026)],
    [d for d in chinese_calendar.workdays if d.year in (2025, 2026)],
)
PROFILE = SeasonalityProfile([8, 4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 16])


def test_calendar_progress_counts_the_day_at_as_done():
    assert time_progress(MARCH, date(2026, 2, 28)) == 0
    assert time_progress(MARCH, date(2026, 3, 1)) == ratio(1, 31)
    assert time_progress(MARCH, date(2026, 3, 31)) == 1
    assert time_progress(MARCH, date(2026, 5, 1)) == 1


def test_working_day_progress_skips_weekends_and_holidays():
    # 2026-03-06 is a Friday: 5 of 22 working days are done.
    at = date(2026, 3, 6)
    assert time_progress(MARCH, at, ProgressBasis.WORKING, WEEKDAYS_ONLY) == ratio(5, 22)
    # Saturday adds nothing.
    assert time_progress(MARCH, at + timedelta(1), ProgressBasis.WORKING, WEEKDAYS_ONLY) == (
        ratio(5, 22)
    )
    assert elapsed_working_days(MARCH, at, WEEKDAYS_ONLY) == 5
    assert remaining_working_days(MARCH, at, WEEKDAYS_ONLY) == 17
    assert remaining_working_days(MARCH, date(2026, 2, 1), WEEKDAYS_ONLY) == 22


def test_a_period_without_working_days_progresses_by_calendar_days():
    holiday_week = CAL.parse("2026-W06")
    cal = WorkCalendar(holidays=set(holiday_week.dates()))
    assert time_progress(holiday_week, holiday_week.start, ProgressBasis.WORKING, cal) == (
        ratio(1, 7)
    )


def test_seasonal_progress_follows_the_profile():
    year = CAL.year(2026)
    end_of_february = time_progress(
        year, date(2026, 2, 28), ProgressBasis.SEASONAL, seasonality=PROFILE
    )
    assert end_of_february == ratio(12, 100)
    # Inside a month the weight is spread by day: half of June is half of June's weight.
    mid_june = time_progress(year, date(2026, 6, 15), ProgressBasis.SEASONAL, seasonality=PROFILE)
    assert mid_june == ratio(8 + 4 + 8 * 3 + 4, 100)
    with pytest.raises(ValueError, match="needs a seasonality profile"):
        time_progress(year, date(2026, 6, 15), ProgressBasis.SEASONAL)
    with pytest.raises(ValueError, match="needs a work calendar"):
        time_progress(year, date(2026, 6, 15), ProgressBasis.WORKING)


def test_seasonal_progress_inside_a_month_uses_working_days_when_given():
    at = date(2026, 3, 6)
    seasonal = time_progress(MARCH, at, ProgressBasis.SEASONAL, WEEKDAYS_ONLY, PROFILE)
    assert seasonal == time_progress(MARCH, at, ProgressBasis.WORKING, WEEKDAYS_ONLY)


def test_a_profile_needs_twelve_non_negative_months():
    with pytest.raises(ValueError, match="12 monthly weights"):
        SeasonalityProfile([1] * 11)
    with pytest.raises(ValueError, match="months \\[3\\]"):
        SeasonalityProfile([1, 1, -1] + [1] * 9)
    with pytest.raises(ValueError, match="at least one month"):
        SeasonalityProfile([0] * 12)
    assert SeasonalityProfile({m: m for m in range(1, 13)}).weights[11] == 12


@given(
    kind=st.sampled_from(list(PeriodKind)),
    day=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    offsets=st.tuples(st.integers(-40, 400), st.integers(-40, 400)),
    basis=st.sampled_from(list(ProgressBasis)),
    weights=st.lists(st.integers(0, 20), min_size=12, max_size=12).filter(any),
)
def test_progress_is_monotone_between_zero_and_one(kind, day, offsets, basis, weights):
    period = CAL.period_of(kind, day)
    profile = SeasonalityProfile(weights)
    early, late = sorted(period.start + timedelta(days=o) for o in offsets)
    p_early = time_progress(period, early, basis, OFFICIAL, profile)
    p_late = time_progress(period, late, basis, OFFICIAL, profile)
    assert 0 <= p_early <= p_late <= 1
