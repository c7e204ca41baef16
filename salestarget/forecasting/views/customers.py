"""Customer analysis of a unit: CAC and conversion month by month, RFM segments with their
customers, and the customer lifetime value."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.forecasting.labels import SEGMENTS
from salestarget.forecasting.queries.customers import customer_analysis
from salestarget.forecasting.views.units import unit_from_request
from salestarget.tracking.queries.context import as_of


@login_required
@require_GET
def customers_page(request: HttpRequest) -> HttpResponse:
    nodes, node = unit_from_request(request)
    segment = request.GET.get("segment", "")
    if segment and segment not in SEGMENTS:
        raise Http404
    end = as_of().day  # today, or the last day with facts when that is earlier
    found = customer_analysis(node, end, segment=segment) if node is not None else None
    return render(
        request,
        "forecasting/customers.html",
        {"nodes": nodes, "node": node, "found": found, "segment": segment, "labels": SEGMENTS},
    )
