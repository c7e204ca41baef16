"""Backtest arithmetic against cases worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from salestarget.core.forecasting import BacktestSpec, forecast
from salestarget.core.forecasting.accuracy import (
    Accuracy,
    bias,
    mase_scale,
    mean_accuracy,
    origins,
    smape,
    summarise,
    window_scores,
)


def test_windows_end_at_the_last_month_and_step_back():
    spec = BacktestSpec(horizon=6, windows=3, step=3)
    # 40 months: the last window trains on 34 and scores months 35–40.
    assert origins(40, spec, min_train=24) == [28, 31, 34]


def test_a_short_history_gets_fewer_windows_or_none():
    spec = BacktestSpec(horizon=6, windows=3, step=3)
    assert origins(32, spec, min_train=24) == [26]
    assert origins(29, spec, min_train=24) == []


def test_a_backtest_needs_positive_sizes():
    with pytest.raises(ValueError, match="at least 1"):
        BacktestSpec(horizon=0)


def test_smape_counts_a_month_where_both_are_zero_as_perfect():
    # 200·10/210 = 9.5238…; the second month is 0 against 0.
    assert smape(np.array([100.0, 0.0]), np.array([110.0, 0.0])) == pytest.approx(
        (200 * 10 / 210) / 2
    )


def test_bias_is_the_net_error_over_the_actual_volume():
    # (+10 − 30) / 300: forecast 6.7% short.
    assert bias(np.array([100.0, 200.0]), np.array([110.0, 170.0])) == pytest.approx(-20 / 300)


def test_mase_scales_by_the_naive_error_of_the_training_part():
    # Under two seasons the scale is lag 1: |12−10|, |14−12|, |16−14| → 2.
    train = np.array([10.0, 12.0, 14.0, 16.0])
    assert mase_scale(train, 12) == 2.0
    mase, _, _ = window_scores(train, np.array([18.0, 20.0]), np.array([17.0, 22.0]), 12)
    assert mase == pytest.approx(1.5 / 2)  # errors 1 and 2, mean 1.5


def test_a_flat_training_part_has_no_mase_and_the_mean_skips_it():
    assert mase_scale(np.array([5.0, 5.0, 5.0]), 12) is None
    acc = summarise([(None, 10.0, 0.1), (2.0, 20.0, -0.1)])
    assert acc == Accuracy(mase=2.0, smape=15.0, bias=0.0, windows=2)


def test_the_mean_over_series_is_a_level_figure():
    level = mean_accuracy(
        [Accuracy(1.0, 10.0, 0.1, 3), Accuracy(3.0, 20.0, -0.3, 3), Accuracy(None, 30.0, 0, 1)]
    )
    assert level == Accuracy(mase=2.0, smape=20.0, bias=pytest.approx(-0.2 / 3), windows=7)
    assert mean_accuracy([]) is None


def test_seasonal_naive_on_a_growing_year_is_off_by_the_growth():
    """Each year is last year + 10: seasonal naive is 10 short in every backtest month, and
    the seasonal in-sample naive error is also 10, so its MASE is exactly 1."""
    pattern = np.array([50, 60, 80, 70, 90, 100, 95, 85, 75, 65, 70, 120], dtype=float)
    values = np.concatenate([pattern, pattern + 10, pattern + 20])
    result = forecast(values, horizon=3, spec=_spec())
    naive = result.naive_accuracy
    assert naive is not None
    assert naive.windows == 3
    assert naive.mase == pytest.approx(1.0)
    # The three windows score months 25–30, 28–33, 31–36 of the third year.
    windows = [values[c : c + 6] for c in (24, 27, 30)]
    assert naive.bias == pytest.approx(np.mean([-60 / w.sum() for w in windows]))
    expected_smape = np.mean([np.mean(200 * 10 / (2 * w - 10)) for w in windows])
    assert naive.smape == pytest.approx(expected_smape)


def _spec():
    from salestarget.core.forecasting import ForecastSpec, Method

    return ForecastSpec(candidates=(Method.THETA,))


def test_proposals_and_their_errors_on_past_years_worked_by_hand():
    from salestarget.core.forecasting.proposals import proposals

    # Four years growing 10% a year, flat within each year: 1,200, 1,320, 1,452, 1,597.2.
    years = [100.0, 110.0, 121.0, 133.1]
    monthly = np.repeat(years, 12)
    by_method = {p.method: p for p in proposals(monthly, years=3)}
    history = by_method["history"]
    assert history.value == pytest.approx(1597.2 * 1.1)
    # The fourth year is this year (part forecast), so the backtests stand at the end of
    # year 2, proposing 1,320 × 1.1 = 1,452 (exact), and of year 1, with no growth to repeat
    # yet, 1,200 for a year that sold 1,320.
    assert history.errors == pytest.approx((0.0, 120 / 1320))
    trend = by_method["trend"]
    slope, intercept = np.polyfit([0, 1, 2, 3], [1200, 1320, 1452, 1597.2], 1)
    assert trend.value == pytest.approx(slope * 4 + intercept)


def test_a_regression_on_a_straight_monthly_line_is_exact():
    from salestarget.core.forecasting.proposals import proposals

    monthly = 100 + np.arange(48, dtype=float)
    regression = {p.method: p for p in proposals(monthly)}["regression"]
    assert regression.value == pytest.approx(sum(100 + t for t in range(48, 60)))
    # Only the third year can be proposed from two years before it.
    assert regression.errors == pytest.approx((0.0,))
    with pytest.raises(ValueError, match="whole years"):
        proposals(np.ones(30))
