"""The request a signed-in page or API endpoint gets, as the type checker should see it.

``HttpRequest.user`` is ``User | AnonymousUser``; behind ``login_required`` (pages) and the
API's session or token auth it is always a ``User``. Annotating such a view's request as
``AuthenticatedRequest`` says so once, instead of a cast at every service call that takes
``by=request.user``. ``htmx`` is set by django-htmx's middleware on every request.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class AuthenticatedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
