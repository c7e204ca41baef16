"""How busy each channel is on each day of the window: a channels × days factor matrix.

B2B channels (直销, 经销商, 代理商) work on working days, slow down around 春节 and push at
quarter and year end; e-commerce (电商) sells every day, peaks at 618 and 双11 (and a little
at 双12 and the 年货节 before 春节), and stops while couriers are off for 春节.

Holidays and make-up working days come from the company's calendar (master data), which the
loader fills with China's official calendar first.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from salestarget.catalog.calendar import work_calendar
from salestarget.catalog.models import CalendarDay, CalendarDayKind
from salestarget.demo.masterdata import CHANNELS
from salestarget.demo.scales import (
    DAYS,
    DEMO_END,
    DEMO_START,
    MONTH_NUMBER,
    N_DAYS,
    WEEKDAY,
    YEARS,
    day_index,
)

# Month factors, January first.
B2B_MONTHS = np.array([1.0, 0.9, 1.05, 1.0, 1.0, 1.1, 0.95, 0.9, 1.05, 0.95, 1.12, 1.25])
ECOM_MONTHS = np.array([0.95, 0.85, 0.9, 0.9, 1.0, 1.0, 0.85, 0.85, 0.95, 1.0, 1.0, 1.05])
ECOM = [c[0] for c in CHANNELS].index("ECOM")
DEALER = [c[0] for c in CHANNELS].index("DEALER")


def _span(first: dt.date, last: dt.date) -> slice:
    """The day indexes from ``first`` to ``last`` (both included), clipped to the window."""
    start = min(max(day_index(first), 0), N_DAYS)
    return slice(start, max(min(day_index(last) + 1, N_DAYS), start))


def _spring_festivals() -> list[tuple[dt.date, dt.date]]:
    days = sorted(
        CalendarDay.objects.filter(
            kind=CalendarDayKind.HOLIDAY, name="春节", date__range=(DEMO_START, DEMO_END)
        ).values_list("date", flat=True)
    )
    return [
        (min(d for d in days if d.year == y), max(d for d in days if d.year == y))
        for y in sorted({d.year for d in days})
    ]


def promotion_days() -> np.ndarray:
    """Days of the big online sales (618, 双11, 双12), when e-commerce discounts deepen."""
    promo = np.zeros(N_DAYS, dtype=bool)
    for year in np.unique(YEARS):
        y = int(year)
        promo[_span(dt.date(y, 6, 1), dt.date(y, 6, 18))] = True
        promo[_span(dt.date(y, 10, 24), dt.date(y, 11, 11))] = True
        promo[_span(dt.date(y, 12, 12), dt.date(y, 12, 12))] = True
    return promo


def channel_day_factors() -> np.ndarray:
    """A (channels × days) matrix of relative sales activity."""
    calendar = work_calendar(DEMO_START, DEMO_END)
    off = np.zeros(N_DAYS, dtype=bool)
    off[np.array([day_index(d) for d in calendar.holidays], dtype=np.int64)] = True
    worked = np.zeros(N_DAYS, dtype=bool)
    worked[np.array([day_index(d) for d in calendar.makeup_workdays], dtype=np.int64)] = True
    weekend = (WEEKDAY >= 5) & ~worked

    # Working pattern: B2B buyers are off at weekends and on holidays; shoppers are not.
    b2b = B2B_MONTHS[MONTH_NUMBER - 1] * np.where(off, 0.05, np.where(weekend, 0.12, 1.0))
    ecom = ECOM_MONTHS[MONTH_NUMBER - 1] * np.where(off, 0.9, np.where(WEEKDAY >= 5, 1.15, 1.0))
    for first, last in _spring_festivals():
        before, after = dt.timedelta(days=1), dt.timedelta(days=1)
        b2b[_span(first - dt.timedelta(days=10), first - before)] *= 0.6
        lull = _span(last + after, last + dt.timedelta(days=14))
        b2b[lull] *= np.linspace(0.35, 0.95, lull.stop - lull.start)
        ecom[_span(first - dt.timedelta(days=25), first - dt.timedelta(days=11))] *= 1.3
        ecom[_span(first - dt.timedelta(days=10), first - before)] *= 0.6
        ecom[_span(first, last)] *= 0.4  # couriers are off
        ecom[_span(last + after, last + dt.timedelta(days=7))] *= 0.7

    for year in np.unique(YEARS):
        y = int(year)
        # Quarter-end pushes in the last week of each quarter, the biggest in December.
        for month, push in ((3, 1.2), (6, 1.2), (9, 1.2), (12, 1.35)):
            last_day = dt.date(y, month, 30 if month in (6, 9) else 31)
            b2b[_span(last_day - dt.timedelta(days=7), last_day)] *= push
        ecom[_span(dt.date(y, 5, 25), dt.date(y, 5, 31))] *= 1.3
        ecom[_span(dt.date(y, 6, 1), dt.date(y, 6, 17))] *= 1.7
        ecom[_span(dt.date(y, 6, 18), dt.date(y, 6, 18))] *= 5.0
        ecom[_span(dt.date(y, 10, 20), dt.date(y, 10, 31))] *= 1.5
        ecom[_span(dt.date(y, 11, 1), dt.date(y, 11, 10))] *= 1.9
        ecom[_span(dt.date(y, 11, 11), dt.date(y, 11, 11))] *= 7.0
        ecom[_span(dt.date(y, 11, 12), dt.date(y, 11, 15))] *= 1.2
        ecom[_span(dt.date(y, 12, 12), dt.date(y, 12, 12))] *= 3.0

    factors = np.tile(b2b, (len(CHANNELS), 1))
    factors[ECOM] = ecom
    # Dealers stock up for the online festivals.
    dealer = factors[DEALER]
    dealer[np.isin(MONTH_NUMBER, (5, 10))] *= 1.12
    assert factors.shape == (len(CHANNELS), len(DAYS))
    return factors
