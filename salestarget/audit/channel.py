"""Who made a change and through which channel: a page, the API, the Django admin or a command.

``AuditChannelMiddleware`` remembers the request for the thread of work that serves it; every
audit entry saved meanwhile gets its actor (the signed-in user, or the API token's user, known
only once django-ninja has authenticated the call), the address and ``via``, e.g.
``"page POST /org/people/7/edit/"``, ``"api PATCH /api/catalog/customers/3"``. Without a
request (``salestarget import``, the task worker) ``via`` names the command.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from auditlog.models import LogEntry
from django.db.models.signals import pre_save
from django.http import HttpRequest, HttpResponse

_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


class AuditChannelMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def via_of(request: HttpRequest | None) -> str:
    if request is None:
        argv = [Path(sys.argv[0]).name, *sys.argv[1:2]] if sys.argv else []
        return "command " + " ".join(argv)
    if request.path.startswith("/api/"):
        kind = "api"
    elif request.path.startswith("/admin/"):
        kind = "admin"
    else:
        kind = "page"
    return f"{kind} {request.method} {request.path}"


def address_of(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


def _stamp(sender: Any, instance: LogEntry, **kwargs: Any) -> None:
    request = _request.get()
    user = getattr(request, "user", None)
    if instance.actor_id is None and user is not None and user.is_authenticated:
        instance.actor = user
        instance.actor_email = getattr(user, "email", None) or None
    if instance.remote_addr is None:
        instance.remote_addr = address_of(request)
    extra = instance.additional_data if isinstance(instance.additional_data, dict) else {}
    instance.additional_data = {"via": via_of(request), **extra}


def channel_connect() -> None:
    pre_save.connect(_stamp, sender=LogEntry, dispatch_uid="audit-channel")
