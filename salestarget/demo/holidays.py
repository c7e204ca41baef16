"""China's public holidays and make-up working days (调休) for the demo years, from the
``chinesecalendar`` package (the State Council's published schedule)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

from salestarget.catalog.models import CalendarDay, CalendarDayKind

YEARS = (2024, 2025, 2026)
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
}


def _name(english: str) -> str:
    return HOLIDAY_NAMES.get(english, english)


def holidays(years: tuple[int, ...] = YEARS) -> dict[dt.date, str]:
    """Every day off of the holiday periods (weekend days inside a period included)."""
    return {d: _name(n) for d, n in chinese_calendar.holidays.items() if d.year in years}


def makeup_workdays(years: tuple[int, ...] = YEARS) -> dict[dt.date, str]:
    """Weekend days worked to make up for a holiday, named after that holiday."""
    return {d: _name(n) for d, n in chinese_calendar.workdays.items() if d.year in years}


def calendar_days_load(years: tuple[int, ...] = YEARS) -> int:
    """Write (or refresh) the holidays and make-up days of ``years``; returns how many."""
    missing = [y for y in years if y not in {d.year for d in chinese_calendar.holidays}]
    if missing:
        raise ValueError(f"chinesecalendar has no holiday schedule for {missing}; upgrade it")
    rows = [
        CalendarDay(date=d, kind=CalendarDayKind.HOLIDAY, name=name)
        for d, name in holidays(years).items()
    ] + [
        CalendarDay(date=d, kind=CalendarDayKind.MAKEUP_WORKDAY, name=f"{name}调休上班")
        for d, name in makeup_workdays(years).items()
    ]
    CalendarDay.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["date"], update_fields=["kind", "name"]
    )
    return len(rows)
