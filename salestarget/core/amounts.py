"""Amounts in the units people read: 万 and 亿 in Chinese, K, M and B in English.

A page shows ``3,927,705,671.79`` as ``39.28亿`` (``3.93B``) and keeps the exact figure, to
the company's decimals, for the hover text and the exports. This module is the one place that
decides how an amount is shortened; ``ui`` wraps it in the ``amount`` template filter.

The short form is rounded half-up (四舍五入) to ``SHORT_PLACES`` places of its unit; an amount
below the first unit is shown exactly, to the company's decimals, since nothing is gained by
shortening it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from salestarget.core.money import as_decimal, quantize

__all__ = ["SHORT_PLACES", "UNITS", "ShownAmount", "shown_amount", "unit_size"]

# Places kept in the short form: 39.28亿, 3,873.77万, 1.23M.
SHORT_PLACES = 2

# Each language's units, largest first: (shown from, size, suffix). Chinese counts in 万 (10⁴)
# and 亿 (10⁸); English in millions and billions, and in thousands from ten thousand on (so
# 9,999 stays as it is, as it does in Chinese below 1万).
UNITS: dict[str, tuple[tuple[Decimal, Decimal, str], ...]] = {
    "zh": ((Decimal(10) ** 8, Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, Decimal(10) ** 4, "万")),
    "en": (
        (Decimal(10) ** 9, Decimal(10) ** 9, "B"),
        (Decimal(10) ** 6, Decimal(10) ** 6, "M"),
        (Decimal(10) ** 4, Decimal(10) ** 3, "K"),
    ),
}


@dataclass(frozen=True)
class ShownAmount:
    """An amount as a page shows it (``text``) and exactly (``exact``)."""

    text: str  # "39.28亿", "+1.50万", "812.50"
    exact: str  # "3,927,705,671.79" (to the decimals asked for, with separators)
    shortened: bool  # True when ``text`` is rounded to a unit and differs from ``exact``


def shown_amount(
    value: Decimal | int,
    *,
    language: str = "zh",
    decimals: int = 2,
    signed: bool = False,
) -> ShownAmount:
    """``value`` in the units of ``language`` ("zh…" or "en…"; any other reads as English).

    ``decimals`` are the exact figure's places (the company's currency decimals for money, 0
    for counts); ``signed`` puts a "+" before a positive amount (a change, a gap).
    """
    amount = as_decimal(value, "amount")
    exact_number = quantize(amount, decimals)
    sign = "+" if signed else ""
    exact = f"{exact_number:{sign},.{decimals}f}"
    units = UNITS["zh"] if language.lower().startswith("zh") else UNITS["en"]
    magnitude = abs(exact_number)
    for threshold, size, suffix in units:
        # Compared after rounding to the exact decimals, so 9,999.995 (10,000.00 at two
        # places) reads 1.00万 and not 10,000.00.
        if magnitude >= threshold:
            short = quantize(amount / size, SHORT_PLACES)
            text = f"{short:{sign},.{SHORT_PLACES}f}{suffix}"
            return ShownAmount(text=text, exact=exact, shortened=True)
    return ShownAmount(text=exact, exact=exact, shortened=False)


def unit_size(text: str, language: str = "zh") -> Decimal:
    """The size of the unit a short ``text`` ends in (1 when it has none): what a reader
    multiplies the number by to get back to the amount, within half a unit of its last place."""
    units = UNITS["zh"] if language.lower().startswith("zh") else UNITS["en"]
    for _threshold, size, suffix in units:
        if text.endswith(suffix):
            return size
    return Decimal(1)
