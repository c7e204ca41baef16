"""The company's working-day calendar: Monday to Friday, minus the holidays and plus the
make-up working days (调休上班) the company keeps in master data (``CalendarDay``).

This is the only place the apps build a ``WorkCalendar``. Nothing is filled in from an
official calendar behind the company's back: a company outside mainland China must not get
Chinese holidays it never entered. A year without any entry is plain Monday–Friday, and the
pages that count working days say so (``calendar_missing_years``) with a link to the
calendar page, where the official calendar can be loaded (``services.calendar_holidays_load``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from salestarget.catalog.models import CalendarDay, CalendarDayKind
from salestarget.core.workdays import WorkCalendar


def work_calendar_of(entries: Iterable[tuple[dt.date, str]]) -> WorkCalendar:
    """A calendar from ``(date, kind)`` pairs of calendar entries."""
    holidays: list[dt.date] = []
    makeup: list[dt.date] = []
    for day, kind in entries:
        (holidays if kind == CalendarDayKind.HOLIDAY else makeup).append(day)
    return WorkCalendar(holidays, makeup)


def work_calendar(start: dt.date, end: dt.date) -> WorkCalendar:
    """The working days from ``start`` to ``end`` as the company's calendar has them."""
    return work_calendar_of(
        CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind")
    )


def calendar_missing_years(start: dt.date, end: dt.date) -> list[int]:
    """The calendar years from ``start`` to ``end`` without a single calendar entry: their
    working days are simply Monday to Friday."""
    years = range(start.year, end.year + 1)
    have = {
        d.year
        for d in CalendarDay.objects.filter(
            date__range=(dt.date(start.year, 1, 1), dt.date(end.year, 12, 31))
        ).dates("date", "year")
    }
    return [y for y in years if y not in have]
