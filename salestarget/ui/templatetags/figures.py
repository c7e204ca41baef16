"""``{% load figures %}``: percentages as every page shows them (exact decimals, "—" for none)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from salestarget.core.money import quantize

register = template.Library()


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
