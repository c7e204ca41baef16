"""What the assessment pages share: finding a visible scorecard (404 otherwise, never
revealing it exists) and running a service with its errors as messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from salestarget.assessment.models import AssessmentCycle, CalibrationSession, Scorecard
from salestarget.assessment.permissions import can_run, can_view_card
from salestarget.assessment.queries.cards import CARD_RELATED
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.views.common import errors_to_messages


def scope(request: HttpRequest) -> Scope:
    return request_scope(request)


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the views are login_required
    return user


def card_for(request: HttpRequest, pk: int) -> Scorecard:
    card = Scorecard.objects.select_related(*CARD_RELATED).filter(pk=pk).first()
    if card is None or not can_view_card(scope(request), card):
        raise Http404
    return card


def cycle_for_runner(request: HttpRequest, pk: int) -> AssessmentCycle:
    cycle = AssessmentCycle.objects.select_related("root").filter(pk=pk).first()
    if cycle is None or not can_run(scope(request), cycle.root):
        raise Http404
    return cycle


def session_for(request: HttpRequest, pk: int) -> CalibrationSession:
    session = CalibrationSession.objects.select_related("cycle__root", "node").filter(pk=pk).first()
    s = scope(request)
    if session is None or not (can_run(s, session.node) or s.can_manage_node(session.node)):
        raise Http404
    return session


def act(request: HttpRequest, action: Callable[[], Any], done: str, back: str) -> HttpResponse:
    """Run a service; its ValidationError becomes messages, and the page is shown again."""
    try:
        action()
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, done)
    return redirect(back)
