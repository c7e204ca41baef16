"""Statistical forecasting on plain arrays: no Django, numpy in, dataclasses out.

``forecast(values, horizon=…, season_length=12)`` forecasts one series or many, choosing
each series' method by rolling-origin backtest; ``outlook`` turns a forecast into the
distribution of a period's total and the probability of reaching a figure; ``reliability``
checks such probabilities against what happened. See ``docs/forecasting.md``.
"""

from salestarget.core.forecasting.accuracy import Accuracy, BacktestSpec, mean_accuracy
from salestarget.core.forecasting.methods import Band, Method
from salestarget.core.forecasting.outlook import (
    Outlook,
    PastTarget,
    ReliabilityRow,
    level_outlook,
    outlook,
    reliability,
    target_calls,
)
from salestarget.core.forecasting.selection import (
    ForecastSpec,
    Reason,
    SeriesForecast,
    forecast,
    seasonal_pattern,
)

__all__ = [
    "Accuracy",
    "BacktestSpec",
    "Band",
    "ForecastSpec",
    "Method",
    "Outlook",
    "PastTarget",
    "Reason",
    "ReliabilityRow",
    "SeriesForecast",
    "forecast",
    "level_outlook",
    "mean_accuracy",
    "outlook",
    "reliability",
    "seasonal_pattern",
    "target_calls",
]
