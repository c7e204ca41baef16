"""Labels and lookups for target pages (numbers: ``{% load figures %}``)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


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
