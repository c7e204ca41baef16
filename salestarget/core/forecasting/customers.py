"""Customer analysis (§10), the arithmetic: RFM segments, customer lifetime value.

**RFM** (最近一次消费、消费频率、消费金额): each customer's days since their last purchase,
number of purchase days and amount over the window are compared with the medians of the
customers analysed; above or below on each gives the eight classic segments (重要价值、重要
发展、重要保持、重要挽留、一般价值、一般发展、一般保持、一般挽留): recent beats not recent,
frequent and large beat the others.

**CLTV**: the gross margin a customer brings a year, over the share of customers lost a year
(churn): a customer kept with probability ``1 − churn`` each year stays ``1 / churn`` years
on average. No churn measured (no customer lost, or no customer a year ago): None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from salestarget.core.money import DECIMAL_CONTEXT, quantize

SEGMENTS = (
    "important_value",  # recent, frequent, large
    "important_develop",  # recent, not frequent, large
    "important_keep",  # not recent, frequent, large
    "important_win_back",  # not recent, not frequent, large
    "general_value",  # recent, frequent, small
    "general_develop",  # recent, not frequent, small
    "general_keep",  # not recent, frequent, small
    "general_win_back",  # not recent, not frequent, small
)


@dataclass(frozen=True)
class Purchases:
    customer_id: int
    days_since: int  # since the last purchase, at the end of the window
    frequency: int  # purchase days in the window
    monetary: Decimal  # amount in the window


def segment_of(recent: bool, frequent: bool, large: bool) -> str:
    index = (0 if large else 4) + (0 if recent else 2) + (0 if frequent else 1)
    return SEGMENTS[index]


def rfm_segments(customers: Sequence[Purchases]) -> dict[int, str]:
    """Each customer's segment, against the medians of ``customers``."""
    if not customers:
        return {}
    recency = median(c.days_since for c in customers)
    frequency = median(c.frequency for c in customers)
    monetary = median(c.monetary for c in customers)
    return {
        c.customer_id: segment_of(
            c.days_since <= recency, c.frequency > frequency, c.monetary > monetary
        )
        for c in customers
    }


def lifetime_value(*, margin_per_customer: Decimal, kept: int, lost: int) -> Decimal | None:
    """A customer's expected gross margin over their life: a year's margin over the churn
    (``lost`` of ``kept + lost`` customers of a year ago bought nothing this year)."""
    if kept + lost == 0 or lost == 0:
        return None
    churn = DECIMAL_CONTEXT.divide(Decimal(lost), Decimal(kept + lost))
    return quantize(DECIMAL_CONTEXT.divide(margin_per_customer, churn), 2)
