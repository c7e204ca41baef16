"""The company's fiscal calendar as the core's types (its working-day calendar is
``catalog.calendar.work_calendar``)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salestarget.core.periods import FiscalCalendar, Period, PeriodCodeError
from salestarget.org.models import CompanySettings


def fiscal_calendar() -> FiscalCalendar:
    return FiscalCalendar(CompanySettings.current().fiscal_year_start_month)


def period_parse(
    code: str, field: str = "period", *, calendar: FiscalCalendar | None = None
) -> Period:
    """The period named ``code``; a ValidationError on ``field`` naming the accepted forms.
    ``calendar``: the fiscal calendar when the caller already has it (reads of many cells)."""
    try:
        return (calendar or fiscal_calendar()).parse(code)
    except (PeriodCodeError, ValueError) as exc:
        raise ValidationError({field: _("期间格式不正确：%(error)s") % {"error": exc}}) from exc


def period_year_ago(
    period: Period, *, calendar: FiscalCalendar | None = None, years: int = 1
) -> tuple[dt.date, dt.date]:
    """The dates of the same period one year earlier (同比); ``years=2``: the year before
    that (the pace last year is finished at)."""
    if not period.is_clipped:
        cal = calendar or fiscal_calendar()
        earlier = period
        for _year in range(years):
            earlier = cal.year_ago(earlier)
        return earlier.start, earlier.end
    start, end = period.start, period.end
    for _year in range(years):
        start, end = _year_back(start), _year_back(end)
    return start, end


def period_before(period: Period) -> Period | None:
    """The previous period of the same kind (环比); None for a clipped week."""
    if period.is_clipped:
        return None
    return fiscal_calendar().shift(period, -1)


def _year_back(day: dt.date) -> dt.date:
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year - 1)
