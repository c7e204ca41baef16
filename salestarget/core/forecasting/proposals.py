"""Proposals for next year's target (目标建议), each with its error on past years.

The input is a monthly series aligned to fiscal years (its length a multiple of 12): whole
past years of actuals, then the current year, whose remaining months the caller filled with
the forecast. Three methods work on it here:

- **history** (历史分析法): this year × (1 + this year's growth over last year);
- **trend** (趋势分析): the next point of the least-squares line through the yearly totals
  (three years at least);
- **regression** (回归): monthly values on a time trend and calendar-month effects (least
  squares), summed over next year's months (two years at least).

The fourth, **forecast-based**, is the sum of the stored forecast's next-year months; the
forecasting task backtests it (:func:`year_error`).

Each method's error is measured the way it is used: standing at the end of each of the last
``years`` complete years but one, the method proposes the following year from the data up to
then, and the absolute percentage error against what that year sold is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from salestarget.core.forecasting.accuracy import Array

YEAR = 12


@dataclass(frozen=True)
class Proposal:
    method: str
    value: float
    errors: tuple[float, ...]  # absolute percentage errors on past years, most recent first

    @property
    def error(self) -> float | None:
        """The mean absolute percentage error on past years (None: none measured)."""
        return sum(self.errors) / len(self.errors) if self.errors else None


def _years(monthly: Array) -> Array:
    return np.asarray(monthly.reshape(-1, YEAR).sum(axis=1), dtype=np.float64)


def history_next(monthly: Array) -> float | None:
    years = _years(monthly)
    if len(years) < 2 or years[-2] <= 0:
        return float(years[-1]) if len(years) else None  # float ok: statistics
    return float(years[-1] * years[-1] / years[-2])  # float ok: statistics


def trend_next(monthly: Array) -> float | None:
    years = _years(monthly)
    if len(years) < 3:
        return None
    slope, intercept = np.polyfit(np.arange(len(years)), years, 1)
    return float(slope * len(years) + intercept)  # float ok: statistics


def regression_next(monthly: Array) -> float | None:
    if len(monthly) < 2 * YEAR:
        return None
    t = np.arange(len(monthly) + YEAR, dtype=np.float64)
    design = np.column_stack([t, *(t % YEAR == m for m in range(YEAR))]).astype(np.float64)
    coefficients, *_ = np.linalg.lstsq(design[: len(monthly)], monthly, rcond=None)
    return float((design[len(monthly) :] @ coefficients).sum())  # float ok: statistics


METHODS: dict[str, Callable[[Array], float | None]] = {
    "history": history_next,
    "trend": trend_next,
    "regression": regression_next,
}


def _pct_error(predicted: float | None, actual: float) -> float | None:
    if predicted is None or actual <= 0:
        return None
    return abs(predicted - actual) / actual


def proposals(monthly: Array, *, years: int = 3) -> list[Proposal]:
    """Each method's proposal for the year after ``monthly`` and its past-year errors."""
    if len(monthly) % YEAR or len(monthly) == 0:
        raise ValueError("a monthly series of whole years is needed")
    out: list[Proposal] = []
    for name, method in METHODS.items():
        value = method(monthly)
        if value is None:
            continue
        errors: list[float] = []
        # The current year is part forecast: the backtests end at whole past years.
        for back in range(2, years + 2):
            cut = len(monthly) - back * YEAR
            if cut <= 0:
                break
            sold = float(monthly[cut : cut + YEAR].sum())  # float ok: statistics
            error = _pct_error(method(monthly[:cut]), sold)
            if error is not None:
                errors.append(error)
        out.append(Proposal(name, value, tuple(errors)))
    return out


def year_error(predicted: Array, actual: Array) -> float | None:
    """The absolute percentage error of a year's total (the forecast-based method's backtest)."""
    return _pct_error(float(np.sum(predicted)), float(np.sum(actual)))  # float ok: statistics
