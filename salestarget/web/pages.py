"""What the views of every area share: the scope check that turns into 403 or 404."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from salestarget.org.masterdata import require_admin, require_master_data_editor
from salestarget.org.scoping import Scope, request_scope

M = TypeVar("M", bound=Model)


def scoped_object(queryset: QuerySet[M], **lookup: Any) -> M:
    """An object from a scoped queryset: outside the scope it does not exist (404), so a URL
    never tells anyone what lies outside their scope."""
    return get_object_or_404(queryset, **lookup)


def editor_scope(request: HttpRequest) -> Scope:
    """The scope of a user who may change master data; anyone else is refused (403)."""
    scope = request_scope(request)
    require_master_data_editor(scope)
    return scope


def admin_scope(request: HttpRequest) -> Scope:
    """The scope of an admin; anyone else is refused (403)."""
    scope = request_scope(request)
    require_admin(scope)
    return scope


def active_filter(value: str | None) -> bool | None:
    """``?status=`` of list pages: "active" (default), "inactive" or "all"."""
    return {"inactive": False, "all": None}.get(value or "active", True)


def is_partial(request: HttpRequest) -> bool:
    """An htmx request for a list's results only; a history restore wants the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request
