"""Which metrics a plan may use: the core's built-in metrics plus the company's custom ones."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import get_language

from salestarget.core.metrics import BUILTIN_METRICS, MetricDefinition, Unit
from salestarget.org.models import CompanySettings
from salestarget.targets.models import CustomMetric
from salestarget.ui.choices import choice_refused


def metric_definition(code: str) -> MetricDefinition:
    """The definition of metric ``code``; ValidationError when no such metric exists."""
    if code in BUILTIN_METRICS:
        return BUILTIN_METRICS[code]
    custom = CustomMetric.objects.filter(code=code, is_active=True).first()
    if custom is None:
        raise choice_refused("metric", code, [c for c, _name in metric_choices()])
    return custom.definition()


def metric_name(code: str) -> str:
    try:
        metric = metric_definition(code)
    except ValidationError:
        return code
    if metric.name_en and (get_language() or "").startswith("en"):
        return metric.name_en
    return metric.name


def metric_choices() -> list[tuple[str, str]]:
    english = (get_language() or "").startswith("en")
    choices = [
        (m.code, m.name_en if english and m.name_en else m.name) for m in BUILTIN_METRICS.values()
    ]
    choices += [(c.code, c.name) for c in CustomMetric.objects.filter(is_active=True)]
    return choices


def value_decimals(metric: MetricDefinition, currency_decimals: int | None = None) -> int:
    """How many decimals a target on ``metric`` keeps: money in the currency's minor unit,
    counts whole, ratios as fractions with four places (8.25% = 0.0825).
    ``currency_decimals``: the company's, when the caller has read them already."""
    if metric.unit is Unit.MONEY:
        if currency_decimals is None:
            return CompanySettings.current().currency_decimals
        return currency_decimals
    if metric.unit is Unit.COUNT:
        return 0
    if metric.unit is Unit.PERCENT:
        return 4
    return 2


def value_formats(codes: Iterable[str]) -> dict[str, tuple[bool, int]]:
    """How to show values of each metric in ``codes``: (as a percentage, decimals), read with
    one settings query however many targets a page lists."""
    currency_decimals = CompanySettings.current().currency_decimals
    formats: dict[str, tuple[bool, int]] = {}
    for code in set(codes):
        try:
            metric = metric_definition(code)
        except ValidationError:  # a custom metric retired since: the stored figure as it is
            formats[code] = (False, 2)
            continue
        formats[code] = (metric.unit is Unit.PERCENT, value_decimals(metric, currency_decimals))
    return formats
