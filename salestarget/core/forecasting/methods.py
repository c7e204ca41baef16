"""The forecasting methods: statsforecast's models, their combination, and the simple
fallbacks for short or intermittent histories.

statsforecast (Nixtla) is imported on first use: it brings pandas and statsmodels, whose
import takes seconds, and only the forecasting task and the benchmark need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from salestarget.core.forecasting.accuracy import Array

Z80 = 1.2815515655446004  # the standard normal's 90% quantile: an 80% central band
Z95 = 1.959963984540054
# The relative spread a short history is given at least: three months say little about how
# much a month can vary, so the band is never narrower than ±30% (1 sd) of the forecast.
SHORT_HISTORY_MIN_CV = 0.3


class Method(StrEnum):
    ETS = "ets"  # automatic exponential smoothing (AutoETS)
    THETA = "theta"  # automatic Theta (AutoTheta)
    COMBINATION = "combination"  # the mean of ETS and Theta
    SEASONAL_NAIVE = "seasonal_naive"  # the same month a season earlier
    GROUP_PATTERN = "group_pattern"  # the group's seasonal pattern scaled to the history
    RECENT_MEAN = "recent_mean"  # the mean of the months there are
    INTERMITTENT_MEAN = "intermittent_mean"  # the mean of the last season, zeros included
    NO_HISTORY = "no_history"  # nothing sold yet: zero


MODEL_METHODS = (Method.ETS, Method.THETA, Method.COMBINATION, Method.SEASONAL_NAIVE)


@dataclass(frozen=True)
class Band:
    """Point forecasts with their 80% and 95% prediction intervals, one value per month."""

    mean: Array
    lo80: Array
    hi80: Array
    lo95: Array
    hi95: Array

    def months(self, start: int, stop: int | None = None) -> Band:
        """The band of months ``start`` … ``stop`` − 1."""
        cut = slice(start, stop)
        return Band(self.mean[cut], self.lo80[cut], self.hi80[cut], self.lo95[cut], self.hi95[cut])

    @property
    def sd(self) -> Array:
        """Each month's standard deviation read off the upper 80% bound (a normal reading;
        the upper side, because a lower bound may have been cut at zero)."""
        return np.maximum(self.hi80 - self.mean, 0.0) / Z80


def normal_band(mean: Array, sd: Array, *, floor_at_zero: bool) -> Band:
    lo80, lo95 = mean - Z80 * sd, mean - Z95 * sd
    if floor_at_zero:
        lo80, lo95 = np.maximum(lo80, 0.0), np.maximum(lo95, 0.0)
    return Band(mean=mean, lo80=lo80, hi80=mean + Z80 * sd, lo95=lo95, hi95=mean + Z95 * sd)


def _statsforecast_model(method: Method, season_length: int, ets_model: str) -> Any:
    from statsforecast.models import AutoETS, AutoTheta, SeasonalNaive

    if method is Method.ETS:
        return AutoETS(season_length=season_length, model=ets_model)
    if method is Method.THETA:
        return AutoTheta(season_length=season_length)
    return SeasonalNaive(season_length=season_length)


def model_band(
    method: Method, values: Array, horizon: int, season_length: int, *, ets_model: str = "ZZZ"
) -> Band:
    """One of the model methods fitted on ``values`` and run ``horizon`` months ahead."""
    if method is Method.COMBINATION:
        ets = model_band(Method.ETS, values, horizon, season_length, ets_model=ets_model)
        theta = model_band(Method.THETA, values, horizon, season_length)
        return combine([ets, theta])
    model = _statsforecast_model(method, season_length, ets_model)
    out = model.forecast(y=values, h=horizon, level=[80, 95])
    return Band(
        mean=np.asarray(out["mean"], dtype=np.float64),
        lo80=np.asarray(out["lo-80"], dtype=np.float64),
        hi80=np.asarray(out["hi-80"], dtype=np.float64),
        lo95=np.asarray(out["lo-95"], dtype=np.float64),
        hi95=np.asarray(out["hi-95"], dtype=np.float64),
    )


def combine(bands: list[Band]) -> Band:
    """The equal-weight combination: each bound is the mean of the methods' bounds (a simple,
    slightly conservative band: the methods' errors are correlated, not independent)."""
    return Band(
        mean=np.mean([b.mean for b in bands], axis=0),
        lo80=np.mean([b.lo80 for b in bands], axis=0),
        hi80=np.mean([b.hi80 for b in bands], axis=0),
        lo95=np.mean([b.lo95 for b in bands], axis=0),
        hi95=np.mean([b.hi95 for b in bands], axis=0),
    )


def season_positions(count: int, *, next_phase: int, season_length: int, ahead: bool) -> Array:
    """The season positions (0 … season_length − 1) of ``count`` history months ending just
    before the forecast (``ahead=False``) or of ``count`` forecast months (``ahead=True``);
    ``next_phase`` is the position of the first forecast month."""
    steps = np.arange(count) if ahead else np.arange(-count, 0)
    return np.asarray((next_phase + steps) % season_length, dtype=np.float64)


def group_pattern_band(
    values: Array, horizon: int, pattern: Array, *, next_phase: int, floor_at_zero: bool
) -> Band:
    """A short history scaled to its group's seasonal pattern: the level is what the months
    there are sold over what the pattern gives those months; the band is the months' own
    relative deviation from the scaled pattern, at least ``SHORT_HISTORY_MIN_CV``."""
    season_length = len(pattern)
    past = season_positions(
        len(values), next_phase=next_phase, season_length=season_length, ahead=False
    ).astype(int)
    future = season_positions(
        horizon, next_phase=next_phase, season_length=season_length, ahead=True
    ).astype(int)
    weight = float(np.sum(pattern[past]))  # float ok: statistics
    level = float(np.sum(values)) / weight if weight > 0 else float(np.mean(values))  # float ok
    fitted = level * pattern[past]
    relative = np.divide(values - fitted, fitted, out=np.zeros_like(fitted), where=fitted != 0)
    spread = float(np.std(relative)) if len(values) > 1 else 0.0  # float ok: statistics
    mean = level * pattern[future]
    sd = np.abs(mean) * max(spread, SHORT_HISTORY_MIN_CV)
    return normal_band(mean, sd, floor_at_zero=floor_at_zero)


def recent_mean_band(values: Array, horizon: int, *, floor_at_zero: bool) -> Band:
    """The mean of the months there are, flat, with their spread (at least
    ``SHORT_HISTORY_MIN_CV`` of the mean)."""
    mean_value = float(np.mean(values))  # float ok: statistics
    spread = float(np.std(values)) if len(values) > 1 else 0.0  # float ok: statistics
    sd = max(spread, abs(mean_value) * SHORT_HISTORY_MIN_CV)
    return normal_band(
        np.full(horizon, mean_value), np.full(horizon, sd), floor_at_zero=floor_at_zero
    )


def intermittent_band(
    values: Array, horizon: int, season_length: int, *, floor_at_zero: bool
) -> Band:
    """Sparse sales: the mean of the last season (zeros included) with the spread of the last
    two seasons, flat: timing is not predictable, the yearly amount roughly is."""
    recent = values[-season_length:]
    spread = float(np.std(values[-2 * season_length :]))  # float ok: statistics
    return normal_band(
        np.full(horizon, float(np.mean(recent))),  # float ok: statistics
        np.full(horizon, spread),
        floor_at_zero=floor_at_zero,
    )


def zero_band(horizon: int) -> Band:
    zeros = np.zeros(horizon)
    return Band(mean=zeros, lo80=zeros, hi80=zeros, lo95=zeros, hi95=zeros)
