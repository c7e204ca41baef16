"""Decimal amounts ⇄ integer minor units (分 for CNY), and the one Decimal context core uses.

Allocation works on integers so that children add up exactly; these functions are the only
doorway between the two worlds, and they refuse to drop digits silently.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, Inexact
from functools import lru_cache

# Core's arithmetic must not depend on whatever thread-local context the caller set up,
# so every division and multiplication goes through this context explicitly.
DECIMAL_CONTEXT = Context(prec=34, rounding=ROUND_HALF_UP)

# Fractions (achievement, progress, deviation) are reported with this many decimal places.
RATIO_PLACES = 6


def as_decimal(value: Decimal | int, what: str = "value") -> Decimal:
    """``value`` as a finite Decimal; floats are refused because they are not exact money."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(
            f"{what} must be a Decimal or an int, got {type(value).__name__} {value!r}"
            + (f" (write Decimal('{value}'))" if isinstance(value, float) else "")
        )
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{what} must be a finite number, got {value}")
    return result


@lru_cache(maxsize=16)  # quantize() asks for it on every figure; Decimals are immutable
def minor_unit(decimals: int) -> Decimal:
    """The smallest unit at ``decimals`` places: ``minor_unit(2) == Decimal('0.01')``."""
    _check_decimals(decimals)
    return Decimal(1).scaleb(-decimals)


def to_minor(amount: Decimal | int, decimals: int = 2) -> int:
    """``amount`` in minor units, exactly: ``to_minor(Decimal('12.34')) == 1234``.

    Raises ValueError when the amount has more significant decimal places than ``decimals``
    (``12.345`` at 2 places) instead of rounding it away.
    """
    _check_decimals(decimals)
    value = as_decimal(amount, "amount")
    context = DECIMAL_CONTEXT.copy()
    context.traps[Inexact] = True
    scaled = value.scaleb(decimals, context)
    integral = scaled.to_integral_value(context=context)
    if integral != scaled:
        raise ValueError(
            f"amount {value} has more than {decimals} decimal places; round it explicitly first"
        )
    return int(integral)


def from_minor(minor: int, decimals: int = 2) -> Decimal:
    """Minor units back to a Decimal with exactly ``decimals`` places: ``1234 → Decimal('12.34')``."""
    _check_decimals(decimals)
    return Decimal(int(minor)).scaleb(-decimals, DECIMAL_CONTEXT)


def quantize(amount: Decimal | int, decimals: int = 2) -> Decimal:
    """``amount`` rounded half-up (the commercial rule, 四舍五入) to ``decimals`` places."""
    return as_decimal(amount, "amount").quantize(minor_unit(decimals), context=DECIMAL_CONTEXT)


def _check_decimals(decimals: int) -> None:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 8:
        raise ValueError(f"decimals must be an int between 0 and 8, got {decimals!r}")
