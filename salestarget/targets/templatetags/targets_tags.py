"""Number formatting for target pages: exact decimals with thousands separators (percentages:
``{% load figures %}``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from salestarget.core.money import quantize
from salestarget.ui.templatetags.figures import pct

register = template.Library()


@register.filter
def amount(value: Any, places: int = 2) -> str:
    """``Decimal('3000000')`` → ``3,000,000.00``; empty for None."""
    if value is None or value == "":
        return ""
    number = quantize(Decimal(value), int(places))
    return f"{number:,.{int(places)}f}"


@register.filter
def metric_value(value: Any, value_format: tuple[bool, int] | None) -> str:
    """A target's value as its metric reads, given its ``metrics.value_formats`` entry: a
    ratio as a percentage (0.06 → 6.00%), a count whole, money in the currency's decimals."""
    as_percent, places = value_format or (False, 2)
    return pct(value, 2) if as_percent else amount(value, places)


@register.filter
def signed(value: Any, places: int = 2) -> str:
    if value is None or value == "":
        return ""
    number = quantize(Decimal(value), int(places))
    return f"{number:+,.{int(places)}f}"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


STATUS_BADGES = {
    "draft": "secondary",
    "submitted": "info",
    "approved": "success",
    "locked": "dark",
    "pending": "warning",
    "accepted": "success",
    "changed": "primary",
    "returned": "danger",
    "rejected": "danger",
    "withdrawn": "secondary",
}


@register.filter
def badge(status: str) -> str:
    return STATUS_BADGES.get(str(status), "secondary")


@register.filter
def decomposition_label(target: Any) -> str:
    """How a target was split, in words: "下级组织 × 月 · 按去年同期占比"."""
    from salestarget.targets.axes import AXIS_LABELS
    from salestarget.targets.queries.decomposition import METHOD_LABELS

    if not target.split_method:
        return ""
    axes = " × ".join(str(AXIS_LABELS.get(a, a)) for a in target.split_axes.split(",") if a)
    return f"{axes} · {METHOD_LABELS.get(target.split_method, target.split_method)}"


@register.filter
def status_label(code: str) -> str:
    """A workflow status code in words ("approved" → "已批准")."""
    from salestarget.targets.models import Status

    try:
        return str(Status(code).label)
    except ValueError:
        return code
