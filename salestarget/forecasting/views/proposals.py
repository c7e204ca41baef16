"""Next year's target proposals for a unit, each with its error on past years."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.forecasting.labels import PROPOSALS
from salestarget.forecasting.queries.history import PROPOSAL_MONTHS, history_length
from salestarget.forecasting.queries.proposals import year_proposals
from salestarget.forecasting.queries.runs import latest_run, stored_for
from salestarget.forecasting.views.units import unit_from_request


@login_required
@require_GET
def proposals_page(request: HttpRequest) -> HttpResponse:
    nodes, node = unit_from_request(request)
    run = latest_run()
    found = None
    if run is not None and node is not None:
        key = ("node", node.pk, None, None)
        stored = stored_for(run, [key]).get(key)
        found = year_proposals(stored, run) if stored is not None else None
    return render(
        request,
        "forecasting/proposals.html",
        {
            "nodes": nodes,
            "node": node,
            "run": run,
            "found": found,
            "labels": PROPOSALS,
            "history": history_length(run) if run is not None else None,
            "proposal_months": PROPOSAL_MONTHS,
        },
    )
