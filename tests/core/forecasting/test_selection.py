"""Which method a series gets: the fallback rules, and the choice by backtest."""

from __future__ import annotations

import numpy as np
import pytest

from salestarget.core.forecasting import (
    ForecastSpec,
    Method,
    Reason,
    forecast,
    seasonal_pattern,
)

THETA_ONLY = ForecastSpec(candidates=(Method.THETA,))
PATTERN = np.array([0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 1.5])


def test_nothing_sold_yet_is_forecast_as_zero():
    result = forecast(np.zeros(20), horizon=4)
    assert result.method is Method.NO_HISTORY
    assert result.band.mean.tolist() == [0, 0, 0, 0]
    assert result.band.hi95.tolist() == [0, 0, 0, 0]


def test_months_before_the_first_sale_are_not_history():
    result = forecast(np.array([0, 0, 0, 30.0, 60.0, 90.0]), horizon=2)
    assert result.history == 3
    assert result.method is Method.RECENT_MEAN
    assert result.band.mean.tolist() == [60.0, 60.0]


def test_three_months_take_the_groups_pattern_scaled():
    """A rep who started in September: Sep–Nov weigh 1 + 1 + 1.5 in the team's pattern, so
    sales of 90 + 120 + 150 = 360 give a level of 360 / 3.5; December weighs 1.5, January
    0.5."""
    result = forecast(np.array([90.0, 120.0, 150.0]), horizon=2, pattern=PATTERN, next_phase=11)
    assert result.method is Method.GROUP_PATTERN
    assert result.reason is Reason.SHORT_HISTORY
    level = 360 / 3.5
    assert result.band.mean == pytest.approx([1.5 * level, 0.5 * level])
    # The band is at least ±30% (one sd) of the forecast, and never below zero.
    assert result.band.sd == pytest.approx([0.3 * 1.5 * level, 0.3 * 0.5 * level])
    assert (result.band.lo95 >= 0).all()


def test_one_to_two_seasons_without_a_pattern_repeat_last_year():
    values = np.arange(1, 19, dtype=float)  # 18 months
    result = forecast(values, horizon=3)
    assert result.method is Method.SEASONAL_NAIVE
    assert result.reason is Reason.SHORT_HISTORY
    assert result.band.mean.tolist() == [7.0, 8.0, 9.0]
    assert result.accuracy is None


def test_mostly_zero_months_are_intermittent():
    rng = np.random.default_rng(3)
    values = np.where(rng.random(30) < 0.3, 100.0, 0.0)
    values[0] = 100.0
    result = forecast(values, horizon=3)
    assert result.method is Method.INTERMITTENT_MEAN
    assert result.band.mean == pytest.approx([values[-12:].mean()] * 3)
    assert (result.band.lo80 >= 0).all()


def test_an_exactly_repeating_year_keeps_seasonal_naive():
    year = np.array([50, 60, 80, 70, 90, 100, 95, 85, 75, 65, 70, 120], dtype=float)
    result = forecast(np.tile(year, 3), horizon=4, spec=THETA_ONLY)
    assert result.method is Method.SEASONAL_NAIVE
    assert result.reason is Reason.NAIVE_NOT_BEATEN
    assert result.band.mean.tolist() == year[:4].tolist()
    assert result.beats_naive is False


def test_a_model_that_beats_seasonal_naive_on_backtest_is_chosen():
    """A steady climb of 5 a month: last year's month is 60 short, a trended model is not,
    so the model's MASE is lower and it is used."""
    rng = np.random.default_rng(7)
    values = 100 + 5 * np.arange(48) + rng.normal(0, 3, 48)
    result = forecast(values, horizon=6, spec=THETA_ONLY)
    assert result.method is Method.THETA
    assert result.reason is Reason.BEST_ON_BACKTEST
    assert result.beats_naive is True
    assert result.accuracy is result.candidates[Method.THETA]
    assert set(result.candidates) == {Method.THETA, Method.SEASONAL_NAIVE}


def test_many_series_in_one_call_come_back_in_order():
    results = forecast(
        [np.array([10.0, 20.0, 30.0]), np.zeros(5), np.array([5.0] * 14)],
        horizon=2,
        pattern=[PATTERN, None, None],
        next_phase=0,
    )
    assert [r.method for r in results] == [
        Method.GROUP_PATTERN,
        Method.NO_HISTORY,
        Method.SEASONAL_NAIVE,
    ]


def test_a_pattern_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="12 weights"):
        forecast([np.ones(3)], horizon=1, pattern=[np.ones(4)])


def test_a_groups_pattern_is_its_mean_monthly_share_by_calendar_month():
    """Two years starting in July (the forecast starts in July: next_phase 6); December
    holds a quarter of each year."""
    year = np.array([1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 0, 0], dtype=float)  # Jul … Jun
    pattern = seasonal_pattern(np.tile(year, 2) * 10, 12, next_phase=6)
    assert pattern is not None
    december, may, june = 11, 4, 5
    assert pattern[december] == pytest.approx(3 * 12 / 12)
    assert pattern[may] == pytest.approx(0)
    assert pattern[june] == pytest.approx(0)
    assert pattern.mean() == pytest.approx(1)
    assert seasonal_pattern(np.ones(5), 12, next_phase=0) is None
