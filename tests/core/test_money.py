from __future__ import annotations

from decimal import Decimal

import pytest

from salestarget.core.money import as_decimal, from_minor, minor_unit, quantize, to_minor


def test_amounts_become_minor_units_and_back_exactly():
    assert to_minor(Decimal("12.34")) == 1234
    assert to_minor(Decimal("-0.05")) == -5
    assert to_minor(10_000_000) == 1_000_000_000
    assert from_minor(1234) == Decimal("12.34")
    assert str(from_minor(0)) == "0.00"
    assert str(from_minor(5, 0)) == "5"
    assert minor_unit(2) == Decimal("0.01")


def test_trailing_zeros_beyond_the_unit_are_fine_but_real_digits_are_refused():
    assert to_minor(Decimal("12.3400")) == 1234
    with pytest.raises(ValueError, match=r"more than 2 decimal places"):
        to_minor(Decimal("12.345"))


def test_floats_are_refused_with_a_hint():
    with pytest.raises(TypeError, match=r"Decimal\('0.1'\)"):
        as_decimal(0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        as_decimal(Decimal("NaN"))


def test_quantize_rounds_half_up_like_a_cashier():
    assert quantize(Decimal("2.345")) == Decimal("2.35")
    assert quantize(Decimal("-2.345")) == Decimal("-2.35")
    assert quantize(Decimal("2.344")) == Decimal("2.34")
