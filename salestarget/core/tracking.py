"""Tracking math (销售目标跟踪): where a target stands at a date.

Two kinds of target behave differently:

* An *accumulating* target (sums, counts: 销售额, 回款, 新客户数) is reached gradually, so by
  now we expect ``target × time progress``; the run-rate projection is
  ``actual / time progress``; and the rate still needed per remaining working day is
  ``(target − actual) / remaining working days`` (日点检). For a lower-is-better sum (a cost
  budget) that same figure is the allowance left per day.
* A *level* target (ratios and weighted means: 费用率, 转化率, 满意度) is held all along, so
  the expected-to-date is the target itself, the projection is the current value, and no
  per-day rate applies.

Direction is handled by mirroring: ``deviation`` is the relative distance from the
expected-to-date, positive when better (above it for higher-is-better, below it for
lower-is-better), and the status is read from the deviation alone. A lower-is-better actual
of ``expected − x`` therefore gets exactly the status a higher-is-better actual of
``expected + x`` gets. ``gap`` and ``gap_to_date`` are positive when short of target in the
metric's direction (not yet sold; or spent beyond budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from salestarget.core.metrics import Direction
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, as_decimal, quantize


class Status(StrEnum):
    AHEAD = "ahead"  # 超前
    ON_TRACK = "on_track"  # 正常
    AT_RISK = "at_risk"  # 预警
    BEHIND = "behind"  # 落后


@dataclass(frozen=True)
class Thresholds:
    """Status bands on the deviation from expected-to-date (0.05 = 5% better than expected).

    deviation ≥ ``ahead`` → AHEAD; ≥ ``on_track`` → ON_TRACK; ≥ ``at_risk`` → AT_RISK;
    below → BEHIND.
    """

    ahead: Decimal = Decimal("0.05")
    on_track: Decimal = Decimal("-0.05")
    at_risk: Decimal = Decimal("-0.15")

    def __post_init__(self) -> None:
        if not self.ahead >= self.on_track >= self.at_risk:
            raise ValueError(
                f"thresholds must satisfy ahead ≥ on_track ≥ at_risk, got "
                f"{self.ahead}, {self.on_track}, {self.at_risk}"
            )

    def status(self, deviation: Decimal) -> Status:
        if deviation >= self.ahead:
            return Status.AHEAD
        if deviation >= self.on_track:
            return Status.ON_TRACK
        if deviation >= self.at_risk:
            return Status.AT_RISK
        return Status.BEHIND


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class TrackingResult:
    """One target at one date. ``target`` and ``actual`` are echoed as given; derived amounts
    are rounded half-up to ``decimals`` places (a level metric's figures and all fractions to
    6); None where a figure does not exist (see ``track``)."""

    target: Decimal
    actual: Decimal | None
    time_progress: Decimal
    achievement: Decimal | None  # 完成率 = actual / target
    expected_to_date: Decimal
    gap: Decimal | None  # short of the full target, in the metric's direction
    gap_to_date: Decimal | None  # short of the expected-to-date
    projection: Decimal | None  # run-rate value at period end
    needed_per_day: Decimal | None  # 日点检: per remaining working day
    deviation: Decimal | None  # relative to expected-to-date, positive = better
    status: Status | None


def track(
    target: Decimal | int,
    actual: Decimal | int | None,
    progress: Decimal | int,
    *,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    accumulates: bool = True,
    remaining_working_days: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    decimals: int = 2,
) -> TrackingResult:
    """Where ``target`` stands with ``actual`` at time ``progress`` (0..1, see
    ``time_progress``).

    ``accumulates`` is ``MetricDefinition.accumulates``; ``direction`` its direction.
    ``actual`` None means no value yet (a ratio with a zero denominator): status is None.
    ``achievement`` is None for a zero target; ``projection`` is None at progress 0;
    ``needed_per_day`` is None for levels and when no working day remains (or
    ``remaining_working_days`` is not given). With nothing expected yet (progress 0 or a
    zero target), the status is AHEAD / ON_TRACK / BEHIND by the sign of the actual.
    """
    goal = as_decimal(target, "target")
    time = as_decimal(progress, "progress")
    if not Decimal(0) <= time <= Decimal(1):
        raise ValueError(f"progress must be between 0 and 1, got {time}")
    if remaining_working_days is not None and remaining_working_days < 0:
        raise ValueError("remaining_working_days cannot be negative")
    ctx = DECIMAL_CONTEXT
    lower = Direction(direction) is Direction.LOWER_IS_BETTER
    expected = ctx.multiply(goal, time) if accumulates else goal
    level_places = decimals if accumulates else RATIO_PLACES

    def amount(value: Decimal) -> Decimal:
        return quantize(value, level_places)

    def fraction(value: Decimal) -> Decimal:
        return quantize(value, RATIO_PLACES)

    if actual is None:
        return TrackingResult(
            goal, None, fraction(time), None, amount(expected), None, None, None, None, None, None
        )
    value = as_decimal(actual, "actual")

    def shortfall(reference: Decimal) -> Decimal:
        return ctx.subtract(value, reference) if lower else ctx.subtract(reference, value)

    deviation = _deviation(shortfall(expected), expected)
    if deviation is None:
        better = -shortfall(expected)
        status = Status.AHEAD if better > 0 else Status.ON_TRACK if better == 0 else Status.BEHIND
    else:
        status = thresholds.status(deviation)

    projection: Decimal | None = value
    needed: Decimal | None = None
    if accumulates:
        projection = ctx.divide(value, time) if time else None
        if remaining_working_days:
            left = max(ctx.subtract(goal, value), Decimal(0))
            needed = quantize(ctx.divide(left, Decimal(remaining_working_days)), decimals)
    return TrackingResult(
        target=goal,
        actual=value,
        time_progress=fraction(time),
        achievement=achievement(goal, value),
        expected_to_date=amount(expected),
        gap=amount(shortfall(goal)),
        gap_to_date=amount(shortfall(expected)),
        projection=None if projection is None else amount(projection),
        needed_per_day=needed,
        deviation=None if deviation is None else fraction(deviation),
        status=status,
    )


def achievement(target: Decimal, actual: Decimal) -> Decimal | None:
    """完成率: ``actual / target`` to six places; None for a zero target. ``track`` reports
    it; assessment scores a whole cycle from it without the rest of ``track``."""
    if not target:
        return None
    return quantize(DECIMAL_CONTEXT.divide(actual, target), RATIO_PLACES)


def _deviation(shortfall: Decimal, expected: Decimal) -> Decimal | None:
    """Relative deviation, positive = better; None when nothing is expected yet."""
    if not expected:
        return None
    return DECIMAL_CONTEXT.divide(-shortfall, abs(expected))
