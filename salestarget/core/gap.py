"""Gap analysis (差距分析): where a gap comes from.

Two questions, two functions:

* ``gap_contributions`` — how much of a total gap each member (a child node, a person, a
  product, a region …) is responsible for, ranked. A member's gap is its reference (target,
  expected-to-date, last year …) minus its actual, in the metric's direction (positive =
  short); the members' gaps add up to the total gap exactly. A member that is short has a
  share of the shortfall: its gap over the sum of the members' shortfalls, so it is positive
  and the shares of those behind add up to 100% even when others, ahead, more than make up
  for them (a share of a net total that is negative would read "−32%" for a laggard).
* ``price_volume_mix`` — a change in revenue between a base (last year, a plan) and now, split
  per item (product) and in total into three effects that add up exactly to the change:

  - **price** — what selling the current quantities at the current instead of the base prices
    brought: ``Δrevenue_i − Δquantity_i × base price_i``;
  - **volume** — what the change in total quantity brought at the base average price:
    ``(Q1 − Q0) × P̄0`` with ``P̄0 = Σ q0_i p0_i / Q0``; each item carries its base-revenue
    share of it;
  - **mix** — what the shift between items of different base prices brought:
    ``Σ q1_i p0_i − Q1 × P̄0``.

  An item without base quantity (new, or base revenue without quantity) is valued at its
  current price, so it has no price effect; without any base quantity at all the whole change
  in quantity is volume and there is no mix. Arithmetic is exact (fractions); each effect is
  then rounded to ``decimals`` places by largest remainder so the three add up to the item's
  change exactly and each is within one unit of its exact value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

from salestarget.core.metrics import Direction
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, as_decimal, quantize, to_minor

__all__ = [
    "Contribution",
    "GapBreakdown",
    "ItemEffects",
    "MixItem",
    "PriceVolumeMix",
    "gap_contributions",
    "price_volume_mix",
]


# -- contributions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    key: str
    reference: Decimal
    actual: Decimal
    gap: Decimal  # positive = short of the reference, in the metric's direction
    share: Decimal | None  # gap / the members' total shortfall; None unless short (gap > 0)


@dataclass(frozen=True)
class GapBreakdown:
    reference: Decimal
    actual: Decimal
    gap: Decimal
    items: tuple[Contribution, ...]  # largest gap first


def gap_contributions(
    members: Sequence[tuple[str, Decimal | int, Decimal | int]],
    *,
    direction: Direction = Direction.HIGHER_IS_BETTER,
) -> GapBreakdown:
    """Each member's ``(key, reference, actual)`` turned into its gap and, when short, its
    share of the shortfall, ranked by gap (largest shortfall first, ties in the given order)."""
    lower = Direction(direction) is Direction.LOWER_IS_BETTER
    rows: list[tuple[str, Decimal, Decimal, Decimal]] = []
    for key, reference, actual in members:
        ref = as_decimal(reference, f"reference of {key}")
        act = as_decimal(actual, f"actual of {key}")
        gap = DECIMAL_CONTEXT.subtract(act, ref) if lower else DECIMAL_CONTEXT.subtract(ref, act)
        rows.append((key, ref, act, gap))
    total_ref = sum((r[1] for r in rows), Decimal(0))
    total_act = sum((r[2] for r in rows), Decimal(0))
    total_gap = sum((r[3] for r in rows), Decimal(0))
    shortfall = sum((r[3] for r in rows if r[3] > 0), Decimal(0))
    order = sorted(range(len(rows)), key=lambda i: (-rows[i][3], i))
    items = tuple(
        Contribution(
            key=rows[i][0],
            reference=rows[i][1],
            actual=rows[i][2],
            gap=rows[i][3],
            share=(
                quantize(DECIMAL_CONTEXT.divide(rows[i][3], shortfall), RATIO_PLACES)
                if rows[i][3] > 0
                else None
            ),
        )
        for i in order
    )
    return GapBreakdown(reference=total_ref, actual=total_act, gap=total_gap, items=items)


# -- price / volume / mix -----------------------------------------------------------------------


@dataclass(frozen=True)
class MixItem:
    """One item's quantity and revenue in the base and in the current span."""

    key: str
    base_quantity: Decimal
    base_revenue: Decimal
    quantity: Decimal
    revenue: Decimal


@dataclass(frozen=True)
class ItemEffects:
    key: str
    base_revenue: Decimal
    revenue: Decimal
    change: Decimal
    price: Decimal
    volume: Decimal
    mix: Decimal


@dataclass(frozen=True)
class PriceVolumeMix:
    base_revenue: Decimal
    revenue: Decimal
    change: Decimal  # = price + volume + mix, exactly
    price: Decimal
    volume: Decimal
    mix: Decimal
    items: tuple[ItemEffects, ...]  # in the given order


def price_volume_mix(items: Sequence[MixItem], *, decimals: int = 4) -> PriceVolumeMix:
    """Split the revenue change of ``items`` into price, volume and mix effects (see the
    module doc). Revenues must have at most ``decimals`` places (ValueError otherwise)."""
    q0 = [Fraction(as_decimal(i.base_quantity, "base quantity")) for i in items]
    q1 = [Fraction(as_decimal(i.quantity, "quantity")) for i in items]
    r0 = [Fraction(as_decimal(i.base_revenue, "base revenue")) for i in items]
    r1 = [Fraction(as_decimal(i.revenue, "revenue")) for i in items]
    base_price = [
        r0[k] / q0[k] if q0[k] else (r1[k] / q1[k] if q1[k] else Fraction(0))
        for k in range(len(items))
    ]
    total_q0 = sum(q0, Fraction(0))
    total_q1 = sum(q1, Fraction(0))
    growth = (total_q1 - total_q0) / total_q0 if total_q0 else None

    effects: list[ItemEffects] = []
    for k, item in enumerate(items):
        change_units = to_minor(item.revenue, decimals) - to_minor(item.base_revenue, decimals)
        quantity_effect = (q1[k] - q0[k]) * base_price[k]
        price = (r1[k] - r0[k]) - quantity_effect
        volume = q0[k] * base_price[k] * growth if growth is not None else quantity_effect
        mix = quantity_effect - volume
        rounded = _round_to_total([price, volume, mix], change_units, decimals)
        effects.append(
            ItemEffects(
                key=item.key,
                base_revenue=Decimal(item.base_revenue),
                revenue=Decimal(item.revenue),
                change=_from_units(change_units, decimals),
                price=rounded[0],
                volume=rounded[1],
                mix=rounded[2],
            )
        )

    def total(name: str) -> Decimal:
        return sum((getattr(e, name) for e in effects), _from_units(0, decimals))

    return PriceVolumeMix(
        base_revenue=total("base_revenue"),
        revenue=total("revenue"),
        change=total("change"),
        price=total("price"),
        volume=total("volume"),
        mix=total("mix"),
        items=tuple(effects),
    )


def _round_to_total(values: list[Fraction], total_units: int, decimals: int) -> list[Decimal]:
    """``values`` (adding up to ``total_units`` units exactly) rounded to whole units by
    largest remainder: the results add up to the total, each within one unit."""
    scale = Fraction(10) ** decimals
    scaled = [v * scale for v in values]
    floors = [floor(v) for v in scaled]
    leftover = total_units - sum(floors)
    if not 0 <= leftover <= len(values):  # the values did not add up: a bug, not bad input
        raise ArithmeticError(f"effects {values} do not add up to {total_units} units")
    order = sorted(range(len(values)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    return [_from_units(u, decimals) for u in floors]


def _from_units(units: int, decimals: int) -> Decimal:
    return Decimal(units).scaleb(-decimals, DECIMAL_CONTEXT)
