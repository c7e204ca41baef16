"""Competitions (销售竞赛): the list a reader may see, the live leaderboard (phone-first; it
refreshes itself through htmx), and finance's set-up and announcement of results."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.incentives.forms import CompetitionForm
from salestarget.incentives.models import Competition
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.competitions import board_for, competitions_visible
from salestarget.incentives.services.competitions import competition_announce, competition_save
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.company_metrics import metric_definition, metric_name
from salestarget.ui.forms import form_errors_from
from salestarget.ui.pages import is_partial


def _visible(scope: Scope, pk: int) -> Competition:
    found = next((c for c in competitions_visible(scope) if c.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _list(
    request: HttpRequest, form: CompetitionForm | None = None, status: int = 200
) -> HttpResponse:
    scope = request_scope(request)
    finance = is_finance(scope)
    context = {
        "competitions": competitions_visible(scope),
        "today": timezone.localdate(),
        "finance": finance,
        "form": (form or CompetitionForm()) if finance else None,
    }
    return render(request, "incentives/competition_list.html", context, status=status)


@login_required
def competition_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


@login_required
@require_POST
def competition_new(request: HttpRequest) -> HttpResponse:
    if not is_finance(request_scope(request)):
        raise PermissionDenied
    assert isinstance(request.user, User)
    form = CompetitionForm(request.POST)
    if form.is_valid():
        try:
            found = competition_save(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("incentives:competition", pk=found.pk)
    return _list(request, form, status=400)


@login_required
def competition_board(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    competition = _visible(scope, pk)
    board = board_for(scope, competition)
    metric = metric_definition(competition.metric)
    own = board.own
    gap = None
    if own is not None and competition.threshold is not None:
        # How far the reader is from the threshold, in the metric's direction.
        short = (
            own.standing.value - competition.threshold
            if board.lower_is_better
            else competition.threshold - own.standing.value
        )
        gap = max(short, Decimal(0))
    context = {
        "board": board,
        # A rep's only row is their own card; a list shows more than that.
        "rows": [] if own is not None and board.rows == [own] else board.rows,
        "competition": competition,
        "metric": metric,
        "metric_label": metric_name(competition.metric),
        "gap": gap,
        "finance": is_finance(scope),
        "ended": competition.ends < timezone.localdate(),
        "started": competition.starts <= timezone.localdate(),
    }
    template = (
        "incentives/_competition_board.html"
        if is_partial(request)
        else "incentives/competition_board.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def competition_results(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    competition = _visible(scope, pk)
    if not is_finance(scope):
        raise PermissionDenied
    assert isinstance(request.user, User)
    try:
        posted = competition_announce(competition=competition, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已发布 %(n)s 条喜报") % {"n": len(posted)})
    return redirect("incentives:competition", pk=competition.pk)
