"""What the views of every area share: objects outside a scope answer 404, list filters, htmx
partials. (The role checks that answer 403 need the org: ``org.masterdata.editor_scope``.)"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


def scoped_object(queryset: QuerySet[M], **lookup: Any) -> M:
    """An object from a scoped queryset: outside the scope it does not exist (404), so a URL
    never tells anyone what lies outside their scope."""
    return get_object_or_404(queryset, **lookup)


def active_filter(value: str | None) -> bool | None:
    """``?status=`` of list pages: "active" (default), "inactive" or "all"."""
    return {"inactive": False, "all": None}.get(value or "active", True)


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for a list's results only; a history restore wants the whole page."""
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request
