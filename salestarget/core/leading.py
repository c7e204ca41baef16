"""Leading indicators: how activities turn into results, and what that says about the work
still to do.

- :func:`one_in`: how many activities one result takes ("1 in 7 visits becomes a new
  customer"), from counts over a past window.
- :func:`shortfall`: how many more activities a period needs than its current pace brings,
  given how many it needs in all from now (the rest of an activity target, or the results
  still missing times the activities one result takes).
- :func:`attainment_relation`: over past periods, how activity attainment went with result
  attainment: the correlation, and the mean result attainment in the periods whose activity
  reached its mark against the others.

Exact arithmetic on ``Decimal`` throughout: no float, so the figures shown are the same on
every machine and database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

ONE = Decimal(1)
CENT = Decimal("0.01")
# Fewer observations than this tell nothing about a relation.
MIN_PERIODS = 3


def one_in(activities: int, results: int) -> int | None:
    """Activities per result, rounded half up (at least 1); None without both."""
    if activities <= 0 or results <= 0:
        return None
    ratio = (Decimal(activities) / Decimal(results)).quantize(ONE, rounding=ROUND_HALF_UP)
    return max(1, int(ratio))


def conversion(done: int, converted: int) -> Decimal | None:
    """The share of ``done`` that ``converted`` (0…1, to 4 decimals); None when none done."""
    if done <= 0:
        return None
    return (Decimal(max(0, min(converted, done))) / Decimal(done)).quantize(Decimal("0.0001"))


def activities_for(results: Decimal, per_result: int) -> Decimal:
    """Activities that ``results`` more results take at ``per_result`` each (none below 0)."""
    return max(Decimal(0), results) * per_result


def shortfall(*, needed: Decimal, pace_per_day: Decimal, days_left: int) -> int:
    """How many activities beyond what ``pace_per_day`` over ``days_left`` brings are still
    needed (rounded up: a part of a visit is a visit); 0 when the pace is enough."""
    coming = max(Decimal(0), pace_per_day) * max(0, days_left)
    missing = (needed - coming).to_integral_value(rounding=ROUND_CEILING)
    return max(0, int(missing))


@dataclass(frozen=True)
class Relation:
    """How activity attainment went with result attainment over ``periods`` observations."""

    periods: int
    correlation: Decimal | None  # Pearson's r to 2 decimals; None: too few or no spread
    when_active: Decimal | None  # mean result attainment where activity attainment ≥ 1
    otherwise: Decimal | None  # … and where it fell short


def _mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def correlation(pairs: Sequence[tuple[Decimal, Decimal]]) -> Decimal | None:
    """Pearson's r of the pairs, to 2 decimals; None below ``MIN_PERIODS`` pairs or when
    either side does not vary."""
    if len(pairs) < MIN_PERIODS:
        return None
    n = Decimal(len(pairs))
    mx = sum((x for x, _ in pairs), Decimal(0)) / n
    my = sum((y for _, y in pairs), Decimal(0)) / n
    sxy = sum(((x - mx) * (y - my) for x, y in pairs), Decimal(0))
    sxx = sum(((x - mx) ** 2 for x, _ in pairs), Decimal(0))
    syy = sum(((y - my) ** 2 for _, y in pairs), Decimal(0))
    if sxx == 0 or syy == 0:
        return None
    r = sxy / (sxx * syy).sqrt()
    return max(-ONE, min(ONE, r)).quantize(CENT, rounding=ROUND_HALF_UP)


def attainment_relation(pairs: Sequence[tuple[Decimal, Decimal]]) -> Relation:
    """``pairs``: (activity attainment, result attainment) of each past period, 1 = on
    target."""
    active = [y for x, y in pairs if x >= ONE]
    short = [y for x, y in pairs if x < ONE]
    mean_active, mean_short = _mean(active), _mean(short)
    return Relation(
        periods=len(pairs),
        correlation=correlation(pairs),
        when_active=None if mean_active is None else mean_active.quantize(Decimal("0.0001")),
        otherwise=None if mean_short is None else mean_short.quantize(Decimal("0.0001")),
    )
