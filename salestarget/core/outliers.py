"""Outliers (异常值): figures too absurd to celebrate or rank as they stand.

A new rep whose near-zero target was split by last year's share reaches 121,955% and would
top every achievement ranking and the good news. Two rules catch it, both set by the company:

- the **achievement bound**: an achievement above it (e.g. 300%) is flagged;
- the **target floor**: a target below a share of the median target of its peers (e.g. 10% of
  the team's median), or zero, is flagged, whatever the achievement — the figure says more
  about the target than about the person.

A flagged entry is still shown, with its reasons, but it is not celebrated and not ranked by
achievement. The same floor warns in the decomposition preview before a split is saved.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from salestarget.core.money import DECIMAL_CONTEXT

K = TypeVar("K")


class OutlierReason(enum.Enum):
    ACHIEVEMENT_ABOVE_BOUND = "achievement_above_bound"
    TARGET_BELOW_FLOOR = "target_below_floor"
    TARGET_ZERO = "target_zero"


@dataclass(frozen=True)
class OutlierRule:
    """``achievement_bound`` and ``target_floor`` are fractions: 3 = 300%, 0.1 = 10% of the
    peers' median target. A bound or floor of 0 switches that check off."""

    achievement_bound: Decimal = Decimal(3)
    target_floor: Decimal = Decimal("0.1")

    def __post_init__(self) -> None:
        if self.achievement_bound < 0 or self.target_floor < 0:
            raise ValueError("an outlier bound or floor cannot be negative")


def median(values: Iterable[Decimal]) -> Decimal | None:
    """The median of ``values`` (the mean of the middle two for an even count); None if empty."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return DECIMAL_CONTEXT.divide(ordered[middle - 1] + ordered[middle], Decimal(2))


def target_reasons(
    target: Decimal, peer_median: Decimal | None, rule: OutlierRule
) -> tuple[OutlierReason, ...]:
    """Why ``target`` is too small to read an achievement against (empty when it is fine)."""
    if rule.target_floor == 0:
        return ()
    if target <= 0:
        return (OutlierReason.TARGET_ZERO,)
    if peer_median is not None and peer_median > 0:
        floor = DECIMAL_CONTEXT.multiply(peer_median, rule.target_floor)
        if target < floor:
            return (OutlierReason.TARGET_BELOW_FLOOR,)
    return ()


def outlier_reasons(
    *,
    achievement: Decimal | None,
    target: Decimal | None,
    peer_median: Decimal | None,
    rule: OutlierRule,
) -> tuple[OutlierReason, ...]:
    """Every reason an entry (its achievement against its target, among peers whose median
    target is ``peer_median``) is an outlier; empty when it is not one."""
    reasons: list[OutlierReason] = []
    if (
        achievement is not None
        and rule.achievement_bound > 0
        and achievement > rule.achievement_bound
    ):
        reasons.append(OutlierReason.ACHIEVEMENT_ABOVE_BOUND)
    if target is not None:
        reasons.extend(target_reasons(target, peer_median, rule))
    return tuple(reasons)


def small_shares(shares: Mapping[K, Decimal], rule: OutlierRule) -> dict[K, OutlierReason]:
    """The keys whose share (or amount) of a split is zero or below the floor of the median of
    all of them: what the decomposition preview warns about before saving."""
    middle = median(shares.values())
    out: dict[K, OutlierReason] = {}
    for key, share in shares.items():
        reasons = target_reasons(share, middle, rule)
        if reasons:
            out[key] = reasons[0]
    return out
