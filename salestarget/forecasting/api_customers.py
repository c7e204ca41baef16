"""Customer analysis over the API (/api/forecasting/customers?node=): the same read and
scoping as the page (leaders and finance, a unit of their scope; a rep is refused)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from salestarget.forecasting.queries.customers import customer_analysis
from salestarget.org.scoping import request_scope
from salestarget.tracking.queries.context import as_of
from salestarget.ui.pages import scoped_object
from salestarget.ui.params import DB_MAX, query_param

customers_router = Router(tags=["forecasting"])


class CustomerMonthOut(Schema):
    month: dt.date
    new_customers: int
    spend: Decimal
    cac: Decimal | None
    won: int
    closed: int
    conversion: Decimal | None
    active: int = Field(description="customers who bought that month")


class SegmentOut(Schema):
    code: str
    count: int
    amount: Decimal


class ClusterOut(Schema):
    number: int = Field(description="1 = the cluster with the largest amount")
    size: int
    days_since: Decimal = Field(description="the members' mean days since their last purchase")
    frequency: Decimal = Field(description="the members' mean purchase days in the year")
    monetary: Decimal = Field(description="the members' mean amount in the year")
    amount: Decimal
    recent: bool
    frequent: bool
    large: bool


class StageOut(Schema):
    category: str = Field(description='commit, best_case, pipeline, omitted, or "" uncategorised')
    won: int
    closed: int
    conversion: Decimal | None
    won_amount: Decimal


class CustomersOut(Schema):
    node_id: int
    end: dt.date
    customers: int
    kept: int
    lost: int
    margin_per_customer: Decimal | None
    lifetime_value: Decimal | None
    months: list[CustomerMonthOut]
    segments: list[SegmentOut]
    clusters: list[ClusterOut]
    stages: list[StageOut] = Field(
        description="conversion by stage: the closed deals that ever reached each forecast "
        'category (their stage history; "" never categorised)'
    )


@customers_router.get("", response=CustomersOut)
def customers(
    request: HttpRequest,
    node: int = query_param(..., ge=1, le=DB_MAX, description="id of the org node analysed"),
) -> CustomersOut:
    """CAC, conversion and active customers by month, RFM segment counts, the customer
    clusters and CLTV of a unit's subtree."""
    scope = request_scope(request)
    if scope.is_rep or not (scope.everything or scope.root_paths):
        raise PermissionDenied("customer analysis is for leaders and finance")
    unit = scoped_object(scope.nodes(), pk=node)
    found = customer_analysis(unit, as_of().day)
    return CustomersOut(
        node_id=unit.pk,
        end=found.end,
        customers=found.customers,
        kept=found.kept,
        lost=found.lost,
        margin_per_customer=found.margin_per_customer,
        lifetime_value=found.lifetime_value,
        months=[CustomerMonthOut.model_validate(m, from_attributes=True) for m in found.months],
        segments=[SegmentOut.model_validate(s, from_attributes=True) for s in found.segments],
        clusters=[
            ClusterOut(
                number=v.number,
                size=v.cluster.size,
                days_since=v.cluster.days_since,
                frequency=v.cluster.frequency,
                monetary=v.cluster.monetary,
                amount=v.cluster.amount,
                recent=v.cluster.recent,
                frequent=v.cluster.frequent,
                large=v.cluster.large,
            )
            for v in found.clusters
        ],
        stages=[StageOut.model_validate(st, from_attributes=True) for st in found.stages],
    )
