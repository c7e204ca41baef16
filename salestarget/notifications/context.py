"""The unread count for the navbar badge on every page."""

from __future__ import annotations

from django.http import HttpRequest

from salestarget.notifications.queries import unread_count


def unread(request: HttpRequest) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": unread_count(user)}
