"""Customer analysis of a unit's subtree (§10): the month-by-month trend of new customers,
acquisition spend and CAC, and of deals won against deals closed (conversion); the RFM
segments of the customers who bought in the last year, each listing its customers (drill
down), and the customer lifetime value.

Reads are set-based and read rollups only: the monthly trend from ``PersonDaily`` (new
customers, won and closed deals, amount and cost) and one GROUP BY month over expenses;
the RFM figures, the clusters and the active customers per month from the customer rollup
(``CustomerMonthly``, rebuilt by each forecast computation): one GROUP BY customer over the
year's twelve months, the churn one more over the year before. A customer served by two
units of the subtree on one day counts two purchase days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals.models import Expense, PersonDaily
from salestarget.catalog.models import Customer
from salestarget.core.forecasting.clusters import Cluster, customer_clusters
from salestarget.core.forecasting.customers import (
    SEGMENTS,
    Purchases,
    lifetime_value,
    rfm_segments,
)
from salestarget.core.money import DECIMAL_CONTEXT, quantize
from salestarget.forecasting.models import CustomerMonthly
from salestarget.forecasting.queries.conversion import StageConversion, conversion_by_stage
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
    active: int = 0  # customers who bought that month

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
class ClusterView:
    """A cluster (``core.forecasting.clusters``) with its listed customers (drill down)."""

    number: int  # 1 = the largest amount
    cluster: Cluster
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
    clusters: list[ClusterView] = field(default_factory=list)
    stages: list[StageConversion] = field(default_factory=list)

    @property
    def lifetime_value(self) -> Decimal | None:
        if self.margin_per_customer is None:
            return None
        return lifetime_value(
            margin_per_customer=self.margin_per_customer, kept=self.kept, lost=self.lost
        )


def subtree(node: OrgNode) -> Q:
    return Q(node__path__startswith=node.path)


def customer_months(node: OrgNode, end: dt.date) -> list[CustomerMonth]:
    """The last ``MONTHS`` months up to ``end``'s, oldest first."""
    first = month_add(end.replace(day=1), -(MONTHS - 1))
    facts = {
        row["month"]: row
        for row in PersonDaily.objects.filter(subtree(node), day__gte=first, day__lte=end)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(new=Sum("new_customers"), won_n=Sum("won"), closed_n=Sum("closed"))
    }
    spend = dict(
        Expense.objects.filter(
            subtree(node),
            spent_on__gte=first,
            spent_on__lte=end,
            category__in=ACQUISITION_CATEGORIES,
        )
        .annotate(month=TruncMonth("spent_on"))
        .values("month")
        .annotate(total=Sum("amount"))
        .values_list("month", "total")
    )
    active = active_customers(node, end)
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
                active=active.get(month, 0),
            )
        )
    return months


def purchases_between(
    node: OrgNode, first: dt.date, last: dt.date, end: dt.date
) -> list[Purchases]:
    """Each customer's purchases in the months ``first`` … ``last`` (first days), recency
    counted to ``end``: one GROUP BY customer over the customer rollup."""
    rows = (
        CustomerMonthly.objects.filter(subtree(node), month__gte=first, month__lte=last)
        .values("customer_id")
        .annotate(last=Max("last_day"), days=Sum("purchase_days"), total=Sum("amount"))
        .filter(total__gt=0)
        .order_by()
    )
    return [
        Purchases(r["customer_id"], (end - r["last"]).days, r["days"], r["total"]) for r in rows
    ]


def active_customers(node: OrgNode, end: dt.date) -> dict[dt.date, int]:
    """``{month: customers who bought}`` over the last ``MONTHS`` months (the trend)."""
    first = month_add(end.replace(day=1), -(MONTHS - 1))
    return dict(
        CustomerMonthly.objects.filter(subtree(node), month__gte=first, month__lte=end)
        .values("month")
        .annotate(n=Count("customer_id", distinct=True))
        .order_by()
        .values_list("month", "n")
    )


def customer_analysis(
    node: OrgNode, end: dt.date, *, segment: str = "", cluster: int | None = None
) -> CustomerAnalysis:
    """The analysis of ``node``'s subtree up to ``end``; ``segment`` lists that segment's
    customers (largest first), ``cluster`` that cluster's."""
    last_month = end.replace(day=1)
    first_month = month_add(last_month, -(MONTHS - 1))
    year_start = first_month
    bought = purchases_between(node, first_month, last_month, end)
    found = rfm_segments(bought)
    segments = {code: Segment(code) for code in SEGMENTS}
    for p in bought:
        s = segments[found[p.customer_id]]
        s.count += 1
        s.amount += p.monetary
    if segment in segments:
        segments[segment].customers = _listed(
            [p for p in bought if found[p.customer_id] == segment]
        )
    clusters = [ClusterView(i, c) for i, c in enumerate(customer_clusters(bought), start=1)]
    for view in clusters:
        if view.number == cluster:
            members = set(view.cluster.customers)
            view.customers = _listed([p for p in bought if p.customer_id in members])
    before = {
        p.customer_id
        for p in purchases_between(
            node, month_add(first_month, -MONTHS), month_add(first_month, -1), end
        )
    }
    now = {p.customer_id for p in bought}
    sums = PersonDaily.objects.filter(subtree(node), day__gte=year_start, day__lte=end).aggregate(
        amount=Sum("amount"), cost=Sum("cost"), uncosted=Sum("uncosted_amount")
    )
    margin = None
    if now and sums["amount"] is not None:  # over the revenue whose cost is known
        gross = sums["amount"] - (sums["uncosted"] or Decimal(0)) - (sums["cost"] or Decimal(0))
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
        clusters=clusters,
        stages=conversion_by_stage(node, end),
    )


def _listed(purchases: list[Purchases]) -> list[tuple[Customer, Purchases]]:
    """The largest ``LISTED`` of ``purchases`` with their customers (one query)."""
    mine = sorted(purchases, key=lambda p: -p.monetary)[:LISTED]
    names = Customer.objects.in_bulk([p.customer_id for p in mine])
    return [(names[p.customer_id], p) for p in mine]
