"""Who is rated in a cycle: someone who joined late in it is "too new to rate" (入职未满)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.core.money import DECIMAL_CONTEXT

# Present for less than half of the cycle: the cycle says too little about them.
DEFAULT_MIN_PRESENCE = Decimal("0.5")


def presence_share(joined: dt.date, start: dt.date, end: dt.date) -> Decimal:
    """The share of the cycle's days ``start..end`` the person was there (joined on or before
    ``joined``)."""
    if end < start:
        raise ValueError(f"a cycle cannot end ({end}) before it starts ({start})")
    days = (end - start).days + 1
    present = (end - max(joined, start)).days + 1
    return DECIMAL_CONTEXT.divide(Decimal(max(min(present, days), 0)), Decimal(days))


def too_new_to_rate(
    joined: dt.date | None,
    start: dt.date,
    end: dt.date,
    *,
    min_presence: Decimal = DEFAULT_MIN_PRESENCE,
) -> bool:
    """True when the person joined so late that they were present for less than
    ``min_presence`` of the cycle. Unknown joining dates are rated."""
    if joined is None:
        return False
    return presence_share(joined, start, end) < min_presence
