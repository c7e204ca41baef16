"""Weight builders for the ways a target is split (分解方法).

Each builder returns ``Weights``: the proportions, the method they came from, and the
fallbacks applied when the data could not support the method (no history, all capacities
zero …). A fallback is stated, never silent, and never a division by zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from salestarget.core.money import DECIMAL_CONTEXT, as_decimal
from salestarget.core.periods import Period
from salestarget.core.seasonality import SeasonalityProfile
from salestarget.core.workdays import WorkCalendar


class AllocationMethod(StrEnum):
    EQUAL = "equal"  # 平均分配
    WEIGHTS = "weights"  # weights typed in
    HISTORY = "history"  # 历史占比: last year's actuals
    CAPACITY = "capacity"  # 市场容量、占有率、渗透率、增长率、潜力 multiplied
    SEASONALITY = "seasonality"  # a monthly profile, over child periods
    DAYS = "days"  # calendar or working days of child periods
    DRAFTS = "drafts"  # the children's own drafts (个人目标草案)


class Fallback(StrEnum):
    NO_HISTORY = "no_history"  # history missing or not positive: fallback weights used
    MISSING_HISTORY_AVERAGED = "missing_history_averaged"  # children without history got the mean
    NEGATIVE_HISTORY_ZEROED = "negative_history_zeroed"  # net returns above sales count as 0
    NO_CAPACITY = "no_capacity"  # every capacity product was zero: split equally
    NO_SEASONALITY = "no_seasonality"  # the profile gives these periods no weight: by days
    NO_WORKING_DAYS = "no_working_days"  # no working day in the periods: by calendar days
    NO_WEIGHTS = "no_weights"  # typed weights all zero: split equally


@dataclass(frozen=True)
class Weights:
    """Non-negative proportions for the children of a split, with how they were obtained."""

    values: tuple[Decimal, ...]
    method: AllocationMethod
    fallbacks: tuple[Fallback, ...] = ()

    def __post_init__(self) -> None:
        if not self.values:
            raise ValueError("a split needs at least one child")
        if any(v < 0 for v in self.values):
            raise ValueError("weights cannot be negative")

    def __len__(self) -> int:
        return len(self.values)


def equal_weights(count: int) -> Weights:
    if count < 1:
        raise ValueError(f"a split needs at least one child, got {count}")
    return Weights((Decimal(1),) * count, AllocationMethod.EQUAL)


def given_weights(
    values: Sequence[Decimal | int], method: AllocationMethod = AllocationMethod.WEIGHTS
) -> Weights:
    """Weights typed in (or drafts, with ``method=DRAFTS``); all zero falls back to equal."""
    checked = tuple(as_decimal(v, "weight") for v in values)
    negative = [i for i, v in enumerate(checked) if v < 0]
    if negative:
        raise ValueError(f"weights cannot be negative (children {negative})")
    if checked and not any(checked):
        return Weights((Decimal(1),) * len(checked), method, (Fallback.NO_WEIGHTS,))
    return Weights(checked, method)


def history_weights(
    history: Sequence[Decimal | int | None],
    *,
    fallback: Weights | None = None,
) -> Weights:
    """Shares of last period's actuals (历史占比).

    A negative history (returns above sales) counts as zero. A child with no history
    (``None``: new team, new product) gets the mean of the others, so it is not set to zero
    by accident. When no child has positive history the ``fallback`` weights are used
    (equal when not given). Each of these is listed in ``fallbacks``.
    """
    if not history:
        raise ValueError("a split needs at least one child")
    notes: list[Fallback] = []
    present = [None if h is None else as_decimal(h, "history") for h in history]
    if any(h is not None and h < 0 for h in present):
        notes.append(Fallback.NEGATIVE_HISTORY_ZEROED)
    clamped = [None if h is None else max(h, Decimal(0)) for h in present]
    known = [h for h in clamped if h is not None]
    if not any(known):
        chosen = fallback if fallback is not None else equal_weights(len(history))
        if len(chosen) != len(history):
            raise ValueError(f"fallback has {len(chosen)} weights for {len(history)} children")
        return Weights(
            chosen.values,
            AllocationMethod.HISTORY,
            (*notes, Fallback.NO_HISTORY, *chosen.fallbacks),
        )
    if len(known) < len(clamped):
        notes.append(Fallback.MISSING_HISTORY_AVERAGED)
        mean = DECIMAL_CONTEXT.divide(sum(known, Decimal(0)), Decimal(len(known)))
        clamped = [mean if h is None else h for h in clamped]
    return Weights(
        tuple(h for h in clamped if h is not None), AllocationMethod.HISTORY, tuple(notes)
    )


def capacity_weights(indices: Sequence[Sequence[Decimal | int]]) -> Weights:
    """Each child's weight is the product of its capacity indices, e.g. market size × share ×
    penetration × (1 + growth rate) × potential. Pass a growth *rate* as its factor
    (8% growth → ``Decimal('1.08')``). Every child must give the same number of indices.
    """
    if not indices:
        raise ValueError("a split needs at least one child")
    width = len(indices[0])
    products = []
    for child, row in enumerate(indices):
        if len(row) != width or width == 0:
            raise ValueError(
                f"child {child} has {len(row)} capacity indices, expected {width or 'at least one'}"
            )
        product = Decimal(1)
        for value in row:
            factor = as_decimal(value, f"capacity index of child {child}")
            if factor < 0:
                raise ValueError(f"capacity indices cannot be negative (child {child})")
            product = DECIMAL_CONTEXT.multiply(product, factor)
        products.append(product)
    if not any(products):
        return Weights(
            (Decimal(1),) * len(products), AllocationMethod.CAPACITY, (Fallback.NO_CAPACITY,)
        )
    return Weights(tuple(products), AllocationMethod.CAPACITY)


def seasonality_weights(
    periods: Sequence[Period],
    profile: SeasonalityProfile,
    work_calendar: WorkCalendar | None = None,
) -> Weights:
    """Each child period weighs its share of the profile (see ``SeasonalityProfile.mass``):
    a month its month weight, a week or day its days' part of their month's weight.
    Periods the profile gives no weight at all fall back to a split by days."""
    masses = [profile.mass(p.start, p.end, work_calendar) for p in periods]
    if periods and not any(masses):
        by_days = day_weights(periods, work_calendar)
        return Weights(
            by_days.values,
            AllocationMethod.SEASONALITY,
            (Fallback.NO_SEASONALITY, *by_days.fallbacks),
        )
    return Weights(tuple(_fraction_to_decimal(m) for m in masses), AllocationMethod.SEASONALITY)


def day_weights(periods: Sequence[Period], work_calendar: WorkCalendar | None = None) -> Weights:
    """Each child period weighs its working days (with a calendar) or its calendar days."""
    if not periods:
        raise ValueError("a split needs at least one child")
    if work_calendar is not None:
        working = [work_calendar.working_days(p.start, p.end) for p in periods]
        if any(working):
            return Weights(tuple(Decimal(w) for w in working), AllocationMethod.DAYS)
        return Weights(
            tuple(Decimal(p.days) for p in periods),
            AllocationMethod.DAYS,
            (Fallback.NO_WORKING_DAYS,),
        )
    return Weights(tuple(Decimal(p.days) for p in periods), AllocationMethod.DAYS)


def _fraction_to_decimal(value: Fraction) -> Decimal:
    return DECIMAL_CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))
