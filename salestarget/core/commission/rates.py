"""Rate tables (提成比例表): tiers by attainment or by amount, paid marginally or
retroactively, or a linear pay curve between points.

* ``TierBasis.ATTAINMENT`` bounds are fractions of the quota (``1.2`` = 120%);
  ``TierBasis.AMOUNT`` bounds are money.
* ``TierMode.MARGINAL`` pays each slice at its own rate (累进): quota 1,000,000, sales
  1,250,000, tiers 0–100% 3%, 100–120% 5%, 120%+ 8% pay 30,000 + 10,000 + 4,000.
* ``TierMode.RETROACTIVE`` pays the whole amount at the rate of the tier reached (全额):
  1,250,000 × 8% = 100,000. Reaching a bound reaches its tier (lower bounds are inclusive).
* ``TierMode.CURVE`` pays ``target_incentive × y`` where y is interpolated linearly between
  ``(attainment, y)`` points; flat before the first and after the last point.

Accelerators and decelerators are simply tiers whose rate rises or falls. A threshold pays
nothing below it and the table in full from it. Each slice is rounded half-up to the cent,
so the steps a statement shows add up to its payout exactly, and payouts never drop as the
measure rises. A negative or zero measure pays nothing from the table (returns are handled
by clawback).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from salestarget.core.commission.steps import Payout, Step, StepKind
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, as_decimal, quantize

ZERO = Decimal(0)


class TierBasis(StrEnum):
    ATTAINMENT = "attainment"
    AMOUNT = "amount"


class TierMode(StrEnum):
    MARGINAL = "marginal"
    RETROACTIVE = "retroactive"
    CURVE = "curve"


@dataclass(frozen=True)
class Tier:
    """From ``lower`` (inclusive) up to the next tier's lower bound, at ``rate`` (0.05 = 5%)."""

    lower: Decimal
    rate: Decimal


@dataclass(frozen=True)
class CurvePoint:
    attainment: Decimal
    payout: Decimal  # fraction of the target incentive: 1 = 100% of it


class RateTableError(ValueError):
    """A table that cannot be paid from: unsorted bounds, negative rates, missing points."""


@dataclass(frozen=True)
class RateTable:
    basis: TierBasis = TierBasis.ATTAINMENT
    mode: TierMode = TierMode.MARGINAL
    tiers: tuple[Tier, ...] = ()
    points: tuple[CurvePoint, ...] = ()
    threshold: Decimal = ZERO  # in the basis' unit: attainment fraction or money
    target_incentive: Decimal = ZERO  # what a curve pays at y = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "basis", TierBasis(self.basis))
        object.__setattr__(self, "mode", TierMode(self.mode))
        if self.mode is TierMode.CURVE:
            _check_points(self.points)
            if self.basis is not TierBasis.ATTAINMENT:
                raise RateTableError("a pay curve is drawn against attainment, not amounts")
            if self.target_incentive < 0:
                raise RateTableError("the target incentive cannot be negative")
        else:
            _check_tiers(self.tiers)
        if self.threshold < 0:
            raise RateTableError("the threshold cannot be negative")

    @classmethod
    def tiered(
        cls,
        tiers: Sequence[tuple[Decimal | int | str, Decimal | int | str]],
        *,
        mode: TierMode = TierMode.MARGINAL,
        basis: TierBasis = TierBasis.ATTAINMENT,
        threshold: Decimal | int | str = 0,
    ) -> RateTable:
        """A table from ``(lower bound, rate)`` pairs: ``[(0, '0.03'), ('1', '0.05')]``."""
        return cls(
            basis=basis,
            mode=mode,
            tiers=tuple(Tier(Decimal(lo), Decimal(rate)) for lo, rate in tiers),
            threshold=Decimal(threshold),
        )

    def rate_at(self, position: Decimal) -> Decimal:
        """The rate of the tier ``position`` falls in (in the basis' unit)."""
        rate = self.tiers[0].rate
        for tier in self.tiers:
            if position >= tier.lower:
                rate = tier.rate
        return rate

    def without_tiers_above(self, limit: Decimal) -> RateTable:
        """The table with every tier from ``limit`` up paid at the rate just below it (a gate
        that withholds accelerators); a curve is held flat from ``limit``."""
        if self.mode is TierMode.CURVE:
            held = _interpolate(self.points, limit)
            kept = tuple(p for p in self.points if p.attainment < limit)
            flat = (CurvePoint(limit, held),)
            return RateTable(
                self.basis, self.mode, (), kept + flat, self.threshold, self.target_incentive
            )
        below = self.tiers[0].rate
        for tier in self.tiers:
            if tier.lower < limit:
                below = tier.rate
        tiers = tuple(
            t if t.lower < limit else Tier(t.lower, min(t.rate, below)) for t in self.tiers
        )
        return RateTable(self.basis, self.mode, tiers, (), self.threshold, self.target_incentive)


def attainment(total: Decimal, quota: Decimal) -> Decimal | None:
    """total / quota, as a fraction to 6 places; None for a zero quota."""
    if not quota:
        return None
    return quantize(DECIMAL_CONTEXT.divide(total, quota), RATIO_PLACES)


def table_payout(
    table: RateTable,
    total: Decimal | int,
    quota: Decimal | int = 0,
    decimals: int = 2,
    *,
    explain: bool = True,
) -> Payout:
    """What ``table`` pays on a measure ``total`` against ``quota``, with its steps (none
    when ``explain`` is False: a what-if or a clawback needs only the amount, thousands of
    times in a month run)."""
    amount = as_decimal(total, "total")
    goal = as_decimal(quota, "quota")
    steps: list[Step] | None = [] if explain else None
    if table.basis is TierBasis.ATTAINMENT:
        if not goal:
            return Payout(
                ZERO, (Step.of(StepKind.NO_QUOTA, ZERO, total=amount),) if explain else ()
            )
        position = DECIMAL_CONTEXT.divide(amount, goal)
        if steps is not None:
            reached = attainment(amount, goal)
            steps.append(Step.of(StepKind.ATTAINMENT, reached, total=amount, quota=goal))
    else:
        position = amount
    if position < table.threshold or amount <= 0:
        if steps is not None:
            steps.append(Step.of(StepKind.BELOW_THRESHOLD, ZERO, threshold=table.threshold))
        return Payout(ZERO, tuple(steps or ()))
    if table.mode is TierMode.CURVE:
        return _curve(table, position, steps, decimals)
    if table.mode is TierMode.RETROACTIVE:
        rate = table.rate_at(position)
        pay = quantize(DECIMAL_CONTEXT.multiply(amount, rate), decimals)
        if steps is None:
            return Payout(pay)
        lower = max(t.lower for t in table.tiers if t.lower <= position)
        steps.append(Step.of(StepKind.TIER_REACHED, pay, lower=lower, amount=amount, rate=rate))
        return Payout(pay, tuple(steps))
    return _marginal(table, amount, goal, steps, decimals)


def _marginal(
    table: RateTable, amount: Decimal, quota: Decimal, steps: list[Step] | None, decimals: int
) -> Payout:
    ctx = DECIMAL_CONTEXT
    scale = quota if table.basis is TierBasis.ATTAINMENT else Decimal(1)
    total = ZERO
    bounds = [t.lower for t in table.tiers[1:]] + [None]
    for tier, upper in zip(table.tiers, bounds, strict=True):
        start = ctx.multiply(tier.lower, scale)
        end = amount if upper is None else min(amount, ctx.multiply(upper, scale))
        if end <= start:
            break
        slice_amount = ctx.subtract(end, start)
        pay = quantize(ctx.multiply(slice_amount, tier.rate), decimals)
        if steps is not None:
            steps.append(
                Step.of(
                    StepKind.TIER_SLICE,
                    pay,
                    basis=table.basis.value,
                    lower=tier.lower,
                    upper="" if upper is None else upper,
                    amount=slice_amount,
                    rate=tier.rate,
                )
            )
        total = ctx.add(total, pay)
    return Payout(total, tuple(steps or ()))


def _curve(table: RateTable, position: Decimal, steps: list[Step] | None, decimals: int) -> Payout:
    share = _interpolate(table.points, position)
    pay = quantize(DECIMAL_CONTEXT.multiply(table.target_incentive, share), decimals)
    if steps is None:
        return Payout(pay)
    steps.append(
        Step.of(
            StepKind.CURVE,
            pay,
            attainment=quantize(position, RATIO_PLACES),
            share=quantize(share, RATIO_PLACES),
            target_incentive=table.target_incentive,
        )
    )
    return Payout(pay, tuple(steps))


def _interpolate(points: Sequence[CurvePoint], x: Decimal) -> Decimal:
    ctx = DECIMAL_CONTEXT
    if x <= points[0].attainment:
        return points[0].payout
    for left, right in itertools.pairwise(points):
        if x <= right.attainment:
            run = ctx.subtract(right.attainment, left.attainment)
            rise = ctx.subtract(right.payout, left.payout)
            return ctx.add(
                left.payout, ctx.divide(ctx.multiply(rise, ctx.subtract(x, left.attainment)), run)
            )
    return points[-1].payout


def _check_tiers(tiers: Sequence[Tier]) -> None:
    if not tiers:
        raise RateTableError("a rate table needs at least one tier")
    if tiers[0].lower != 0:
        raise RateTableError(f"the first tier must start at 0, not {tiers[0].lower}")
    for before, after in itertools.pairwise(tiers):
        if after.lower <= before.lower:
            raise RateTableError(f"tier bounds must rise: {after.lower} comes after {before.lower}")
    for tier in tiers:
        if tier.rate < 0:
            raise RateTableError(f"a rate cannot be negative ({tier.rate} from {tier.lower})")


def _check_points(points: Sequence[CurvePoint]) -> None:
    if len(points) < 2:
        raise RateTableError("a pay curve needs at least two points")
    for before, after in itertools.pairwise(points):
        if after.attainment <= before.attainment:
            raise RateTableError(
                f"curve points must rise in attainment: {after.attainment} after {before.attainment}"
            )
        if after.payout < before.payout:
            raise RateTableError(
                "a pay curve cannot fall: payout must not drop as attainment rises"
            )
    if points[0].payout < 0:
        raise RateTableError("a pay curve cannot pay below zero")
