"""Time progress (时间进度): how much of a period has elapsed at a date.

``at`` means "at the end of that day": the actuals of day ``at`` are in, so a period's
first day counts as elapsed on that day and progress reaches 1 on the last day.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.core.periods import Period
from salestarget.core.seasonality import SeasonalityProfile
from salestarget.core.workdays import WorkCalendar

__all__ = [
    "ProgressBasis",
    "SeasonalityProfile",
    "elapsed_working_days",
    "remaining_working_days",
    "time_progress",
]


class ProgressBasis(StrEnum):
    CALENDAR = "calendar"  # calendar days elapsed / days in the period
    WORKING = "working"  # working days elapsed / working days in the period
    SEASONAL = "seasonal"  # seasonality mass elapsed / mass of the period


def time_progress(
    period: Period,
    at: date,
    basis: ProgressBasis = ProgressBasis.CALENDAR,
    work_calendar: WorkCalendar | None = None,
    seasonality: SeasonalityProfile | None = None,
) -> Decimal:
    """Elapsed fraction of ``period`` at the end of day ``at``, a Decimal in [0, 1].

    0 before the period, 1 from its last day on. ``WORKING`` needs ``work_calendar``;
    ``SEASONAL`` needs ``seasonality`` and spreads each month's weight over its working days
    when ``work_calendar`` is also given, else over its calendar days. Fallbacks, never a
    division by zero: a period without working days (a holiday week) progresses by calendar
    days; a period whose months all weigh zero progresses by working, else calendar, days.
    """
    basis = ProgressBasis(basis)
    if basis is ProgressBasis.WORKING and work_calendar is None:
        raise ValueError("time progress by working days needs a work calendar")
    if basis is ProgressBasis.SEASONAL and seasonality is None:
        raise ValueError("time progress by seasonality needs a seasonality profile")
    if at < period.start:
        return Decimal(0)
    if at >= period.end:
        return Decimal(1)
    return _as_decimal(_elapsed_fraction(period, at, basis, work_calendar, seasonality))


def elapsed_working_days(period: Period, at: date, work_calendar: WorkCalendar) -> int:
    """Working days of ``period`` up to and including ``at``."""
    return work_calendar.working_days(period.start, min(at, period.end))


def remaining_working_days(period: Period, at: date, work_calendar: WorkCalendar) -> int:
    """Working days of ``period`` after ``at`` (today's are done): the 日点检 divisor."""
    return work_calendar.working_days(max(at + timedelta(days=1), period.start), period.end)


def _elapsed_fraction(
    period: Period,
    at: date,
    basis: ProgressBasis,
    work_calendar: WorkCalendar | None,
    seasonality: SeasonalityProfile | None,
) -> Fraction:
    if basis is ProgressBasis.SEASONAL and seasonality is not None:
        whole = seasonality.mass(period.start, period.end, work_calendar)
        if whole:
            return seasonality.mass(period.start, at, work_calendar) / whole
        basis = ProgressBasis.WORKING if work_calendar is not None else ProgressBasis.CALENDAR
    if basis is ProgressBasis.WORKING and work_calendar is not None:
        whole_days = work_calendar.working_days(period.start, period.end)
        if whole_days:
            return Fraction(work_calendar.working_days(period.start, at), whole_days)
    return Fraction((at - period.start).days + 1, period.days)


def _as_decimal(fraction: Fraction) -> Decimal:
    return DECIMAL_CONTEXT.divide(Decimal(fraction.numerator), Decimal(fraction.denominator))
