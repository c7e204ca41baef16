"""An item's score from what was achieved against its target.

Scores are points on a 0–100 scale (100 = the target met exactly); a rule may let them rise
above 100 up to its cap. Lower-is-better metrics (费用率, 退货率) are *mirrored*, as tracking
mirrors its status: an actual of ``target − x`` earns what a higher-is-better actual of
``target + x`` earns, so spending 10% under budget scores like selling 10% over target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeGuard

from salestarget.core.metrics import Direction
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, as_decimal, minor_unit, quantize
from salestarget.core.tracking import achievement

HUNDRED = Decimal(100)
_TWO = Decimal(2)
SCORE_PLACES = 2


def effective_achievement(
    target: Decimal | int, actual: Decimal | int | None, direction: Direction
) -> Decimal | None:
    """Achievement (完成率, from ``core.tracking``) read in the metric's direction.

    Higher-is-better: ``actual / target``. Lower-is-better: the mirror ``2 − actual / target``
    (at target 1, 10% under target 1.1). None without an actual or with a zero target.
    """
    if actual is None:
        return None
    ratio = achievement(as_decimal(target, "target"), as_decimal(actual, "actual"))
    if ratio is None:
        return None
    if Direction(direction) is Direction.LOWER_IS_BETTER:
        return quantize(DECIMAL_CONTEXT.subtract(Decimal(2), ratio), RATIO_PLACES)
    return ratio


@dataclass(frozen=True)
class LinearRule:
    """Score = achievement × 100, kept between ``floor`` and ``cap``; below ``threshold``
    achievement (e.g. 0.6: under 60% earns nothing) the score is 0."""

    floor: Decimal = Decimal(0)
    cap: Decimal = Decimal(120)
    threshold: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for name in ("floor", "cap", "threshold"):
            as_decimal(getattr(self, name), name)
        if not Decimal(0) <= self.floor <= self.cap:
            raise ValueError(f"a linear rule needs 0 ≤ floor ≤ cap, got {self.floor}, {self.cap}")
        if self.threshold < 0:
            raise ValueError(f"a threshold cannot be negative, got {self.threshold}")

    def score(self, achievement: Decimal) -> Decimal:
        if achievement < self.threshold:
            return Decimal(0)
        points = DECIMAL_CONTEXT.multiply(achievement, HUNDRED)
        return quantize(min(max(points, self.floor), self.cap), SCORE_PLACES)


@dataclass(frozen=True)
class Tier:
    """From ``achievement`` upwards (e.g. 1.0), the item scores ``score`` points."""

    achievement: Decimal
    score: Decimal


@dataclass(frozen=True)
class TierRule:
    """Steps: the highest tier whose achievement is reached gives the score; below the
    lowest tier the score is 0."""

    tiers: tuple[Tier, ...]

    def __post_init__(self) -> None:
        if not self.tiers:
            raise ValueError("a tier rule needs at least one tier")
        starts = [t.achievement for t in self.tiers]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError(f"tiers must rise by achievement, got {[str(s) for s in starts]}")
        scores = [t.score for t in self.tiers]
        if scores != sorted(scores):
            raise ValueError("a higher tier cannot score less than a lower one")
        if scores[0] < 0:
            raise ValueError("a tier cannot score below 0")

    def score(self, achievement: Decimal) -> Decimal:
        reached = [t.score for t in self.tiers if achievement >= t.achievement]
        return quantize(reached[-1] if reached else Decimal(0), SCORE_PLACES)


ScoreRule = LinearRule | TierRule


def tiers(pairs: Sequence[tuple[Decimal | int | str, Decimal | int | str]]) -> TierRule:
    """A tier rule from ``(achievement, score)`` pairs: ``tiers([("0.8", 60), ("1", 100)])``."""
    return TierRule(tuple(Tier(Decimal(a), Decimal(s)) for a, s in pairs))


def item_score(
    rule: ScoreRule,
    *,
    target: Decimal | int,
    actual: Decimal | int | None,
    direction: Direction,
) -> Decimal | None:
    """The points a quantitative item earns; None when there is nothing to score (no actual
    yet, or a zero target)."""
    achievement = effective_achievement(target, actual, direction)
    return None if achievement is None else rule.score(achievement)


def item_scores(
    rule: ScoreRule,
    *,
    targets: Sequence[Decimal | None],
    actuals: Sequence[Decimal | None],
    direction: Direction,
) -> tuple[list[Decimal | None], list[Decimal | None]]:
    """One item's achievements and scores for many people at once (a cycle's column):
    element ``i`` is ``effective_achievement`` and ``item_score`` of target ``i`` and actual
    ``i``; a person without a target (None) has neither."""
    if len(targets) != len(actuals):
        raise ValueError(f"{len(targets)} targets for {len(actuals)} actuals")
    mirrored = Direction(direction) is Direction.LOWER_IS_BETTER
    achievements: list[Decimal | None] = []
    scores: list[Decimal | None] = []
    context, unit = DECIMAL_CONTEXT, minor_unit(RATIO_PLACES)
    for target, actual in zip(targets, actuals, strict=True):
        reached: Decimal | None
        if _finite(target) and _finite(actual):
            # ``effective_achievement``'s arithmetic without its per-call argument checks
            # (two Decimals need none); the property tests hold the two to the same results.
            if not target:
                reached = None
            else:
                reached = context.divide(actual, target).quantize(unit, context=context)
                if mirrored:
                    reached = context.subtract(_TWO, reached).quantize(unit, context=context)
        elif target is None:
            reached = None
        else:
            reached = effective_achievement(target, actual, direction)
        achievements.append(reached)
        scores.append(None if reached is None else rule.score(reached))
    return achievements, scores


def _finite(value: object) -> TypeGuard[Decimal]:
    return type(value) is Decimal and value.is_finite()


def rating_score(rating: Decimal | int, *, scale_max: int, scale_min: int = 1) -> Decimal:
    """A rating on a ``scale_min..scale_max`` scale as points: the top level is 100, the
    bottom level 0 (on 1–5, a 4 is 75)."""
    if scale_max <= scale_min:
        raise ValueError(f"a rating scale needs max > min, got {scale_min}..{scale_max}")
    value = as_decimal(rating, "rating")
    if not scale_min <= value <= scale_max:
        raise ValueError(f"rating {value} is outside the scale {scale_min}..{scale_max}")
    share = DECIMAL_CONTEXT.divide(value - scale_min, Decimal(scale_max - scale_min))
    return quantize(DECIMAL_CONTEXT.multiply(share, HUNDRED), SCORE_PLACES)
