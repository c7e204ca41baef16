"""Customer analysis of a unit: CAC, conversion and active customers month by month (table
and trend chart), RFM segments and k-means clusters with their customers, the customer
lifetime value, and the whole as Excel."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.forecasting.exports import XLSX, customers_xlsx
from salestarget.forecasting.labels import SEGMENTS, cluster_traits
from salestarget.forecasting.models import Category
from salestarget.forecasting.queries.customers import customer_analysis, customer_months
from salestarget.forecasting.views.units import unit_from_request
from salestarget.tracking.queries.context import as_of


def _cluster(request: HttpRequest) -> int | None:
    raw = request.GET.get("cluster", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


@login_required
@require_GET
def customers_page(request: HttpRequest) -> HttpResponse:
    nodes, node = unit_from_request(request)
    segment = request.GET.get("segment", "")
    if segment and segment not in SEGMENTS:
        raise Http404
    cluster = _cluster(request)
    end = as_of().day  # today, or the last day with facts when that is earlier
    found = (
        customer_analysis(node, end, segment=segment, cluster=cluster) if node is not None else None
    )
    if found is not None and request.GET.get("format") == "xlsx":
        response = HttpResponse(customers_xlsx(found), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="customers-{found.node.pk}.xlsx"'
        return response
    return render(
        request,
        "forecasting/customers.html",
        {
            "nodes": nodes,
            "node": node,
            "found": found,
            "segment": segment,
            "cluster": cluster,
            "labels": SEGMENTS,
            "categories": dict(Category.choices),
            "traits": {v.number: cluster_traits(v.cluster) for v in found.clusters}
            if found
            else {},
        },
    )


@login_required
@require_GET
def customers_chart(request: HttpRequest) -> JsonResponse:
    """The trend chart's data: per month, new and active customers, CAC and conversion."""
    _nodes, node = unit_from_request(request)
    if node is None:
        raise Http404
    months = customer_months(node, as_of().day)

    def num(value: Decimal | None) -> float | None:
        return None if value is None else float(value)  # float ok: chart data

    return JsonResponse(
        {
            "months": [m.month.strftime("%Y-%m") for m in months],
            "new": [m.new_customers for m in months],
            "active": [m.active for m in months],
            "cac": [num(m.cac) for m in months],
            "conversion": [num(m.conversion) for m in months],
        }
    )
