"""The outlook of a period: actual to date plus the forecast of the rest, as a distribution.

The rest of the period is the sum of its remaining months' forecasts. Each month's spread
is read off its prediction band (``Band.sd``); the months' errors are taken as independent,
so the sum's variance is the sum of the months' variances. The total is read as normal:
``P10/P50/P90`` and the probability of reaching a figure follow. Whether such
probabilities held is measured, not assumed: :func:`reliability` tabulates, on past
periods, how many of the targets given about 70% made it.

Open opportunities weighted by their category's chance move the expected rest up when
they promise more than the history does (never down: the statistical forecast already
holds the business a pipeline usually brings).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from salestarget.core.forecasting.accuracy import Array
from salestarget.core.forecasting.methods import Band

Z90 = 1.2815515655446004


@dataclass(frozen=True)
class Outlook:
    """The distribution of a period's total."""

    actual: float  # to date
    rest: float  # the expected rest of the period
    sd: float

    @property
    def expected(self) -> float:
        return self.actual + self.rest

    @property
    def p10(self) -> float:
        return self.expected - Z90 * self.sd

    @property
    def p50(self) -> float:
        return self.expected

    @property
    def p90(self) -> float:
        return self.expected + Z90 * self.sd

    def probability(self, figure: float) -> float:
        """The probability that the total reaches ``figure`` (1 or 0 when nothing is left
        uncertain)."""
        if self.sd <= 0:
            return 1.0 if self.expected >= figure else 0.0
        z = (figure - self.expected) / self.sd
        return 0.5 * math.erfc(z / math.sqrt(2))


def outlook(
    *, actual: float, band: Band | None, months: int | None = None, pipeline: float = 0.0
) -> Outlook:
    """The total of a period with ``actual`` to date and the first ``months`` of ``band``
    still to come (all of it when None); ``pipeline`` is the weighted open pipeline expected
    to close in the rest of the period."""
    if band is None or months == 0:
        return Outlook(actual=actual, rest=0.0, sd=0.0)
    mean: Array = band.mean[:months]
    sd: Array = band.sd[:months]
    rest = max(float(np.sum(mean)), pipeline)
    return Outlook(actual=actual, rest=rest, sd=float(np.sqrt(np.sum(sd**2))))


@dataclass(frozen=True)
class ReliabilityRow:
    """Of the targets given a probability in [low, high): how many, and how many made it."""

    low: float
    high: float
    count: int
    predicted: float  # the mean probability given
    reached: float  # the share that made it
    margin: float  # two standard errors of the share at the predicted rate

    @property
    def within_margin(self) -> bool:
        return abs(self.reached - self.predicted) <= self.margin


def reliability(
    probabilities: Sequence[float], reached: Sequence[bool], *, bins: int = 10
) -> list[ReliabilityRow]:
    """The reliability table: probabilities given against outcomes, by probability band;
    empty bands are left out."""
    if len(probabilities) != len(reached):
        raise ValueError("one outcome for each probability")
    p = np.asarray(probabilities, dtype=np.float64)
    hit = np.asarray(reached, dtype=bool)
    edges = np.linspace(0.0, 1.0, bins + 1)
    rows: list[ReliabilityRow] = []
    for low, high in itertools.pairwise(edges):
        inside = (p >= low) & ((p < high) | ((high == 1.0) & (p <= 1.0)))
        count = int(inside.sum())
        if count == 0:
            continue
        predicted = float(p[inside].mean())
        margin = 2 * math.sqrt(max(predicted * (1 - predicted), 1e-9) / count)
        rows.append(
            ReliabilityRow(
                low=float(low),
                high=float(high),
                count=count,
                predicted=predicted,
                reached=float(hit[inside].mean()),
                margin=margin,
            )
        )
    return rows
