"""Forecast accuracy on a rolling origin: where the windows fall, and MASE, sMAPE and bias.

A rolling-origin backtest cuts the history at several origins: each window trains on the
values before its origin and is scored on the ``horizon`` values after it. The last window
ends at the last value; earlier ones start ``step`` months apart. Scores follow the M4
competition's definitions, so they can be compared with published figures:

- **MASE**: mean absolute error over the in-sample mean absolute error of the seasonal naive
  forecast on that window's training values (lag ``season_length``; lag 1 when the training
  part is shorter than two seasons; a flat training part gives no scale, so no MASE).
- **sMAPE**: the mean of ``200·|y − f| / (|y| + |f|)``, in percent; a month where both are 0
  is a perfect forecast (0), not a division by zero.
- **bias**: ``Σ(f − y) / Σ|y|``, a fraction; positive means the method forecast too much.

A backtest's figure is the mean of its windows' figures (a window without MASE is left out
of the MASE mean).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


@dataclass(frozen=True)
class BacktestSpec:
    """How a history is cut: ``windows`` origins ``step`` apart, each scored on ``horizon``."""

    horizon: int = 6
    windows: int = 3
    step: int = 3

    def __post_init__(self) -> None:
        if self.horizon < 1 or self.windows < 1 or self.step < 1:
            raise ValueError("a backtest needs horizon, windows and step of at least 1")


@dataclass(frozen=True)
class Accuracy:
    """The backtest figures of one method on one series (or the mean over many)."""

    mase: float | None
    smape: float
    bias: float
    windows: int


def origins(length: int, spec: BacktestSpec, *, min_train: int) -> list[int]:
    """The training lengths of the windows that fit, oldest first.

    The last window ends at the last value. Windows whose training part would be shorter
    than ``min_train`` are dropped, so a short history gets fewer windows (or none).
    """
    last = length - spec.horizon
    cuts = [last - spec.step * k for k in range(spec.windows)]
    return sorted(cut for cut in cuts if cut >= min_train)


def mase_scale(train: Array, season_length: int) -> float | None:
    """The in-sample MAE of the seasonal naive forecast (lag 1 below two seasons)."""
    lag = season_length if len(train) >= 2 * season_length else 1
    if len(train) <= lag:
        return None
    scale = float(np.mean(np.abs(train[lag:] - train[:-lag])))  # float ok: statistics
    return scale if scale > 0 else None


def smape(actual: Array, forecast: Array) -> float:
    denominator = np.abs(actual) + np.abs(forecast)
    terms = np.divide(
        200.0 * np.abs(actual - forecast),
        denominator,
        out=np.zeros_like(denominator),
        where=denominator > 0,
    )
    return float(np.mean(terms))  # float ok: statistics


def bias(actual: Array, forecast: Array) -> float:
    total = float(np.sum(np.abs(actual)))  # float ok: statistics
    if total == 0:
        return 0.0
    return float(np.sum(forecast - actual)) / total  # float ok: statistics


def window_scores(
    train: Array, actual: Array, forecast: Array, season_length: int
) -> tuple[float | None, float, float]:
    """(MASE, sMAPE, bias) of one window."""
    scale = mase_scale(train, season_length)
    mase = None if scale is None else float(np.mean(np.abs(actual - forecast))) / scale  # float ok
    return mase, smape(actual, forecast), bias(actual, forecast)


def summarise(scores: list[tuple[float | None, float, float]]) -> Accuracy:
    """The mean of the windows' scores."""
    if not scores:
        raise ValueError("an accuracy needs at least one scored window")
    mases = [s[0] for s in scores if s[0] is not None]
    return Accuracy(
        mase=sum(mases) / len(mases) if mases else None,
        smape=sum(s[1] for s in scores) / len(scores),
        bias=sum(s[2] for s in scores) / len(scores),
        windows=len(scores),
    )


def mean_accuracy(items: list[Accuracy]) -> Accuracy | None:
    """The mean figures over many series (a level's accuracy): MASE over those that have it."""
    if not items:
        return None
    mases = [a.mase for a in items if a.mase is not None and math.isfinite(a.mase)]
    return Accuracy(
        mase=sum(mases) / len(mases) if mases else None,
        smape=sum(a.smape for a in items) / len(items),
        bias=sum(a.bias for a in items) / len(items),
        windows=sum(a.windows for a in items),
    )
