from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

GROUP_LABELS = {
    "self": _("自评"),
    "manager": _("上级评价"),
    "peer": _("同事互评"),
    "customer": _("客户反馈"),
}


@register.filter
def group_label(group: str) -> Any:
    return GROUP_LABELS.get(group, group)


@register.filter
def rated_by(item: Any) -> list[str]:
    """The reviewer groups that rate a qualitative item (weight above 0)."""
    return [g for g, w in item.group_weight_values().items() if w > 0]


@register.filter
def score(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


@register.filter
def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def item_of(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def metric_label(code: str) -> str:
    """A metric's name in the page's language."""
    from salestarget.targets.company_metrics import metric_name

    return metric_name(code)


@register.filter
def metric_figure(value: Any, code: str) -> str:
    """A target or an actual of a quantitative item as its metric reads (money in 万/K,
    percent metrics as percentages, counts whole); "—" for None."""
    from salestarget.targets.company_metrics import metric_definition
    from salestarget.ui.templatetags.figures import metric_value

    return metric_value(value, metric_definition(code))
