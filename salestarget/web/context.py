"""Template context every page gets: the menu for the user's role and the company settings."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from salestarget.org.models import CompanySettings
from salestarget.org.scoping import request_scope
from salestarget.ui.menu import menu_for


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    scope = request_scope(request)
    sections = []
    for section, items in groupby(menu_for(scope.role), key=lambda i: str(i.section)):
        entries = []
        for item in items:
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue  # a page not built yet stays out of the menu
            entries.append(
                {
                    "label": item.label,
                    "url": url,
                    "icon": item.icon,
                    "active": (request.path.startswith(url) and url != "/") or request.path == url,
                }
            )
        if entries:
            sections.append({"title": section, "entries": entries})
    return {"nav_sections": sections, "scope": scope, "company": CompanySettings.current()}
