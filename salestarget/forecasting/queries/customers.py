"""Customer analysis of a unit's subtree (§10): the month-by-month trend of new customers,
acquisition spend and CAC, and of deals won against deals closed (conversion); the RFM
segments of the customers who bought in the last year, each listing its customers (drill
down), and the customer lifetime value.

Reads are set-based: the monthly trend from the rollups (``PersonDaily``: new customers,
won and closed deals, amount and cost) and one GROUP BY month over expenses; the RFM
figures are one GROUP BY customer over the window's sales lines (no rollup is kept per
customer: an analysis page, not a dashboard), the churn one more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals.models import Expense, PersonDaily, SalesLine
from salestarget.catalog.models import Customer
from salestarget.core.forecasting.customers import (
    SEGMENTS,
    Purchases,
    lifetime_value,
    rfm_segments,
)
from salestarget.core.money import DECIMAL_CONTEXT, quantize
from salestarget.forecasting.series import month_add
from salestarget.org.models import OrgNode

# Expense categories that buy new customers (the demo's 市场推广费; a company's own names
# would be a setting).
ACQUISITION_CATEGORIES = ("市场推广费",)
MONTHS = 12
LISTED = 50  # customers listed per segment


@dataclass(frozen=True)
class CustomerMonth:
    month: dt.date
    new_customers: int
    spend: Decimal
    won: int
    closed: int

    @property
    def cac(self) -> Decimal | None:
        if not self.new_customers:
            return None
        return quantize(DECIMAL_CONTEXT.divide(self.spend, Decimal(self.new_customers)), 2)

    @property
    def conversion(self) -> Decimal | None:
        if not self.closed:
            return None
        return quantize(DECIMAL_CONTEXT.divide(Decimal(self.won), Decimal(self.closed)), 4)


@dataclass
class Segment:
    code: str
    count: int = 0
    amount: Decimal = Decimal(0)
    customers: list[tuple[Customer, Purchases]] = field(default_factory=list)


@dataclass
class CustomerAnalysis:
    node: OrgNode
    end: dt.date  # the last day analysed
    months: list[CustomerMonth]
    segments: list[Segment]
    customers: int  # who bought in the last year
    kept: int  # of last year's buyers, bought again this year
    lost: int
    margin_per_customer: Decimal | None

    @property
    def lifetime_value(self) -> Decimal | None:
        if self.margin_per_customer is None:
            return None
        return lifetime_value(
            margin_per_customer=self.margin_per_customer, kept=self.kept, lost=self.lost
        )


def _subtree(node: OrgNode) -> Q:
    return Q(node__path__startswith=node.path)


def customer_months(node: OrgNode, end: dt.date) -> list[CustomerMonth]:
    """The last ``MONTHS`` months up to ``end``'s, oldest first."""
    first = month_add(end.replace(day=1), -(MONTHS - 1))
    facts = {
        row["month"]: row
        for row in PersonDaily.objects.filter(_subtree(node), day__gte=first, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(new=Sum("new_customers"), won_n=Sum("won"), closed_n=Sum("closed"))
    }
    spend = dict(
        Expense.objects.filter(
            _subtree(node),
            spent_on__gte=first,
            spent_on__lte=end,
            category__in=ACQUISITION_CATEGORIES,
        )
        .annotate(month=TruncMonth("spent_on"))
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    months = []
    for i in range(MONTHS):
        month = month_add(first, i)
        row = facts.get(month, {})
        months.append(
            CustomerMonth(
                month=month,
                new_customers=row.get("new") or 0,
                spend=spend.get(month) or Decimal(0),
                won=row.get("won_n") or 0,
                closed=row.get("closed_n") or 0,
            )
        )
    return months


def _purchases(node: OrgNode, start: dt.date, end: dt.date) -> list[Purchases]:
    rows = (
        SalesLine.objects.filter(_subtree(node), sold_on__gte=start, sold_on__lte=end)
        .values("customer_id")
        .annotate(last=Max("sold_on"), days=Count("sold_on", distinct=True), total=Sum("amount"))
        .filter(total__gt=0)
    )
    return [
        Purchases(r["customer_id"], (end - r["last"]).days, r["days"], r["total"]) for r in rows
    ]


def customer_analysis(node: OrgNode, end: dt.date, *, segment: str = "") -> CustomerAnalysis:
    """The analysis of ``node``'s subtree up to ``end``; ``segment`` lists that segment's
    customers (largest first)."""
    year_start = end - dt.timedelta(days=364)
    bought = _purchases(node, year_start, end)
    found = rfm_segments(bought)
    segments = {code: Segment(code) for code in SEGMENTS}
    for p in bought:
        s = segments[found[p.customer_id]]
        s.count += 1
        s.amount += p.monetary
    if segment in segments:
        mine = sorted(
            (p for p in bought if found[p.customer_id] == segment), key=lambda p: -p.monetary
        )[:LISTED]
        names = Customer.objects.in_bulk([p.customer_id for p in mine])
        segments[segment].customers = [(names[p.customer_id], p) for p in mine]
    before = {
        p.customer_id for p in _purchases(node, year_start - dt.timedelta(days=365), year_start)
    }
    now = {p.customer_id for p in bought}
    sums = PersonDaily.objects.filter(_subtree(node), day__gte=year_start, day__lte=end).aggregate(
        amount=Sum("amount"), cost=Sum("cost")
    )
    margin = None
    if now and sums["amount"] is not None:
        gross = sums["amount"] - (sums["cost"] or Decimal(0))
        margin = quantize(DECIMAL_CONTEXT.divide(gross, Decimal(len(now))), 2)
    return CustomerAnalysis(
        node=node,
        end=end,
        months=customer_months(node, end),
        segments=list(segments.values()),
        customers=len(now),
        kept=len(before & now),
        lost=len(before - now),
        margin_per_customer=margin,
    )
