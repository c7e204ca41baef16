"""Customer value over time: a unit's buyers, retention, margin per customer, CLTV and RFM
segments at the end of the running month and of the quarters before it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.core.forecasting.customers import SEGMENTS as SEGMENT_CODES
from salestarget.forecasting.labels import SEGMENTS
from salestarget.forecasting.queries.customer_value import value_trend
from salestarget.forecasting.views.units import unit_from_request
from salestarget.tracking.queries.context import as_of


@login_required
@require_GET
def customer_value_page(request: HttpRequest) -> HttpResponse:
    nodes, node = unit_from_request(request)
    end = as_of().day
    points = value_trend(node, end) if node is not None else []
    return render(
        request,
        "forecasting/customer_value.html",
        {
            "nodes": nodes,
            "node": node,
            "end": end,
            "points": points,
            "segments": [(code, SEGMENTS[code]) for code in SEGMENT_CODES],
        },
    )
