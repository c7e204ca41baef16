"""Proration (按天折算): a quota shared by days between the spans a person spent under
different plans or teams in one period.

Each span gets ``quota × its days in the period / the period's days``. When the spans cover
the whole period the shares are split by largest remainder so they add up to the quota to
the cent; otherwise (a person who joined or left mid-period) each is rounded half-up.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from salestarget.core.allocation import allocate
from salestarget.core.money import DECIMAL_CONTEXT, as_decimal, quantize

Span = tuple[date, date]  # both ends inclusive


def days_in(span: Span, period: Span) -> int:
    """Days of ``span`` inside ``period``."""
    start, end = max(span[0], period[0]), min(span[1], period[1])
    return max((end - start).days + 1, 0)


def prorate_quota(
    quota: Decimal | int, period: Span, spans: Sequence[Span], decimals: int = 2
) -> tuple[Decimal, ...]:
    """The quota of each span, by days. Spans must not overlap."""
    goal = as_decimal(quota, "quota")
    if period[1] < period[0]:
        raise ValueError(f"the period ends ({period[1]}) before it starts ({period[0]})")
    ordered = sorted(spans)
    for before, after in itertools.pairwise(ordered):
        if after[0] <= before[1]:
            raise ValueError(f"spans overlap: {before[0]}–{before[1]} and {after[0]}–{after[1]}")
    period_days = (period[1] - period[0]).days + 1
    days = [days_in(span, period) for span in spans]
    if sum(days) == period_days:
        return allocate(quantize(goal, decimals), days, decimals=decimals).shares
    return tuple(
        quantize(DECIMAL_CONTEXT.divide(DECIMAL_CONTEXT.multiply(goal, d), period_days), decimals)
        for d in days
    )
