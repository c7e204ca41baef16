"""The targets panel of the role home pages (``web.home`` slot "targets"), loaded by htmx so
that the home page itself stays fast."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from salestarget.http import AuthenticatedRequest
from salestarget.targets import queries
from salestarget.targets.company_metrics import value_formats
from salestarget.targets.views.common import scope


@login_required
@require_GET
def home_panel(request: AuthenticatedRequest) -> HttpResponse:
    work = queries.home_work(scope(request), request.user.pk, timezone.localdate())
    formats = value_formats(t.metric for t in work.current)
    return render(request, "targets/_home_panel.html", {"work": work, "formats": formats})
