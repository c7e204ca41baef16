"""Figures read the same on every page: percentages exact with a sign for changes, amounts in
万/亿 (K/M/B) exact on hover, changes coloured by the metric's direction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from salestarget.core.metrics import BUILTIN_METRICS
from salestarget.ui.amounts import currency_decimals_forget
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


def render(text: str, **context: object) -> str:
    return Template("{% load figures %}" + text).render(Context(context))


def test_an_amount_reads_in_wan_and_yi_with_the_exact_figure_on_hover() -> None:
    html = render("{{ a|amount:2 }}", a=Decimal("3927705671.79"))
    assert html == '<span class="num" title="3,927,705,671.79">39.28亿</span>'
    with translation.override("en"):
        assert ">3.93B<" in render("{{ a|amount:2 }}", a=Decimal("3927705671.79"))
    assert render("{{ a|amount:2 }}", a=None) == ""
    assert ">+1.50万<" in render("{{ a|signed:2 }}", a=Decimal("15000"))


@pytest.mark.django_db
def test_the_company_decimals_are_the_exact_figure(client: Client) -> None:
    from salestarget.org.models import CompanySettings

    company = CompanySettings.current()
    company.currency_decimals = 4
    company.save()
    html = render("{{ a|amount }}", a=Decimal("1234567.8912"))
    assert html == '<span class="num" title="1,234,567.8912">123.46万</span>'
    # A figure below 1万 is shown exactly, to the company's four places.
    assert ">12.3456<" in render("{{ a|amount }}", a=Decimal("12.3456"))


def test_a_metric_value_reads_by_its_unit() -> None:
    metrics = BUILTIN_METRICS
    assert render("{{ v|metric_value:m }}", v=Decimal("0.0643"), m=metrics["expense_rate"]) == (
        "6.43%"
    )
    assert ">1.23万<" in render("{{ v|metric_value:m }}", v=Decimal("12345"), m=metrics["quantity"])
    assert 'title="12,345"' in render(
        "{{ v|metric_value:m }}", v=Decimal("12345"), m=metrics["quantity"]
    )
    assert render("{{ v|metric_value:f }}", v=Decimal("0.06"), f=(True, 4)) == "6.00%"
    assert render("{{ v|metric_value }}", v=None) == "—"


def test_a_change_is_coloured_by_the_metric_direction() -> None:
    metrics = BUILTIN_METRICS
    fell = render(
        "{% change m v r %}", m=metrics["expense_rate"], v=Decimal("0.0643"), r=Decimal("0.0652")
    )
    assert fell == '<span class="text-success text-nowrap" data-tone="good">↓ -0.09 个百分点</span>'
    with translation.override("en"):
        fell_en = render(
            "{% change m v r %}",
            m=metrics["expense_rate"],
            v=Decimal("0.0643"),
            r=Decimal("0.0652"),
        )
    assert "↓ -0.09 pp" in fell_en
    dropped = render("{% change m v r %}", m=metrics["revenue"], v=Decimal(90), r=Decimal(100))
    assert 'class="text-danger' in dropped
    assert "↓ -10.0%" in dropped


def test_a_page_that_shortened_an_amount_says_how_it_rounded() -> None:
    currency_decimals_forget()
    assert render("{{ a|amount:2 }}{% rounding_note %}", a=Decimal("12.5")).endswith("12.50</span>")
    html = render("{{ a|amount:2 }}{% rounding_note %}", a=Decimal("125000"))
    assert 'data-testid="rounding-note"' in html
    assert "四舍五入" in html
    currency_decimals_forget()
    assert "rounding-note" not in render("{% rounding_note %}")


@pytest.mark.django_db
def test_a_gap_reads_behind_or_ahead_in_words() -> None:
    revenue = BUILTIN_METRICS["revenue"]
    behind = render("{% gap m g %}", m=revenue, g=Decimal("12000"))
    assert 'class="text-danger"' in behind
    assert "落后 " in behind
    assert 'title="12,000.00">1.20万<' in behind
    ahead = render("{% gap m g %}", m=revenue, g=Decimal("-500"))
    assert 'class="text-success"' in ahead
    assert "超出 " in ahead
    assert ">500.00<" in ahead
    assert "持平" in render("{% gap m g %}", m=revenue, g=Decimal(0))
