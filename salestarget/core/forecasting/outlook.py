"""The outlook of a period: actual to date plus the forecast of the rest, as a distribution.

The rest of the period is the sum of its remaining months' forecasts. Each month's spread
is read off its prediction band (``Band.sd``); the months' errors are taken as independent,
so the sum's variance is the sum of the months' variances. The total is read as normal:
``P10/P50/P90`` and the probability of reaching a figure follow. Whether such
probabilities held is measured, not assumed: :func:`target_calls` gives each past target
the probability its method's backtest would have given it before its period began, and
:func:`reliability` tabulates how many of the targets given about 70% made it.

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

    def probability(self, figure: float, *, lower_is_better: bool = False) -> float:
        """The probability that the total reaches ``figure`` (1 or 0 when nothing is left
        uncertain); for a metric where lower is better (费用率, a cost budget), the
        probability of staying at or under it: of making that target."""
        if self.sd <= 0:
            made = self.expected <= figure if lower_is_better else self.expected >= figure
            return 1.0 if made else 0.0
        z = (figure - self.expected) / self.sd
        above = 0.5 * math.erfc(z / math.sqrt(2))
        return 1.0 - above if lower_is_better else above


def outlook(
    *,
    actual: float,
    band: Band | None,
    months: int | None = None,
    weights: Array | None = None,
    pipeline: float = 0.0,
) -> Outlook:
    """The total of a period with ``actual`` to date and the first ``months`` of ``band``
    still to come (all of it when None). ``weights`` are the shares of those months still
    to come (a month half gone counts 0.5; default all 1); ``pipeline`` is the weighted open
    pipeline expected to close in the rest of the period."""
    if band is None or months == 0:
        return Outlook(actual=actual, rest=0.0, sd=0.0)
    share = np.ones(len(band.mean[:months])) if weights is None else weights[:months]
    mean: Array = band.mean[: len(share)] * share
    sd: Array = band.sd[: len(share)] * share
    rest = max(float(np.sum(mean)), pipeline)  # float ok: statistics
    return Outlook(actual=actual, rest=rest, sd=float(np.sqrt(np.sum(sd**2))))  # float ok


def level_outlook(
    *,
    actual: float | None,
    elapsed: float,
    band: Band | None,
    months: int | None = None,
    weights: Array | None = None,
) -> Outlook:
    """The period's value of a level metric (a ratio such as 费用率 or 毛利率, a mean
    score), which is held over the period rather than added up: the months' levels averaged
    by their share of the period, the ``elapsed`` months at the level to date (``actual``)
    and each month still to come at its forecast. Months weigh equally, an approximation:
    the denominator's monthly size (sales behind a 费用率) is not forecast with it."""
    if band is None or months == 0:
        return Outlook(actual=actual or 0.0, rest=0.0, sd=0.0)
    share = np.ones(len(band.mean[:months])) if weights is None else weights[:months]
    done = elapsed if actual is not None else 0.0
    total = done + float(np.sum(share))  # float ok: statistics
    if total <= 0:
        return Outlook(actual=actual or 0.0, rest=0.0, sd=0.0)
    mean: Array = band.mean[: len(share)] * share
    sd: Array = band.sd[: len(share)] * share
    return Outlook(
        actual=(actual or 0.0) * done / total,
        rest=float(np.sum(mean)) / total,  # float ok: statistics
        sd=float(np.sqrt(np.sum(sd**2))) / total,  # float ok: statistics
    )


@dataclass(frozen=True)
class PastTarget:
    """A target of a period now over, placed on its series' history: its first month's
    index, its months, its value and its direction."""

    start: int
    months: int
    value: float
    lower_is_better: bool = False


def target_calls(
    history: Array, backtest: Sequence[tuple[int, Band]], targets: Sequence[PastTarget]
) -> list[tuple[float, bool]]:
    """The probability each past target would have been given before its period began, and
    whether it was made: the method's backtest forecast from the latest origin at or before
    the period's first month whose band covers the whole period (a target no window covers
    is left out), against the history's total over the period."""
    calls: list[tuple[float, bool]] = []
    for target in targets:
        end = target.start + target.months
        if target.start < 0 or target.months < 1 or end > len(history):
            continue
        fitting = [
            (cut, band)
            for cut, band in backtest
            if cut <= target.start and end - cut <= len(band.mean)
        ]
        if not fitting:
            continue
        cut, band = max(fitting, key=lambda window: window[0])
        period = outlook(actual=0.0, band=band.months(target.start - cut), months=target.months)
        total = float(np.sum(history[target.start : end]))  # float ok: statistics
        made = total <= target.value if target.lower_is_better else total >= target.value
        chance = period.probability(target.value, lower_is_better=target.lower_is_better)
        calls.append((chance, made))
    return calls


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
        predicted = float(p[inside].mean())  # float ok: statistics
        margin = 2 * math.sqrt(max(predicted * (1 - predicted), 1e-9) / count)
        rows.append(
            ReliabilityRow(
                low=float(low),  # float ok: statistics
                high=float(high),  # float ok: statistics
                count=count,
                predicted=predicted,
                reached=float(hit[inside].mean()),  # float ok: statistics
                margin=margin,
            )
        )
    return rows
