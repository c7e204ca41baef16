"""``{% load figures %}``: how every page shows a figure.

- ``amount`` — money and counts in the units people read (万/亿, K/M/B) with the exact figure,
  to the company's decimals, on hover (``ui.amounts``); ``signed`` the same with a sign;
  ``exact`` the full figure, for documents people sign;
- ``metric_value`` — a metric's value by its unit (percent metrics as percentages);
- ``pct`` / ``signed_pct`` — fractions as percentages;
- ``{% change metric value reference %}`` — a change coloured and arrowed by the metric's
  direction (``core.metrics.metric_change``), percentage points for percent metrics;
- ``{% gap metric value %}`` — a gap as "behind X" / "ahead X", never a bare sign;
- ``{% rounding_note %}`` — says how amounts were rounded, on a page that shortened one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from salestarget.core.amounts import shown_amount
from salestarget.core.metrics import MetricDefinition, Tone, Unit, metric_change
from salestarget.core.money import quantize
from salestarget.ui.amounts import amount_html, amounts_shortened, currency_decimals

register = template.Library()

TONE_CLASSES = {Tone.GOOD: "text-success", Tone.BAD: "text-danger", Tone.FLAT: "text-muted"}


@register.filter
def pct(value: Any, places: int = 1) -> str:
    """A fraction as a percentage: ``Decimal('0.125')`` → ``12.5%``; "—" for None."""
    if value is None or value == "":
        return "—"
    number = quantize(Decimal(value) * 100, int(places))
    return f"{number:,.{int(places)}f}%"


@register.filter
def signed_pct(value: Any, places: int = 1) -> str:
    """A change as a signed percentage: ``Decimal('-0.05')`` → ``-5.0%``; "—" for None."""
    if value is None or value == "":
        return "—"
    number = quantize(Decimal(value) * 100, int(places))
    return f"{number:+,.{int(places)}f}%"


@register.filter
def amount(value: Any, places: Any = None) -> SafeString:
    """An amount in 万/亿 (K/M/B), exact on hover; ``places``: the exact figure's decimals
    (the company's currency decimals when not given); empty for None."""
    return amount_html(value, decimals=None if places in (None, "") else int(places))


@register.filter
def exact(value: Any, places: Any = None) -> str:
    """An amount in full, to ``places`` (the company's decimals when not given): for documents
    people sign and exports, where the short form would not do; empty for None."""
    if value is None or value == "":
        return ""
    places = currency_decimals() if places in (None, "") else int(places)
    return shown_amount(Decimal(value), decimals=places).exact


@register.filter
def signed(value: Any, places: Any = None) -> SafeString:
    """A change or a gap as an amount with its sign: ``+1.50万``."""
    return amount_html(value, decimals=None if places in (None, "") else int(places), signed=True)


ValueFormat = MetricDefinition | tuple[bool, int] | None


@register.filter
def metric_value(value: Any, value_format: ValueFormat = None) -> SafeString | str:
    """A metric's value as people read it. ``value_format``: the metric (percent metrics as
    percentages, counts whole, scores with two decimals, money as ``amount``), or a
    ``targets.company_metrics.value_formats`` entry (as a percentage, decimals); none: money."""
    if value is None or value == "":
        return "—"
    if isinstance(value_format, MetricDefinition):
        unit = value_format.unit
        if unit is Unit.PERCENT:
            return pct(value, 2)
        if unit is Unit.SCORE:
            return f"{quantize(Decimal(value), 2):,.2f}"
        return amount_html(value, decimals=0 if unit is Unit.COUNT else None)
    if value_format is not None:
        as_percent, places = value_format
        return pct(value, 2) if as_percent else amount_html(value, decimals=places)
    return amount_html(value)


@register.simple_tag
def change(metric: MetricDefinition, value: Any, reference: Any) -> SafeString:
    """``value`` against ``reference``: "↑ +5.0%" for amounts, "↓ −0.09 pp" for percent
    metrics, green when it is good news for the metric (a falling 费用率 too); "—" unknown."""
    moved = metric_change(
        metric,
        value=None if value in (None, "") else Decimal(value),
        reference=None if reference in (None, "") else Decimal(reference),
    )
    if moved.amount is None:
        return SafeString("—")
    if moved.in_points:
        text = _("%(points)s 个百分点") % {"points": f"{quantize(moved.amount, 2):+,.2f}"}
    else:
        text = f"{quantize(moved.amount * 100, 1):+,.1f}%"
    return format_html(
        '<span class="{} text-nowrap" data-tone="{}">{} {}</span>',
        TONE_CLASSES[moved.tone],
        moved.tone.value,
        moved.arrow,
        text,
    )


@register.simple_tag
def gap(metric: MetricDefinition | None, value: Any) -> SafeString:
    """A gap (positive = short of the reference, in the metric's direction, as
    ``core.tracking`` and ``core.gap`` give it) in words: "落后 1.20万" in red, "超出 5,000.00" in
    green, so that behind always reads as behind, whatever the sign convention."""
    if value is None or value == "":
        return SafeString("—")
    number = Decimal(value)
    if not number:
        return format_html('<span class="text-muted" data-tone="flat">{}</span>', _("持平"))
    shown = metric_value(abs(number), metric)
    # The translated sentence is text; the amount in it is markup (its exact figure on hover).
    words = _("落后 %(v)s") if number > 0 else _("超出 %(v)s")
    text = mark_safe(conditional_escape(words) % {"v": conditional_escape(shown)})
    tone = "bad" if number > 0 else "good"
    return format_html(
        '<span class="{}" data-tone="{}">{}</span>', TONE_CLASSES[Tone(tone)], tone, text
    )


@register.filter
def tone_class(tone: Any) -> str:
    """The colour class of a ``core.metrics.Tone`` (or its value)."""
    return TONE_CLASSES.get(Tone(str(tone)), "text-muted") if tone else "text-muted"


@register.simple_tag
def rounding_note(where: str = "page") -> SafeString:
    """Says how amounts were rounded, on a page that shortened one (put it after them).
    ``where="document"``: a PDF, where nothing can be pointed at, sends to its Excel instead."""
    if not amounts_shortened():
        return SafeString("")
    if where == "document":
        return format_html(
            '<p class="muted" data-testid="rounding-note">{}</p>',
            _("金额以万、亿为单位，四舍五入保留两位小数；精确值见本报告的 Excel 导出。"),
        )
    return format_html(
        '<p class="small text-muted mt-3 mb-0" data-testid="rounding-note">{}</p>',
        _("金额以万、亿为单位，四舍五入保留两位小数；指向金额可看精确值，导出文件为精确值。"),
    )
