"""A person's calendar feed: the page that makes (and revokes) its secret address, and the
feed itself, read by a calendar application with the secret in its address instead of a login."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.integrations.calendar_sources import calendar_items
from salestarget.integrations.ical import person_calendar
from salestarget.integrations.links import absolute
from salestarget.integrations.models import CalendarFeed
from salestarget.integrations.services.calendar_feeds import (
    calendar_feed_create,
    calendar_feed_find,
    calendar_feed_revoke,
)
from salestarget.notifications.messages import render as render_text
from salestarget.notifications.messages import stored
from salestarget.org.models import Person


def _person(user_id: int) -> Person | None:
    return Person.objects.filter(user_id=user_id, is_active=True).first()


@login_required
def calendar_page(request: AuthenticatedRequest, secret: str = "") -> HttpResponse:
    person = _person(request.user.pk)
    items = calendar_items(person) if person is not None else []
    address = absolute(reverse("integrations:calendar_feed", args=[secret])) if secret else ""
    context = {
        "feed": CalendarFeed.objects.filter(user_id=request.user.pk).first(),
        "address": address,
        "webcal": address.replace("https://", "webcal://").replace("http://", "webcal://"),
        "items": [
            {
                "start": i.start,
                "timed": isinstance(i.start, dt.datetime),
                "summary": render_text(stored(i.summary)),
            }
            for i in items[:50]
        ],
    }
    return render(request, "integrations/calendar.html", context)


@login_required
@require_POST
def calendar_create(request: AuthenticatedRequest) -> HttpResponse:
    _feed, secret = calendar_feed_create(
        user=request.user, language=translation.get_language() or ""
    )
    return calendar_page(request, secret)


@login_required
@require_POST
def calendar_revoke(request: AuthenticatedRequest) -> HttpResponse:
    calendar_feed_revoke(user=request.user)
    return redirect("integrations:calendar")


@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    feed = calendar_feed_find(token=secret)
    if feed is None:
        raise Http404
    person = _person(feed.user_id)
    with translation.override(feed.language):
        name = _("销售目标") + (f" · {person.name}" if person else "")
    with translation.override(feed.language):
        body = person_calendar(person, language=feed.language, name=name)
    answer = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    answer["Cache-Control"] = "private, max-age=900"
    return answer
