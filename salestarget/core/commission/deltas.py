"""Delta lines (差额): a closed period is never rewritten; a late fact that changes it is
posted in the next open period as the difference, with the old value, the new one and why."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from salestarget.core.commission.steps import Step, StepKind
from salestarget.core.money import DECIMAL_CONTEXT


@dataclass(frozen=True)
class Delta:
    old: Decimal
    new: Decimal
    difference: Decimal
    reason: str

    @property
    def step(self) -> Step:
        return Step.of(
            StepKind.DELTA, self.difference, old=self.old, new=self.new, reason=self.reason
        )


def period_delta(*, old: Decimal, new: Decimal, reason: str) -> Delta | None:
    """The delta to post, or None when the recalculation changed nothing."""
    if old == new:
        return None
    if not reason.strip():
        raise ValueError("a delta line needs a reason")
    return Delta(old, new, DECIMAL_CONTEXT.subtract(new, old), reason)
