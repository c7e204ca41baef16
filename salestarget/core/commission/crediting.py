"""Crediting (业绩归属): split credit between people and overlay credit to managers.

A split's shares must add up to exactly 100% (refused otherwise, naming the sum); amounts are
split to the cent by largest remainder (``core.allocation``) so the parts add up to the sale.
Overlay credit gives each manager ``share`` of the amount on top of the reps' credit, so
overlay shares need not add up to anything.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from salestarget.core.allocation import allocate
from salestarget.core.commission.steps import Step, StepKind
from salestarget.core.money import DECIMAL_CONTEXT, as_decimal, quantize


class CreditError(ValueError):
    """Shares that cannot be credited: not adding to 100%, negative, or empty."""


def split_credit(
    amount: Decimal | int, shares: Mapping[str, Decimal], decimals: int = 2
) -> dict[str, Decimal]:
    """``amount`` split between people by ``shares`` (fractions adding up to 1)."""
    if not shares:
        raise CreditError("a split needs at least one person")
    for who, share in shares.items():
        if share < 0:
            raise CreditError(f"{who}'s share cannot be negative ({share})")
    added = sum(shares.values(), Decimal(0))
    if added != 1:
        raise CreditError(f"split shares add up to {_percent(added)}%, not 100%")
    value = as_decimal(amount, "amount")
    names = list(shares)
    if value < 0:
        parts = allocate(-value, [shares[n] for n in names], decimals=decimals).shares
        return {n: -p for n, p in zip(names, parts, strict=True)}
    parts = allocate(value, [shares[n] for n in names], decimals=decimals).shares
    return dict(zip(names, parts, strict=True))


def overlay_credit(
    amount: Decimal | int, overlays: Mapping[str, Decimal], decimals: int = 2
) -> dict[str, Decimal]:
    """Each manager's overlay credit: ``amount × share``, rounded half-up."""
    value = as_decimal(amount, "amount")
    credit: dict[str, Decimal] = {}
    for who, share in overlays.items():
        if not 0 <= share <= 1:
            raise CreditError(f"{who}'s overlay share must be between 0 and 100%, not {share}")
        credit[who] = quantize(DECIMAL_CONTEXT.multiply(value, share), decimals)
    return credit


def split_steps(amount: Decimal, credited: Mapping[str, Decimal]) -> tuple[Step, ...]:
    return tuple(
        Step.of(StepKind.SPLIT, part, person=who, amount=amount) for who, part in credited.items()
    )


def _percent(fraction: Decimal) -> str:
    """``0.9`` as ``90``, ``0.333`` as ``33.3``: no exponent, no trailing zeros."""
    text = format(quantize(DECIMAL_CONTEXT.multiply(fraction, Decimal(100)), 4), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
