"""Statuses, bars and query strings for tracking pages (numbers: ``{% load figures %}``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from salestarget.core.metrics import MetricDefinition

register = template.Library()

STATUS_LABELS = {
    "ahead": _("超前"),
    "on_track": _("正常"),
    "at_risk": _("预警"),
    "behind": _("落后"),
}
STATUS_CLASSES = {
    "ahead": "success",
    "on_track": "primary",
    "at_risk": "warning",
    "behind": "danger",
}


@register.filter
def status_label(status: Any) -> str:
    return str(STATUS_LABELS.get(str(status or ""), "—"))


@register.filter
def status_class(status: Any) -> str:
    return STATUS_CLASSES.get(str(status or ""), "secondary")


@register.filter
def chance_class(probability: Any) -> str:
    """The badge colour of a probability of reaching a target: likely, uncertain, unlikely."""
    if probability is None or probability == "":
        return "secondary"
    if probability >= 0.7:
        return "success"
    return "warning text-dark" if probability >= 0.4 else "danger"


@register.filter
def bar_width(value: Any) -> str:
    """A fraction as a CSS width percentage, capped to 0..100."""
    if value is None or value == "":
        return "0"
    percent = min(Decimal(100), max(Decimal(0), Decimal(value) * 100))
    return str(percent.quantize(Decimal("0.1")))


@register.simple_tag
def query(selection: Any, **changes: Any) -> str:
    """The selection's query string with ``changes`` (``None`` or "" drops a parameter)."""
    return str(selection.query(**changes))


@register.filter
def get_label(mapping: Any, key: Any) -> Any:
    return mapping.get(key, key) if hasattr(mapping, "get") else key


@register.filter
def metric_label(metric: MetricDefinition) -> str:
    """The metric's name in the current language."""
    from salestarget.targets.company_metrics import metric_name

    return metric_name(metric.code)
