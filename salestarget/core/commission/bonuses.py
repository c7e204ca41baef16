"""Bonuses and competitions (奖金, 销售竞赛).

* A grade bonus pays ``target bonus × the grade's multiplier`` (S 1.5, A 1.2 …). The table
  is the company's; an unknown grade is refused, naming the grades the table knows.
* A competition ranks people on one measure in its direction (standard competition ranking:
  ties share a rank and the next rank is skipped, 1, 2, 2, 4), pays a prize per rank, and/or
  a prize to everyone who reaches a threshold. People with no value are not ranked.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from salestarget.core.commission.rates import ZERO
from salestarget.core.commission.steps import Payout, Step, StepKind
from salestarget.core.metrics import Direction
from salestarget.core.money import DECIMAL_CONTEXT, quantize

K = TypeVar("K", bound=Hashable)


def grade_bonus(
    *, target_bonus: Decimal, grade: str, multipliers: Mapping[str, Decimal], decimals: int = 2
) -> Payout:
    if grade not in multipliers:
        raise ValueError(
            f"grade {grade!r} is not in the bonus table ({', '.join(sorted(multipliers))})"
        )
    factor = multipliers[grade]
    pay = quantize(DECIMAL_CONTEXT.multiply(target_bonus, factor), decimals)
    step = Step.of(StepKind.GRADE_BONUS, pay, target_bonus=target_bonus, grade=grade, factor=factor)
    return Payout(pay, (step,))


@dataclass(frozen=True)
class Standing:
    rank: int
    value: Decimal
    prize: Decimal
    steps: tuple[Step, ...]


def competition_standings(
    scores: Mapping[K, Decimal | None],
    *,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    prizes_by_rank: Sequence[Decimal] = (),
    threshold: Decimal | None = None,
    threshold_prize: Decimal = ZERO,
) -> dict[K, Standing]:
    """Each ranked person's rank and prize. A person earns the rank prize and the threshold
    prize when both apply."""
    lower = Direction(direction) is Direction.LOWER_IS_BETTER
    valued = [(key, value) for key, value in scores.items() if value is not None]
    valued.sort(key=lambda kv: kv[1], reverse=not lower)
    standings: dict[K, Standing] = {}
    rank = 0
    previous: Decimal | None = None
    for position, (key, value) in enumerate(valued, start=1):
        if value != previous:
            rank, previous = position, value
        steps: list[Step] = []
        prize = ZERO
        if rank <= len(prizes_by_rank):
            prize += prizes_by_rank[rank - 1]
            steps.append(Step.of(StepKind.PRIZE, prizes_by_rank[rank - 1], rank=rank, value=value))
        if threshold is not None and (value <= threshold if lower else value >= threshold):
            prize += threshold_prize
            steps.append(Step.of(StepKind.PRIZE, threshold_prize, threshold=threshold, value=value))
        standings[key] = Standing(rank, value, prize, tuple(steps))
    return standings
