"""Pagination for list pages (2,000+ customers): one count and one slice per page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def page_of(request: HttpRequest, items: Any, *, per_page: int = PER_PAGE) -> Page[Any]:
    """The page of ``items`` asked for by ``?page=``; out-of-range numbers give the last page."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
