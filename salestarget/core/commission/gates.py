"""Gates and modifiers on a second measure (门槛/调节): "no accelerator while 费用率 is over
its target", "× 0.8 while the collection rate is under 80%".

A gate is met when the second measure is at least as good as its threshold in the metric's
own direction (``core.metrics.Direction``): at or above it for higher-is-better, at or below
it for lower-is-better (费用率 of 9% meets a 10% ceiling). A measure with no value (a ratio
over nothing) does not meet its gate: nothing proves it was kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from salestarget.core.commission.rates import RateTable
from salestarget.core.commission.steps import Step, StepKind
from salestarget.core.metrics import Direction


class GateEffect(StrEnum):
    NO_ACCELERATOR = "no_accelerator"  # tiers from ``limit`` paid at the rate below it
    MULTIPLY = "multiply"  # the payout × ``factor`` (a modifier)
    BLOCK = "block"  # nothing paid


@dataclass(frozen=True)
class Gate:
    measure: str  # a metric code, e.g. "expense_rate"
    threshold: Decimal
    direction: Direction = Direction.HIGHER_IS_BETTER
    effect: GateEffect = GateEffect.NO_ACCELERATOR
    factor: Decimal = Decimal(1)  # for MULTIPLY
    limit: Decimal = Decimal(1)  # for NO_ACCELERATOR: where accelerators start

    def __post_init__(self) -> None:
        object.__setattr__(self, "direction", Direction(self.direction))
        object.__setattr__(self, "effect", GateEffect(self.effect))
        if self.factor < 0:
            raise ValueError(f"gate on {self.measure}: the factor cannot be negative")

    def is_met(self, value: Decimal | None) -> bool:
        if value is None:
            return False
        if self.direction is Direction.LOWER_IS_BETTER:
            return value <= self.threshold
        return value >= self.threshold

    def step(self, value: Decimal | None) -> Step:
        met = self.is_met(value)
        return Step.of(
            StepKind.GATE_MET if met else StepKind.GATE_MISSED,
            measure=self.measure,
            value="" if value is None else value,
            threshold=self.threshold,
            direction=self.direction.value,
            effect=self.effect.value,
            factor=self.factor,
        )

    def table_when_missed(self, table: RateTable) -> RateTable:
        if self.effect is GateEffect.NO_ACCELERATOR:
            return _held(table, self.limit)
        return table


# A month run asks for the same held table for every sale a missed gate pays (clawbacks,
# what-ifs): tables are immutable, so one is made once.
@lru_cache(maxsize=256)
def _held(table: RateTable, limit: Decimal) -> RateTable:
    return table.without_tiers_above(limit)
