"""Conversion by stage, drilled down: a unit's stages quarter by quarter, for each child
unit (or, in a team, each person), and one stage's deals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.forecasting.models import Category
from salestarget.forecasting.queries.conversion import (
    NEVER,
    conversion_by_member,
    conversion_by_stage,
    conversion_trend,
    stage_deals,
    window_start,
)
from salestarget.forecasting.views.units import unit_from_request
from salestarget.tracking.queries.context import as_of


@login_required
@require_GET
def conversion_page(request: HttpRequest) -> HttpResponse:
    nodes, node = unit_from_request(request)
    stage = request.GET.get("stage")
    if stage is not None and stage != NEVER and stage not in Category.values:
        raise Http404
    end = as_of().day
    context: dict[str, object] = {
        "nodes": nodes,
        "node": node,
        "end": end,
        "first": window_start(end),
        "stage": stage,
        "categories": [*Category.choices, (NEVER, None)],
    }
    if node is not None:
        context.update(
            stages=conversion_by_stage(node, end),
            trend=conversion_trend(node, end),
            members=conversion_by_member(node, end),
            deals=stage_deals(node, end, stage) if stage is not None else None,
        )
    return render(request, "forecasting/conversion.html", context)
