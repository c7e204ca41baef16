"""The arithmetic of a payout, kept as data so a statement can replay it step by step.

Core never formats sentences: each ``Step`` names what was done (``kind``) and the figures it
used, and the app words it in the reader's language. ``as_data`` gives the JSON form a
statement line stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

StepValue = Decimal | int | str


class StepKind(StrEnum):
    MEASURE = "measure"  # the measure total the component reads
    QUOTA = "quota"  # the quota it is measured against
    ATTAINMENT = "attainment"  # total / quota
    BELOW_THRESHOLD = "below_threshold"  # nothing paid under the threshold
    NO_QUOTA = "no_quota"  # an attainment table with a zero quota pays nothing
    TIER_SLICE = "tier_slice"  # marginal: one slice at its own rate
    TIER_REACHED = "tier_reached"  # retroactive: the whole amount at the tier reached
    CURVE = "curve"  # linear pay curve between two points
    GATE_MET = "gate_met"
    GATE_MISSED = "gate_missed"
    CAP = "cap"  # component cap cut the payout
    PLAN_CAP = "plan_cap"  # plan cap cut the total
    PER_UNIT = "per_unit"
    PER_DEAL = "per_deal"
    SPIF = "spif"
    PRORATION = "proration"
    SPLIT = "split"
    OVERLAY = "overlay"
    CLAWBACK = "clawback"
    CLAWBACK_OUTSIDE = "clawback_outside"  # a return after the window: nothing taken back
    COLLECTION = "collection"
    PRIOR_PAID = "prior_paid"  # year-to-date: what earlier periods already paid
    GRADE_BONUS = "grade_bonus"
    PRIZE = "prize"
    DELTA = "delta"
    TOTAL = "total"


@dataclass(frozen=True)
class Step:
    """One step: ``kind`` with the figures it used and, where it produces one, its result."""

    kind: StepKind
    values: tuple[tuple[str, StepValue], ...] = ()
    result: Decimal | None = None

    @classmethod
    def of(cls, kind: StepKind, result: Decimal | None = None, **values: StepValue) -> Step:
        return cls(kind, tuple(values.items()), result)

    def value(self, name: str) -> StepValue:
        return dict(self.values)[name]

    def as_data(self) -> dict[str, object]:
        """JSON-ready: Decimals as strings so nothing is lost to floats."""
        return {
            "kind": self.kind.value,
            "values": {k: v if isinstance(v, int | str) else str(v) for k, v in self.values},
            "result": None if self.result is None else str(self.result),
        }


@dataclass(frozen=True)
class Payout:
    """An amount with the steps that reached it."""

    amount: Decimal
    steps: tuple[Step, ...] = field(default=())
