from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.workdays import WEEKDAYS_ONLY, WorkCalendar

# The official 2026 calendar (as ``catalog.services.calendar_holidays_load`` enters it).
SPRING_FESTIVAL_2026 = WorkCalendar(
    [d for d in chinese_calendar.holidays if d.year == 2026],
    [d for d in chinese_calendar.workdays if d.year == 2026],
)


def test_the_official_calendar_moves_weekends_around_holidays():
    cal = SPRING_FESTIVAL_2026
    assert not cal.is_working_day(date(2026, 2, 16))  # Monday in the Spring Festival
    assert cal.is_working_day(date(2026, 2, 14))  # Saturday made a working day
    assert not cal.is_working_day(date(2026, 2, 15))  # an ordinary Sunday
    assert cal.working_days(date(2026, 2, 1), date(2026, 2, 28)) == sum(
        cal.is_working_day(d) for d in (date(2026, 2, 1) + timedelta(n) for n in range(28))
    )


def test_a_day_cannot_be_both_holiday_and_makeup_day():
    with pytest.raises(ValueError, match="2026-05-09"):
        WorkCalendar(holidays={date(2026, 5, 9)}, makeup_workdays={date(2026, 5, 9)})


def test_counting_edges():
    assert WEEKDAYS_ONLY.working_days(date(2026, 3, 2), date(2026, 3, 8)) == 5
    assert WEEKDAYS_ONLY.working_days(date(2026, 3, 8), date(2026, 3, 2)) == 0
    assert WorkCalendar(weekend=[4, 5]).working_days(date(2026, 3, 2), date(2026, 3, 8)) == 5
    assert list(WEEKDAYS_ONLY.working_dates(date(2026, 3, 6), date(2026, 3, 9))) == [
        date(2026, 3, 6),
        date(2026, 3, 9),
    ]


dates = st.dates(date(2024, 1, 1), date(2027, 12, 31))


@given(
    holidays=st.sets(dates, max_size=20),
    makeup=st.sets(dates, max_size=8),
    weekend=st.sets(st.integers(0, 6), max_size=3),
    start=dates,
    length=st.integers(-3, 400),
)
def test_counting_agrees_with_looking_at_every_day(holidays, makeup, weekend, start, length):
    cal = WorkCalendar(holidays - makeup, makeup, weekend)
    end = start + timedelta(days=length)
    by_hand = sum(cal.is_working_day(start + timedelta(n)) for n in range(length + 1))
    assert cal.working_days(start, end) == by_hand
