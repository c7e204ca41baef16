"""``{% load outliers %}``: an outlier's badge with its reasons (``ui.outliers``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from salestarget.ui.outliers import outlier_text

register = template.Library()


@register.filter
def outlier_badge(reasons: Any) -> SafeString | str:
    """A small warning badge naming why a figure is flagged; "" when it is not."""
    if not reasons:
        return ""
    if isinstance(reasons, str):
        reasons = reasons.split(",")
    text = outlier_text(reasons)
    return format_html(
        '<span class="badge text-bg-warning text-wrap text-start" data-testid="outlier" title="{}">'
        '<i class="bi bi-exclamation-triangle"></i> {}</span>',
        text,
        _("异常：%(why)s") % {"why": text},
    )
