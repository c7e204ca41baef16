"""The notification centre page and marking notifications read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.notifications.queries import notifications_of, unread_count
from salestarget.notifications.services import notification_mark_read
from salestarget.ui.params import DB_MAX


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    only_unread = request.GET.get("unread") == "1"
    qs = notifications_of(request.user, unread=True if only_unread else None)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "only_unread": only_unread, "unread": unread_count(request.user)},
    )


@login_required
@require_POST
def notification_read(request: AuthenticatedRequest) -> HttpResponse:
    """Mark one (``id``) or all notifications read; follow ``next`` (a local link) if given."""
    raw = request.POST.get("id", "").strip()
    if not raw:
        notification_mark_read(user=request.user, ids=None)
    elif raw.isdigit() and int(raw) <= DB_MAX:
        notification_mark_read(user=request.user, ids=[int(raw)])
    # Any other id names no notification: nothing is marked, rather than all of them.
    target = request.POST.get("next", "")
    # A path, never a bare word: redirect() would read "abc" as a view's name and fail.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")


@login_required
def notification_badge(request: AuthenticatedRequest) -> HttpResponse:
    """The navbar badge alone, for htmx polling."""
    return render(
        request, "notifications/badge.html", {"notifications_unread": unread_count(request.user)}
    )
