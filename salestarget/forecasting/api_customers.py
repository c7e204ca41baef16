"""Customer analysis over the API (/api/forecasting/customers?node=, its value trend
…/customers/value and the conversion by stage drilled down …/customers/conversion): the
same reads and scoping as the pages (leaders and finance, a unit of their scope; a rep is
refused)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from salestarget.forecasting.models import Category
from salestarget.forecasting.queries.conversion import (
    NEVER,
    StageRow,
    conversion_by_member,
    conversion_by_stage,
    conversion_trend,
    stage_deals,
)
from salestarget.forecasting.queries.customer_value import value_trend
from salestarget.forecasting.queries.customers import customer_analysis
from salestarget.org.models import OrgNode
from salestarget.org.scoping import request_scope
from salestarget.tracking.queries.context import as_of
from salestarget.ui.choices import choice_refused
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


def _unit(request: HttpRequest, node: int) -> OrgNode:
    scope = request_scope(request)
    if scope.is_rep or not (scope.everything or scope.root_paths):
        raise PermissionDenied("customer analysis is for leaders and finance")
    return scoped_object(scope.nodes(), pk=node)


@customers_router.get("", response=CustomersOut)
def customers(
    request: HttpRequest,
    node: int = query_param(..., ge=1, le=DB_MAX, description="id of the org node analysed"),
) -> CustomersOut:
    """CAC, conversion and active customers by month, RFM segment counts, the customer
    clusters and CLTV of a unit's subtree."""
    unit = _unit(request, node)
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


class ValuePointOut(Schema):
    end: dt.date = Field(description="the last day of the point's twelve months")
    customers: int = Field(description="customers who bought in those twelve months")
    kept: int = Field(description="of the twelve months before's buyers, bought again")
    lost: int
    retention: Decimal | None
    margin_per_customer: Decimal | None
    lifetime_value: Decimal | None
    segments: dict[str, int] = Field(description="RFM segment code → customers")


@customers_router.get("/value", response=list[ValuePointOut])
def customer_value(
    request: HttpRequest,
    node: int = query_param(..., ge=1, le=DB_MAX, description="id of the org node analysed"),
) -> list[ValuePointOut]:
    """Customer value over time: at today and at each of the last four quarter ends, the
    year's buyers, retention, margin per customer, CLTV and RFM segment counts."""
    unit = _unit(request, node)
    return [
        ValuePointOut(
            end=p.end,
            customers=p.customers,
            kept=p.kept,
            lost=p.lost,
            retention=p.retention,
            margin_per_customer=p.margin_per_customer,
            lifetime_value=p.lifetime_value,
            segments=p.segments,
        )
        for p in value_trend(unit, as_of().day)
    ]


class StageRowOut(Schema):
    quarter: dt.date | None = Field(None, description="a quarter's first day (the trend)")
    node_id: int | None = Field(None, description="a child unit (the drill-down)")
    person_id: int | None = Field(None, description="a team's person (the drill-down)")
    stages: list[StageOut]


class DealOut(Schema):
    id: int
    closed_on: dt.date
    customer_id: int
    person_id: int
    stage: str = Field(description="won or lost")
    amount: Decimal


class ConversionOut(Schema):
    node_id: int
    stages: list[StageOut]
    trend: list[StageRowOut] = Field(description="quarter by quarter, oldest first")
    members: list[StageRowOut] = Field(
        description="each child unit, or each person of a unit without children"
    )
    deals: list[DealOut] | None = Field(
        None, description="with stage: the latest 50 closed deals that reached it"
    )


def _row(row: StageRow, **where: object) -> StageRowOut:
    stages = [StageOut.model_validate(st, from_attributes=True) for st in row.stages]
    return StageRowOut(stages=stages, **where)  # type: ignore[arg-type]


@customers_router.get("/conversion", response=ConversionOut)
def conversion(
    request: HttpRequest,
    node: int = query_param(..., ge=1, le=DB_MAX, description="id of the org node analysed"),
    stage: str | None = query_param(
        None,
        description='a stage to list the deals of: commit, best_case, pipeline, omitted, or ""'
        " (never categorised)",
    ),
) -> ConversionOut:
    """Conversion by stage (stage to won) of the deals closed in the last twelve months,
    quarter by quarter and per child unit or person; with ``stage``, its deals."""
    unit = _unit(request, node)
    if stage is not None and stage != NEVER and stage not in Category.values:
        raise choice_refused("stage", stage, [*Category.values, NEVER])
    end = as_of().day
    members = []
    for row in conversion_by_member(unit, end):
        if isinstance(row.key, OrgNode):
            members.append(_row(row, node_id=row.key.pk))
        else:
            members.append(_row(row, person_id=row.key.pk))
    deals = None
    if stage is not None:
        deals = [
            DealOut(
                id=d.pk,
                closed_on=d.closed_on,
                customer_id=d.customer_id,
                person_id=d.person_id,
                stage=d.stage,
                amount=d.amount,
            )
            for d in stage_deals(unit, end, stage)
            if d.closed_on is not None
        ]
    return ConversionOut(
        node_id=unit.pk,
        stages=[
            StageOut.model_validate(st, from_attributes=True)
            for st in conversion_by_stage(unit, end)
        ],
        trend=[_row(row, quarter=row.key) for row in conversion_trend(unit, end)],
        members=members,
        deals=deals,
    )
