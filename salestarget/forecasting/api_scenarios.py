"""Quota scenarios over the API (/api/forecasting/scenarios): compare a unit's revenue target
at several totals and split methods, and adopt one as its decomposition; the same reads,
service and scoping as the page (planners only; a target outside the caller's units is a
404). Amounts are exact decimals; probabilities are fractions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from salestarget.forecasting.queries.scenario_targets import scenario_targets
from salestarget.forecasting.queries.scenarios import (
    Scenario,
    ScenarioSpec,
    scenarios_compare,
)
from salestarget.forecasting.services.scenarios import scenario_adopt
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets import axes as ax
from salestarget.targets.models import Target
from salestarget.ui.pages import scoped_object
from salestarget.ui.params import Id

scenarios_router = Router(tags=["forecasting"])


class MemberOut(Schema):
    key: str
    label: str
    value: Decimal
    last_year: Decimal | None
    growth: Decimal | None
    probability: float | None
    commission: Decimal | None
    last_year_partial: bool = Field(
        default=False,
        description="`last_year` stops on `last_year_through` (no forecast finished it): "
        "`growth` is against an incomplete year",
    )


class ScenarioOut(Schema):
    total: Decimal
    method: str
    last_year: Decimal | None = Field(
        default=None, description="the members' last year added up (as `last_year_forecast` says)"
    )
    growth: Decimal | None
    probability: float | None
    share_reaching: float | None
    commission: Decimal | None
    last_year_through: dt.date | None = Field(
        default=None,
        description="the last day with facts when last year's span runs past it; null when "
        "last year is complete",
    )
    last_year_forecast: bool = Field(
        default=False,
        description="last year's days after `last_year_through` are the stored forecast (its "
        "P50), so `last_year` and `growth` are of a whole year; false with a date: last year "
        "so far, and the growths read too high",
    )
    members: list[MemberOut]


class ScenariosQuery(Schema):
    target: Id
    axis: str = Field(ax.PEOPLE, description="split the target to: people or org (sub-units)")
    s: list[str] = Field(
        description="a scenario each, `<total>:<method>` (1200000:history); methods: history "
        "(last year's share), equal, forecast (the forecast's share); up to four"
    )


class AdoptIn(Schema):
    target: Id
    axis: str = ax.PEOPLE
    scenario: str  # "1200000:history"


class AdoptOut(Schema):
    target_id: int
    value: Decimal
    children: int


def _planner(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not scope.can_plan:
        raise PermissionDenied("only planners model quota scenarios")
    return scope


def _out(s: Scenario) -> ScenarioOut:
    return ScenarioOut(
        total=s.spec.total,
        method=s.spec.method,
        last_year=s.last_year,
        growth=s.growth,
        probability=s.probability,
        share_reaching=s.share_reaching,
        commission=s.commission,
        last_year_through=s.last_year_through,
        last_year_forecast=s.last_year_forecast,
        members=[MemberOut.model_validate(r, from_attributes=True) for r in s.rows],
    )


@scenarios_router.get("", response=list[ScenarioOut])
def scenarios(request: HttpRequest, query: Query[ScenariosQuery]) -> list[ScenarioOut]:
    """Each scenario (``s=1200000:history``, up to four; methods history, equal, forecast)
    split along ``axis`` (people or org) and weighed: per member the figure, its growth on
    last year, the chance of reaching it and the expected commission (people)."""
    scope = _planner(request)
    target: Target = scoped_object(scenario_targets(scope), pk=query.target)
    specs = [ScenarioSpec.parse(code, f"s[{i}]") for i, code in enumerate(query.s)]
    table = scenarios_compare(target=target, axis=query.axis, specs=specs, by=request.user)  # type: ignore[arg-type]
    return [_out(s) for s in table.scenarios]


@scenarios_router.post("/adopt", response=AdoptOut)
def adopt(request: HttpRequest, payload: AdoptIn) -> AdoptOut:
    """Make a scenario the target's decomposition (its total becomes the target's value)."""
    scope = _planner(request)
    target: Target = scoped_object(scenario_targets(scope), pk=payload.target)
    spec = ScenarioSpec.parse(payload.scenario)
    outcome = scenario_adopt(target=target, axis=payload.axis, scenario=spec, by=request.user)  # type: ignore[arg-type]
    return AdoptOut(
        target_id=outcome.target.pk, value=outcome.target.value, children=len(outcome.preview.rows)
    )
