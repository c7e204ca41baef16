"""One call forecasts one series or many: the method is chosen per series by backtest.

The rules, in order (``docs/forecasting.md`` states them for users):

1. Months before the first non-zero month are not history (a person who joined in March
   has no sales in January, not zero sales). Nothing left: ``NO_HISTORY``, a zero forecast.
2. Two seasons or more, and at least half of the last two seasons' months are zero:
   ``INTERMITTENT_MEAN`` (timing is not predictable; the yearly amount roughly is).
3. Too short for one backtest window (two seasons of training plus the backtest horizon):
   the group's seasonal pattern scaled to the months there are when the caller gives one
   (a new rep gets the team's pattern), else ``SEASONAL_NAIVE`` from one season on, else
   ``RECENT_MEAN``.
4. Otherwise every candidate (ETS, Theta, their combination) and seasonal naive are
   backtested on a rolling origin; the lowest MASE wins (sMAPE when no MASE). When that is
   seasonal naive, no model beat it and seasonal naive is used (``NAIVE_NOT_BEATEN``); a
   tie goes to seasonal naive too.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from multiprocessing import get_context
from typing import overload

import numpy as np

from salestarget.core.forecasting.accuracy import (
    Accuracy,
    Array,
    BacktestSpec,
    origins,
    summarise,
    window_scores,
)
from salestarget.core.forecasting.methods import (
    Band,
    Method,
    combine,
    group_pattern_band,
    intermittent_band,
    model_band,
    recent_mean_band,
    zero_band,
)


class Reason(StrEnum):
    BEST_ON_BACKTEST = "best_on_backtest"
    NAIVE_NOT_BEATEN = "naive_not_beaten"
    SHORT_HISTORY = "short_history"
    INTERMITTENT = "intermittent"
    NO_HISTORY = "no_history"


@dataclass(frozen=True)
class ForecastSpec:
    backtest: BacktestSpec = field(default_factory=BacktestSpec)
    candidates: tuple[Method, ...] = (Method.ETS, Method.THETA, Method.COMBINATION)
    ets_model: str = "ZZZ"  # AutoETS's model space: error, trend, season (Z = chosen)
    intermittent_share: float = 0.5
    n_jobs: int = 1


@dataclass(frozen=True)
class SeriesForecast:
    """A series' forecast: the band, the method used and why, and its backtest figures."""

    method: Method
    reason: Reason
    band: Band
    history: int  # months of history used (after leading zeros)
    accuracy: Accuracy | None = None  # the method's backtest
    naive_accuracy: Accuracy | None = None  # seasonal naive's, on the same windows
    candidates: Mapping[Method, Accuracy] = field(default_factory=dict)
    # The method's backtest forecasts: (training length, band over the backtest horizon).
    backtest: tuple[tuple[int, Band], ...] = ()

    @property
    def beats_naive(self) -> bool | None:
        """Whether the method's backtest MASE is below seasonal naive's (None: no backtest)."""
        if self.accuracy is None or self.naive_accuracy is None:
            return None
        if self.accuracy.mase is None or self.naive_accuracy.mase is None:
            return self.accuracy.smape < self.naive_accuracy.smape
        return self.accuracy.mase < self.naive_accuracy.mase


@overload
def forecast(
    values: Array,
    *,
    horizon: int,
    season_length: int = 12,
    spec: ForecastSpec | None = None,
    pattern: Array | None = None,
    next_phase: int = 0,
) -> SeriesForecast: ...
@overload
def forecast(
    values: Sequence[Array],
    *,
    horizon: int,
    season_length: int = 12,
    spec: ForecastSpec | None = None,
    pattern: Sequence[Array | None] | Array | None = None,
    next_phase: int = 0,
) -> list[SeriesForecast]: ...
def forecast(
    values: Array | Sequence[Array],
    *,
    horizon: int,
    season_length: int = 12,
    spec: ForecastSpec | None = None,
    pattern: Sequence[Array | None] | Array | None = None,
    next_phase: int = 0,
) -> SeriesForecast | list[SeriesForecast]:
    """Forecast ``horizon`` months of one series (a 1-D array) or of many (a sequence of
    1-D arrays, each its own length, all ending the month before the forecast).

    ``pattern`` is a group's seasonal pattern (``season_length`` weights, see
    :func:`seasonal_pattern`) used for short histories: one for every series, or one (or
    None) per series. ``next_phase`` is the season position of the first forecast month
    (for monthly series, the calendar month − 1).
    """
    spec = spec or ForecastSpec()
    if horizon < 1:
        raise ValueError("a forecast needs a horizon of at least one month")
    single = isinstance(values, np.ndarray) and values.ndim == 1
    many: list[Array] = (
        [np.asarray(values, dtype=np.float64)]
        if single
        else [np.asarray(v, dtype=np.float64) for v in values]
    )
    patterns = _patterns(pattern, len(many), season_length)
    run = partial(
        _forecast_one,
        horizon=horizon,
        season_length=season_length,
        spec=spec,
        next_phase=next_phase,
    )
    if spec.n_jobs > 1 and len(many) > 1:
        with ProcessPoolExecutor(spec.n_jobs, mp_context=get_context("fork")) as pool:
            results = list(pool.map(run, many, patterns, chunksize=max(1, len(many) // 16)))
    else:
        results = [run(v, p) for v, p in zip(many, patterns, strict=True)]
    return results[0] if single else results


def _patterns(
    pattern: Sequence[Array | None] | Array | None, count: int, season_length: int
) -> list[Array | None]:
    if pattern is None:
        return [None] * count
    if isinstance(pattern, np.ndarray) and pattern.ndim == 1:
        items: list[Array | None] = [pattern] * count
    else:
        items = [None if p is None else np.asarray(p, dtype=np.float64) for p in pattern]
    if len(items) != count:
        raise ValueError(f"{len(items)} patterns for {count} series")
    for item in items:
        if item is not None and len(item) != season_length:
            raise ValueError(f"a pattern needs {season_length} weights, got {len(item)}")
    return items


def _forecast_one(
    values: Array,
    pattern: Array | None,
    *,
    horizon: int,
    season_length: int,
    spec: ForecastSpec,
    next_phase: int,
) -> SeriesForecast:
    started = np.flatnonzero(values)
    history = values[started[0] :] if len(started) else values[:0]
    n = len(history)
    if n == 0:
        return SeriesForecast(Method.NO_HISTORY, Reason.NO_HISTORY, zero_band(horizon), 0)
    floor = bool(np.all(history >= 0))
    two_seasons = 2 * season_length
    if n >= two_seasons and np.mean(history[-two_seasons:] == 0) >= spec.intermittent_share:
        band = intermittent_band(history, horizon, season_length, floor_at_zero=floor)
        return SeriesForecast(Method.INTERMITTENT_MEAN, Reason.INTERMITTENT, band, n)
    cuts = origins(n, spec.backtest, min_train=two_seasons)
    if not cuts:
        return _short(history, pattern, horizon, season_length, next_phase, floor, spec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _chosen_by_backtest(history, cuts, horizon, season_length, spec)


def _short(
    history: Array,
    pattern: Array | None,
    horizon: int,
    season_length: int,
    next_phase: int,
    floor: bool,
    spec: ForecastSpec,
) -> SeriesForecast:
    n = len(history)
    if pattern is not None and float(np.sum(pattern)) > 0:  # float ok: statistics
        band = group_pattern_band(
            history, horizon, pattern, next_phase=next_phase, floor_at_zero=floor
        )
        return SeriesForecast(Method.GROUP_PATTERN, Reason.SHORT_HISTORY, band, n)
    if n >= season_length:
        band = model_band(Method.SEASONAL_NAIVE, history, horizon, season_length)
        return SeriesForecast(Method.SEASONAL_NAIVE, Reason.SHORT_HISTORY, band, n)
    band = recent_mean_band(history, horizon, floor_at_zero=floor)
    return SeriesForecast(Method.RECENT_MEAN, Reason.SHORT_HISTORY, band, n)


def _chosen_by_backtest(
    history: Array, cuts: list[int], horizon: int, season_length: int, spec: ForecastSpec
) -> SeriesForecast:
    bt = spec.backtest.horizon
    fitted = {m for m in spec.candidates if m is not Method.COMBINATION}
    if Method.COMBINATION in spec.candidates:
        fitted |= {Method.ETS, Method.THETA}
    scored = [*spec.candidates, Method.SEASONAL_NAIVE]
    scores: dict[Method, list[tuple[float | None, float, float]]] = {m: [] for m in scored}
    windows: list[dict[Method, Band]] = []
    for cut in cuts:
        train, actual = history[:cut], history[cut : cut + bt]
        bands: dict[Method, Band] = {
            m: model_band(m, train, bt, season_length, ets_model=spec.ets_model)
            for m in (*sorted(fitted), Method.SEASONAL_NAIVE)
        }
        if Method.COMBINATION in spec.candidates:
            bands[Method.COMBINATION] = combine([bands[Method.ETS], bands[Method.THETA]])
        for m in scored:
            scores[m].append(window_scores(train, actual, bands[m].mean, season_length))
        windows.append(bands)
    accuracy = {m: summarise(s) for m, s in scores.items()}
    naive = accuracy[Method.SEASONAL_NAIVE]
    best = min(scored, key=lambda m: (_rank(accuracy[m]), m is not Method.SEASONAL_NAIVE))
    reason = Reason.NAIVE_NOT_BEATEN if best is Method.SEASONAL_NAIVE else Reason.BEST_ON_BACKTEST
    band = model_band(best, history, horizon, season_length, ets_model=spec.ets_model)
    return SeriesForecast(
        best,
        reason,
        band,
        len(history),
        accuracy[best],
        naive,
        candidates=accuracy,
        backtest=tuple((cut, w[best]) for cut, w in zip(cuts, windows, strict=True)),
    )


def _rank(accuracy: Accuracy) -> tuple[int, float]:
    """MASE first; a method without MASE ranks after those with one, by sMAPE."""
    if accuracy.mase is None:
        return (1, accuracy.smape)
    return (0, accuracy.mase)


def seasonal_pattern(values: Array, season_length: int, *, next_phase: int) -> Array | None:
    """A group's seasonal pattern from its history (the sum of its members' series): the
    mean share of each season position in its full seasons, scaled to mean 1. None when the
    history has no full season with sales."""
    n = (len(values) // season_length) * season_length
    if n == 0:
        return None
    seasons = values[len(values) - n :].reshape(-1, season_length)
    totals = seasons.sum(axis=1)
    seasons = seasons[totals > 0]
    if len(seasons) == 0:
        return None
    shares = (seasons / seasons.sum(axis=1, keepdims=True)).mean(axis=0)
    # The rows start at the season position of the first kept month.
    first = (next_phase - n) % season_length
    by_position = np.roll(shares, first)
    return np.asarray(by_position * season_length, dtype=np.float64)
