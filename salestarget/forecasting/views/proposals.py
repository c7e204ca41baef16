"""Next year's target proposals for a unit, each with its error on past years."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.forecasting.labels import PROPOSALS
from salestarget.forecasting.queries.proposals import year_proposals
from salestarget.forecasting.queries.runs import latest_run, stored_for
from salestarget.org.scoping import request_scope


@login_required
@require_GET
def proposals_page(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if scope.is_rep or not (scope.everything or scope.root_paths):
        raise PermissionDenied
    nodes = list(scope.nodes().order_by("path"))
    wanted = request.GET.get("node", "")
    node = next((n for n in nodes if str(n.pk) == wanted), None) if wanted else None
    if wanted and node is None:
        raise Http404
    node = node or (nodes[0] if nodes else None)
    run = latest_run()
    found = None
    if run is not None and node is not None:
        key = ("node", node.pk, None, None)
        stored = stored_for(run, [key]).get(key)
        found = year_proposals(stored, run) if stored is not None else None
    return render(
        request,
        "forecasting/proposals.html",
        {"nodes": nodes, "node": node, "run": run, "found": found, "labels": PROPOSALS},
    )
