"""Percentages read the same on every page: exact decimals, a sign for changes, "—" for none."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from salestarget.ui.templatetags.figures import pct, signed_pct


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("0.125"), 1, "12.5%"),
        (Decimal("0.125"), 0, "13%"),  # half up (四舍五入), as core.money rounds
        (Decimal("12.3456"), 2, "1,234.56%"),
        ("0.5", 1, "50.0%"),
        (None, 1, "—"),
        ("", 1, "—"),
    ],
)
def test_a_fraction_reads_as_a_percentage(value: object, places: int, shown: str) -> None:
    assert pct(value, places) == shown


def test_a_change_carries_its_sign() -> None:
    assert signed_pct(Decimal("0.05")) == "+5.0%"
    assert signed_pct(Decimal("-0.05")) == "-5.0%"
    assert signed_pct(Decimal(0)) == "+0.0%"
    assert signed_pct(None) == "—"


def test_templates_load_them_as_figures() -> None:
    html = Template("{% load figures %}{{ a|pct }} {{ b|signed_pct:2 }}").render(
        Context({"a": Decimal("0.875"), "b": Decimal("-0.0125")})
    )
    assert html == "87.5% -1.25%"
