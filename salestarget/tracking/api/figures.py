"""A subject's figures over the API, as the dashboard shows them: the subject with its
children, its actual by any dimension (category, region, channel …), and the charts' series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ninja import Field, Query, Router, Schema

from salestarget.http import AuthenticatedRequest
from salestarget.tracking.api.common import (
    FigureOut,
    SelectionParams,
    figure_out,
)
from salestarget.tracking.queries import dashboard as dq
from salestarget.tracking.queries.frame import Frame
from salestarget.tracking.queries.series import Series, cumulative, monthly
from salestarget.tracking.queries.subjects import Subject
from salestarget.tracking.views.common import selection
from salestarget.ui.choices import choice_refused

router = Router()
SERIES: dict[str, Callable[[Frame, Subject], Series]] = {
    "cumulative": cumulative,
    "monthly": monthly,
}


class FiguresOut(Schema):
    plan_id: int | None
    metric: str
    period: str
    at: dt.date
    subject: FigureOut
    children: list[FigureOut]


@router.get("/figures", response=FiguresOut)
def figures(request: AuthenticatedRequest, params: Query[SelectionParams]) -> dict[str, Any]:
    """A subject's figure and its children's (``?plan=&period=&subject=&at=``, as the
    dashboard)."""
    sel = selection(request)
    frame = sel.frame
    kids = dq.children(frame, sel.subject, sel.scope)
    rows = dq.drop_idle_managers(dq.figures(frame, kids), kids)
    return {
        "plan_id": frame.plan.pk if frame.plan else None,
        "metric": frame.metric.code,
        "period": frame.period.label,
        "at": frame.day,
        "subject": figure_out(dq.figures(frame, [sel.subject])[0]),
        "children": [figure_out(f) for f in rows],
    }


class BreakdownOut(Schema):
    plan_id: int | None
    metric: str
    period: str
    at: dt.date
    subject: str
    dimension: str
    members: list[FigureOut] = Field(
        description="the subject's figure by member of the dimension, largest first; a "
        "member's target where the plan has one at the subject's node"
    )


class TrackingSeriesOut(Schema):
    metric: str
    period: str
    at: dt.date
    subject: str
    chart: str
    labels: list[str]
    actual: list[Decimal | None]
    expected: list[Decimal | None]
    last_year: list[Decimal | None]
    target: list[Decimal | None]


@router.get("/breakdown", response=BreakdownOut)
def breakdown(
    request: AuthenticatedRequest,
    params: Query[SelectionParams],
    dim: str = Query(
        "product_category",
        description="the dimension to total by: product_category, product_line, product, "
        "region (by top-level area), customer_type or channel",
    ),
) -> dict[str, Any]:
    """A subject's actual, last year's and target by the members of any dimension: the
    dashboard's breakdown chart (category totals, regions, channels …) as figures. A metric
    whose facts are not recorded by that dimension has no members."""
    sel = selection(request)
    if dim not in dq.DIMENSIONS:
        raise choice_refused("dim", dim, dq.DIMENSIONS)
    frame = sel.frame
    return {
        "plan_id": frame.plan.pk if frame.plan else None,
        "metric": frame.metric.code,
        "period": frame.period.label,
        "at": frame.day,
        "subject": sel.subject.code,
        "dimension": dim,
        "members": [figure_out(f) for f in dq.breakdown(frame, sel.subject, dim) or []],
    }


@router.get("/series", response=TrackingSeriesOut)
def series(
    request: AuthenticatedRequest,
    params: Query[SelectionParams],
    chart: str = Query(
        "cumulative",
        description="cumulative: day by day over the period against the expected curve; "
        "monthly: month by month over the fiscal year",
    ),
) -> dict[str, Any]:
    """The dashboard's trend charts as numbers: actual, expected (target × time progress),
    last year's and the target, one value per label."""
    sel = selection(request)
    if chart not in SERIES:
        raise choice_refused("chart", chart, SERIES)
    frame = sel.frame
    found = SERIES[chart](frame, sel.subject)
    return {
        "metric": frame.metric.code,
        "period": frame.period.label,
        "at": frame.day,
        "subject": sel.subject.code,
        "chart": chart,
        "labels": found.labels,
        "actual": found.actual,
        "expected": found.expected,
        "last_year": found.last_year,
        "target": found.target,
    }
