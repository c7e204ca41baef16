"""A calibration session: the distribution against the guideline (ECharts, with its JSON),
the performance × behaviour grid, the grades with their change form, and the lock."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.assessment.models import Scorecard
from salestarget.assessment.queries.calibration import (
    distribution_of,
    grid_of,
    group_distributions,
    session_cards,
    session_changes,
)
from salestarget.assessment.services import calibration
from salestarget.assessment.views.common import act, session_for, user_of
from salestarget.ui.params import posted_id


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for(request, pk)
    cards = session_cards(session)
    grid = grid_of(cards)
    return render(
        request,
        "assessment/calibration.html",
        {
            "session": session,
            "cards": cards,
            "groups": group_distributions(session, cards),
            "grid_rows": [(2, grid[2]), (1, grid[1]), (0, grid[0])],
            "grades": [band[0] for band in session.cycle.grade_bands],
            "changes": session_changes(session),
        },
    )


@login_required
def session_chart(request: HttpRequest, pk: int) -> JsonResponse:
    """The whole session's grades against the guideline, and ``groups``: the same per
    distribution group (what the guideline is held to), one chart each."""
    session = session_for(request, pk)
    cards = session_cards(session)
    return JsonResponse(
        {
            **distribution_of(session, cards).chart(),
            "groups": [group.chart() for group in group_distributions(session, cards)],
        }
    )


@login_required
@require_POST
def session_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    session = session_for(request, pk)
    by = user_of(request)
    back = reverse("assessment:session", args=[session.pk])
    if action == "change":
        card = Scorecard.objects.filter(pk=posted_id(request, "scorecard") or 0).first()
        if card is None:
            raise Http404
        return act(
            request,
            lambda: calibration.calibration_change(
                session=session,
                scorecard=card,
                grade=request.POST.get("grade", ""),
                reason=request.POST.get("reason", ""),
                by=by,
            ),
            _("等级已调整。"),
            back,
        )
    if action == "lock":
        return act(
            request,
            lambda: calibration.calibration_lock(session=session, by=by),
            _("校准会已锁定。"),
            back,
        )
    raise Http404
