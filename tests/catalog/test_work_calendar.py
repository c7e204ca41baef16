"""The working calendar is what the company keeps in master data, nothing more: no entries
means Monday to Friday (a company outside mainland China never gets Chinese holidays it did
not enter); China's official calendar counts once it is loaded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from salestarget.catalog.calendar import calendar_missing_years, work_calendar
from salestarget.catalog.models import CalendarDay, CalendarDayKind
from salestarget.catalog.services import calendar_holidays_load

OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))  # 22 weekdays; 国庆节 in China


def test_a_company_without_entries_works_monday_to_friday(db) -> None:
    calendar = work_calendar(*OCTOBER)

    assert calendar.working_days(*OCTOBER) == 22
    assert calendar.is_working_day(dt.date(2026, 10, 1))  # China's National Day: not here
    assert not calendar.is_working_day(dt.date(2026, 10, 3))  # a Saturday
    assert calendar_missing_years(*OCTOBER) == [2026]


def test_a_company_outside_china_gets_only_the_holidays_it_entered(db) -> None:
    # Singapore: National Day falls on Sunday 9 August 2026, observed on Monday the 10th.
    CalendarDay.objects.create(
        date=dt.date(2026, 8, 10), kind=CalendarDayKind.HOLIDAY, name="National Day"
    )
    august = (dt.date(2026, 8, 1), dt.date(2026, 8, 31))  # 21 weekdays

    calendar = work_calendar(*august)

    assert calendar.working_days(*august) == 20
    assert work_calendar(*OCTOBER).working_days(*OCTOBER) == 22  # no Golden Week
    assert calendar_missing_years(dt.date(2026, 1, 1), dt.date(2027, 12, 31)) == [2027]


def test_chinas_official_calendar_counts_once_loaded(db) -> None:
    added = calendar_holidays_load(by=None, year=2026)

    calendar = work_calendar(*OCTOBER)
    assert added > 0
    assert not calendar.is_working_day(dt.date(2026, 10, 1))
    # 22 weekdays, 5 of them off for 国庆节 and 中秋节, Saturday the 10th worked.
    assert calendar.working_days(*OCTOBER) == 22 - 5 + 1
    assert calendar_missing_years(*OCTOBER) == []


def test_a_company_elsewhere_loads_its_own_countrys_holidays(db) -> None:
    added = calendar_holidays_load(by=None, year=2026, country="US")

    days = dict(CalendarDay.objects.values_list("date", "kind"))
    assert added == len(days) > 0
    # Independence Day falls on Saturday 4 July 2026 and is observed on Friday the 3rd.
    assert days[dt.date(2026, 7, 3)] == CalendarDayKind.HOLIDAY
    assert days[dt.date(2026, 11, 26)] == CalendarDayKind.HOLIDAY  # Thanksgiving
    assert CalendarDayKind.MAKEUP_WORKDAY not in days.values()
    assert work_calendar(*OCTOBER).is_working_day(dt.date(2026, 10, 1))  # no Golden Week
    # Loading again adds nothing and keeps what was entered.
    assert calendar_holidays_load(by=None, year=2026, country="US") == 0


def test_an_unknown_country_is_refused(db) -> None:
    with pytest.raises(ValidationError, match="XX"):
        calendar_holidays_load(by=None, year=2026, country="XX")


def test_long_holiday_names_fit_the_calendar(db) -> None:
    # Thailand's 2026 calendar has a day named after three holidays (114 characters).
    assert calendar_holidays_load(by=None, year=2026, country="TH") > 0
    names = list(CalendarDay.objects.values_list("name", flat=True))
    assert max(len(n) for n in names) == 60
