"""The leading indicators: a page, and the panel the home page loads (``panels``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from salestarget.activities.queries.leading import Leading, leading_indicators
from salestarget.http import AuthenticatedRequest
from salestarget.org.models import OrgNode
from salestarget.org.scoping import request_scope
from salestarget.targets.progress import progress_day


def _leading(request: AuthenticatedRequest) -> Leading | None:
    scope = request_scope(request)
    node = None
    raw = request.GET.get("node", "")
    if raw:
        node = OrgNode.objects.filter(pk=int(raw) if raw.isdigit() else -1).first()
        if node is None or not scope.can_view_node(node):
            raise Http404
    # As of the last day with data, like the home page (a demo whose story has ended).
    today = progress_day() or timezone.localdate()
    return leading_indicators(scope, today=today, node=node)


@login_required
def leading_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "activities/leading.html", {"leading": _leading(request)})


@login_required
def leading_panel(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "activities/_leading.html", {"leading": _leading(request)})
