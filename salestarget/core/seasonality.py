"""Seasonality profiles: how a year's business is spread over its calendar months.

A profile gives each calendar month a weight (usually last year's monthly actuals). Inside a
month the weight is spread evenly over its days, or over its working days when a work
calendar is given, so any span of days has a "mass". Time progress by seasonality is the
mass elapsed over the mass of the period, and a seasonal split gives each child period its
mass: one model serves both, so a split and the progress measured against it agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from salestarget.core.money import as_decimal
from salestarget.core.workdays import WorkCalendar


@dataclass(frozen=True)
class SeasonalityProfile:
    """Twelve non-negative weights for calendar months January … December.

    The weights need not add up to anything; only their proportions matter.
    """

    weights: tuple[Decimal, ...]

    def __init__(self, weights: Sequence[Decimal | int] | Mapping[int, Decimal | int]) -> None:
        if isinstance(weights, Mapping):
            if set(weights) != set(range(1, 13)):
                raise ValueError(
                    "a seasonality profile needs a weight for each month 1..12, "
                    f"got months {sorted(weights)}"
                )
            values = [weights[m] for m in range(1, 13)]
        else:
            values = list(weights)
        if len(values) != 12:
            raise ValueError(f"a seasonality profile has 12 monthly weights, got {len(values)}")
        checked = tuple(as_decimal(v, f"weight of month {m}") for m, v in enumerate(values, 1))
        negative = [m for m, v in enumerate(checked, 1) if v < 0]
        if negative:
            raise ValueError(f"seasonality weights cannot be negative (months {negative})")
        if not any(checked):
            raise ValueError("a seasonality profile needs at least one month with weight")
        object.__setattr__(self, "weights", checked)

    def mass(self, start: date, end: date, work_calendar: WorkCalendar | None = None) -> Fraction:
        """Exact share-weighted size of the days ``start..end`` (both included).

        A month with no working day in ``work_calendar`` spreads its weight over calendar
        days instead, so its weight is never lost.
        """
        total = Fraction(0)
        cursor = start
        while cursor <= end:
            month_start = cursor.replace(day=1)
            month_end = _month_end(month_start)
            piece_end = min(end, month_end)
            weight = Fraction(self.weights[cursor.month - 1])
            if weight:
                total += weight * _share(cursor, piece_end, month_start, month_end, work_calendar)
            cursor = piece_end + timedelta(days=1)
        return total


def _share(
    start: date, end: date, month_start: date, month_end: date, work_calendar: WorkCalendar | None
) -> Fraction:
    if work_calendar is not None:
        month_units = work_calendar.working_days(month_start, month_end)
        if month_units:
            return Fraction(work_calendar.working_days(start, end), month_units)
    return Fraction((end - start).days + 1, (month_end - month_start).days + 1)


def _month_end(month_start: date) -> date:
    following = month_start.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)
