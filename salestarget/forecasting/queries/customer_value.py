"""Customer value over time (§10 "with trends"): at the end of the running month and of each
of the ``POINTS - 1`` quarters before it, the year's buyers of a unit's subtree, how many of
the year before's it kept, the gross margin per customer, the customer lifetime value and
the RFM segment counts, each as of that day.

Every point is the same analysis as the customer page's (``customers.customer_analysis``),
over the twelve months up to it: one GROUP BY customer over the customer rollup for its
year, one for the year before (churn), and one GROUP BY month over ``PersonDaily`` for the
margins of every point at once. So the page reads rollups only, ``2 × POINTS + 1`` queries.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals.models import PersonDaily
from salestarget.core.forecasting.customers import SEGMENTS, lifetime_value, rfm_segments
from salestarget.core.money import DECIMAL_CONTEXT, quantize
from salestarget.forecasting.models import CustomerMonthly
from salestarget.forecasting.queries.customers import MONTHS, purchases_between, subtree
from salestarget.forecasting.series import month_add
from salestarget.org.models import OrgNode

POINTS = 5  # the running month's end and four quarter ends before it: a year of change
STEP = 3  # months between points


@dataclass(frozen=True)
class ValuePoint:
    """The customer value of the year up to ``end``."""

    end: dt.date
    customers: int  # who bought in the year
    kept: int  # of the year before's buyers, bought again
    lost: int
    margin_per_customer: Decimal | None
    segments: dict[str, int]  # RFM segment → customers

    @property
    def retention(self) -> Decimal | None:
        if not self.kept + self.lost:
            return None
        return quantize(
            DECIMAL_CONTEXT.divide(Decimal(self.kept), Decimal(self.kept + self.lost)), 4
        )

    @property
    def lifetime_value(self) -> Decimal | None:
        if self.margin_per_customer is None:
            return None
        return lifetime_value(
            margin_per_customer=self.margin_per_customer, kept=self.kept, lost=self.lost
        )

    @property
    def important(self) -> int:
        """Customers in the four 重要 (large) segments."""
        return sum(self.segments.get(code, 0) for code in SEGMENTS[:4])


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def value_trend(node: OrgNode, end: dt.date) -> list[ValuePoint]:
    """The points oldest first; a point whose year before starts before the customer
    rollup's first month is left out (its churn would be cut short)."""
    last_month = end.replace(day=1)
    ends = [
        end if k == 0 else _month_end(month_add(last_month, -STEP * k))
        for k in reversed(range(POINTS))
    ]
    kept_from = CustomerMonthly.objects.aggregate(first=Min("month"))["first"]
    oldest = month_add(ends[0].replace(day=1), -(2 * MONTHS - 1))
    margins = _monthly_margins(node, oldest, end)
    points = []
    for day in ends:
        last = day.replace(day=1)
        first = month_add(last, -(MONTHS - 1))
        if kept_from is None or month_add(first, -MONTHS) < kept_from:
            continue
        bought = purchases_between(node, first, last, day)
        before = purchases_between(node, month_add(first, -MONTHS), month_add(first, -1), day)
        now = {p.customer_id for p in bought}
        earlier = {p.customer_id for p in before}
        segments = dict.fromkeys(SEGMENTS, 0)
        for code in rfm_segments(bought).values():
            segments[code] += 1
        gross = [margins[m] for m in margins if first <= m <= last]
        margin = None
        if now and gross:
            margin = quantize(DECIMAL_CONTEXT.divide(sum(gross, Decimal(0)), Decimal(len(now))), 2)
        points.append(
            ValuePoint(
                end=day,
                customers=len(now),
                kept=len(earlier & now),
                lost=len(earlier - now),
                margin_per_customer=margin,
                segments=segments,
            )
        )
    return points


def _monthly_margins(node: OrgNode, first: dt.date, end: dt.date) -> dict[dt.date, Decimal]:
    """Each month's gross margin over the revenue whose cost is known: one GROUP BY."""
    rows = (
        PersonDaily.objects.filter(subtree(node), day__gte=first, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(amount=Sum("amount"), cost=Sum("cost"), uncosted=Sum("uncosted_amount"))
        .order_by()
    )
    out: dict[dt.date, Decimal] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        amount = row["amount"] or Decimal(0)
        out[month] = amount - (row["uncosted"] or Decimal(0)) - (row["cost"] or Decimal(0))
    return out
