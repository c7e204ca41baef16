"""The plan form's help over the API: for a metric, a period and an org node, the history a
planner judges a figure by and the figures each target-setting method proposes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import request_scope
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.queries.context import HistoryPoint, plan_context
from salestarget.targets.queries.proposals import ProposalInputs, plan_proposals
from salestarget.targets.services.plans import PROPOSAL_METHODS
from salestarget.ui.params import DB_MAX

router = Router()


class ProposalsQuery(Schema):
    metric: str = Field(description="code of the metric the plan is on (revenue, …)")
    period: str = Field(description="the plan's period: FY2026, FY2026-Q1, 2026-03 …")
    scope_node_id: int = Field(ge=1, le=DB_MAX, description="id of the org node planned for")
    growth_pct: Decimal | None = Field(
        None, description="history method: growth on last year's same period, in % (20 = 20%)"
    )
    capacity: Decimal | None = Field(None, description="market method: the market's size")
    share_pct: Decimal | None = Field(None, description="market method: the share aimed at, %")
    competitor_value: Decimal | None = Field(
        None, description="competitor method: the competitor's expected figure"
    )
    ratio_pct: Decimal | None = Field(
        None, description="competitor method: the figure aimed at as % of the competitor's"
    )


class HistoryPointOut(Schema):
    label: str
    value: Decimal | None
    through: dt.date | None = Field(
        None,
        description="the last day with facts when the span runs past it: `value` is so far, "
        "and a growth on it reads too high; null when complete",
    )


class PlanProposalOut(Schema):
    method: str = Field(description="history, trend, market or competitor")
    method_label: str
    label: str
    value: Decimal
    growth: Decimal | None = Field(
        description="against last year's same period, a fraction (against `last_year_paced` "
        "when last year is incomplete and it is given)"
    )


class PlanProposalsOut(Schema):
    metric: str
    period: str
    scope_node_id: int
    decimals: int = Field(description="decimals a target on this metric keeps")
    last_period: HistoryPointOut | None
    same_period_last_year: HistoryPointOut | None
    years: list[HistoryPointOut] = Field(
        description="the same period in earlier years, oldest first"
    )
    average_growth: Decimal | None = Field(
        description="the mean growth between the complete years (a year so far left out)"
    )
    trend_next: Decimal | None = Field(
        description="the complete years' least-squares line at the planned period"
    )
    last_year_through: dt.date | None = Field(
        None,
        description="the last day with facts when last year's same period runs past it: "
        "the proposals' `growth` and the history method are against last year so far; null "
        "when last year is complete",
    )
    last_year_paced: Decimal | None = Field(
        None,
        description="last year so far finished at the year before's pace to the same day "
        "(so far × the year before's whole ÷ its own so far): the history method's base when "
        "last year is incomplete; null when it is complete, has no year before, or the metric "
        "is not a sum",
    )
    proposals: list[PlanProposalOut]


def _point(point: HistoryPoint | None) -> dict[str, Any] | None:
    return {"label": point.label, "value": point.value, "through": point.through} if point else None


@router.get("/proposals", response=PlanProposalsOut)
def proposals(request: AuthenticatedRequest, query: Query[ProposalsQuery]) -> dict[str, Any]:
    """What the plan form shows beside the figure: last period, the same period in earlier
    years, the trend, and each method's proposed figure (those whose inputs are given).
    For planners, about an org node in their scope."""
    scope = request_scope(request)
    if not scope.can_plan:
        raise PermissionDenied
    node = get_object_or_404(scope.nodes(), pk=query.scope_node_id)
    metric = metric_definition(query.metric)
    period = period_parse(query.period)
    decimals = value_decimals(metric)
    history = plan_context(metric_code=metric.code, period=period, node=node)
    inputs = ProposalInputs(
        growth_pct=query.growth_pct,
        capacity=query.capacity,
        share_pct=query.share_pct,
        competitor_value=query.competitor_value,
        ratio_pct=query.ratio_pct,
    )
    found = plan_proposals(history=history, decimals=decimals, inputs=inputs)
    return {
        "metric": metric.code,
        "period": period.label,
        "scope_node_id": node.pk,
        "decimals": decimals,
        "last_period": _point(history.last_period),
        "same_period_last_year": _point(history.same_period_last_year),
        "years": [_point(p) for p in history.years],
        "average_growth": history.average_growth,
        "trend_next": history.trend_next,
        "last_year_through": history.last_year_through,
        "last_year_paced": history.last_year_paced,
        "proposals": [
            {
                "method": p.method,
                "method_label": str(PROPOSAL_METHODS[p.method]),
                "label": p.label,
                "value": p.value,
                "growth": p.growth,
            }
            for p in found
        ],
    }
