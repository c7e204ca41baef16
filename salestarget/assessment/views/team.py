"""My team's assessment: the scorecards below me in a cycle, with their grades and where each
stands (reviews, proposal, interview)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from salestarget.assessment.queries.cards import cycles_visible, team_cards
from salestarget.assessment.views.common import scope


@login_required
def team(request: HttpRequest) -> HttpResponse:
    s = scope(request)
    cycles = list(cycles_visible(s).distinct().order_by("-period_start"))
    chosen = next((c for c in cycles if str(c.pk) == request.GET.get("cycle")), None)
    chosen = chosen or (cycles[0] if cycles else None)
    cards = team_cards(s, chosen) if chosen is not None and not s.is_rep else []
    return render(
        request,
        "assessment/team.html",
        {"cycles": cycles, "cycle": chosen, "cards": cards},
    )
