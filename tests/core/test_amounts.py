"""Amounts read in 万/亿 (K/M/B): the short form is the exact amount within half a unit of its
last place, keeps the sign, and the exact form keeps the company's decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.amounts import SHORT_PLACES, shown_amount, unit_size


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        (Decimal("3927705671.79"), "zh-hans", "39.28亿"),
        (Decimal("38737738.9"), "zh-hans", "3,873.77万"),
        (Decimal("12345"), "zh-hans", "1.23万"),
        (Decimal("9999.99"), "zh-hans", "9,999.99"),  # below 1万 nothing is gained
        (Decimal("812.5"), "zh-hans", "812.50"),
        (Decimal("-1500000"), "zh-hans", "-150.00万"),
        (Decimal("3927705671.79"), "en", "3.93B"),
        (Decimal("38737738.9"), "en", "38.74M"),
        (Decimal("12345"), "en", "12.35K"),
        (Decimal("9999"), "en", "9,999.00"),
    ],
)
def test_an_amount_reads_in_the_units_of_the_language(
    value: Decimal, language: str, text: str
) -> None:
    assert shown_amount(value, language=language).text == text


def test_the_exact_figure_keeps_the_company_decimals() -> None:
    shown = shown_amount(Decimal("1234567.8912"), language="zh", decimals=4)
    assert shown.exact == "1,234,567.8912"
    assert shown.text == "123.46万"
    assert shown.shortened
    small = shown_amount(Decimal("12.3456"), language="zh", decimals=4)
    assert (small.text, small.shortened) == ("12.3456", False)


def test_a_change_carries_its_sign() -> None:
    assert shown_amount(Decimal("15000"), signed=True).text == "+1.50万"
    assert shown_amount(Decimal("-15000"), signed=True).text == "-1.50万"
    assert shown_amount(Decimal("15"), signed=True).exact == "+15.00"


def test_rounding_to_the_exact_decimals_decides_the_unit() -> None:
    # 9,999.995 is 10,000.00 at two places: it reads 1.00万, never "10,000.00".
    assert shown_amount(Decimal("9999.995")).text == "1.00万"


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        shown_amount(1.5)  # type: ignore[arg-type]


amounts = st.decimals(
    min_value=Decimal("-1e13"), max_value=Decimal("1e13"), places=4, allow_nan=False
)


@given(value=amounts, language=st.sampled_from(["zh-hans", "en"]), decimals=st.integers(0, 4))
def test_the_short_form_is_the_amount_within_half_a_unit_of_its_last_place(
    value: Decimal, language: str, decimals: int
) -> None:
    shown = shown_amount(value, language=language, decimals=decimals)
    exact = Decimal(shown.exact.replace(",", ""))
    assert abs(exact - value) <= Decimal("0.5") * Decimal(10) ** -decimals
    size = unit_size(shown.text, language)
    number = Decimal(shown.text.replace(",", "").rstrip("亿万KMB"))
    tolerance = Decimal("0.5") * size * Decimal(10) ** -SHORT_PLACES
    assert abs(number * size - exact) <= tolerance
    # Never shortened to less than one of its unit, and the sign survives.
    assert size == 1 or abs(number) >= 1
    assert (number < 0) == (exact < 0) or number == 0
    assert shown.shortened == (size != 1)


@given(value=amounts)
def test_chinese_and_english_agree_on_the_exact_figure(value: Decimal) -> None:
    assert shown_amount(value, language="zh").exact == shown_amount(value, language="en").exact
