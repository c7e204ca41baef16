"""The outlook of a period: its distribution, the probability of reaching a figure, and
whether such probabilities hold (calibration on generated data with known distributions)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from salestarget.core.forecasting import (
    Band,
    ForecastSpec,
    Method,
    PastTarget,
    forecast,
    level_outlook,
    outlook,
    reliability,
    target_calls,
)
from salestarget.core.forecasting.methods import normal_band

Z70 = 0.5244005127080407  # the standard normal's 70% quantile


def _band(mean: list[float], sd: list[float]) -> Band:
    return normal_band(np.array(mean), np.array(sd), floor_at_zero=False)


def test_the_total_is_actual_to_date_plus_the_rest_with_independent_months():
    result = outlook(actual=500.0, band=_band([100, 100, 100], [30, 40, 50]), months=2)
    assert result.expected == pytest.approx(700.0)
    assert result.sd == pytest.approx(50.0)  # √(30² + 40²); the third month is not in
    assert result.p10 == pytest.approx(700 - 1.2815515655 * 50)
    assert result.p90 == pytest.approx(700 + 1.2815515655 * 50)
    assert result.probability(700.0) == pytest.approx(0.5)
    assert result.probability(700 - Z70 * 50) == pytest.approx(0.7)


def test_a_period_with_nothing_left_is_certain():
    done = outlook(actual=900.0, band=_band([100], [30]), months=0)
    assert done.probability(900.0) == 1.0
    assert done.probability(900.01) == 0.0


def test_where_lower_is_better_the_chance_is_of_staying_under_the_target():
    result = outlook(actual=500.0, band=_band([100, 100], [30, 40]))
    assert result.probability(700 + Z70 * 50, lower_is_better=True) == pytest.approx(0.7)
    assert result.probability(700 - Z70 * 50, lower_is_better=True) == pytest.approx(0.3)
    done = outlook(actual=900.0, band=None)
    assert done.probability(900.0, lower_is_better=True) == 1.0
    assert done.probability(899.99, lower_is_better=True) == 0.0


def test_a_level_metric_averages_the_months_elapsed_and_to_come():
    """A 费用率 of 10% over the 2 months gone and 4 months forecast at 7% (each sd 1%): the
    period's level is (2 × 10% + 4 × 7%) / 6 = 8%, its sd √4 × 1% / 6."""
    band = _band([0.07] * 6, [0.01] * 6)
    result = level_outlook(actual=0.10, elapsed=2, band=band, months=4)
    assert result.expected == pytest.approx(0.08)
    assert result.sd == pytest.approx(0.02 / 6)
    assert result.probability(0.08, lower_is_better=True) == pytest.approx(0.5)
    assert level_outlook(actual=None, elapsed=2, band=band, months=4).expected == pytest.approx(
        0.07
    )


def test_a_pipeline_only_lifts_the_rest_when_it_promises_more():
    band = _band([100, 100], [10, 10])
    assert outlook(actual=0, band=band, pipeline=150.0).rest == pytest.approx(200.0)
    assert outlook(actual=0, band=band, pipeline=260.0).rest == pytest.approx(260.0)


def test_a_past_target_gets_the_forecast_made_before_its_period():
    """Windows from months 12 and 15 (six months each). A two-month target from month 16 is
    covered by both; the later origin (15, forecasting 200 a month) gives it: 50% of 400,
    and the history's 100 + 100 missed it. One from month 10 began before any origin, one
    of seven months from 12 no window covers: both left out. A cost cap of 150 in month 12
    (lower is better) from the first window (100 ± 10) is almost sure and was kept."""
    history = np.full(24, 100.0)
    backtest = [(12, _band([100] * 6, [10] * 6)), (15, _band([200] * 6, [20] * 6))]
    calls = target_calls(
        history,
        backtest,
        [
            PastTarget(start=16, months=2, value=400.0),
            PastTarget(start=10, months=1, value=100.0),
            PastTarget(start=12, months=7, value=700.0),
            PastTarget(start=12, months=1, value=150.0, lower_is_better=True),
        ],
    )
    assert [(pytest.approx(p), made) for p, made in calls] == [(0.5, False), (1.0, True)]


def test_the_reliability_table_counts_by_band():
    rows = reliability([0.72, 0.68, 0.75, 0.15], [True, False, True, False], bins=10)
    assert [(r.low, r.count) for r in rows] == [
        (pytest.approx(0.1), 1),
        (pytest.approx(0.6), 1),
        (pytest.approx(0.7), 2),
    ]
    seventy = rows[-1]
    assert seventy.predicted == pytest.approx(0.735)
    assert seventy.reached == 1.0
    assert seventy.margin == pytest.approx(2 * math.sqrt(0.735 * 0.265 / 2))


def test_a_probability_of_one_falls_in_the_top_band():
    rows = reliability([1.0], [True], bins=5)
    assert rows[0].low == pytest.approx(0.8)


def test_probabilities_hold_when_the_distribution_is_known():
    """2,000 periods whose months are drawn from the band's own normal distributions: of the
    targets set where the outlook gives 70%, about 70% are reached."""
    rng = np.random.default_rng(11)
    band = _band([100, 120, 90, 110], [15, 20, 10, 25])
    result = outlook(actual=300.0, band=band)
    target = result.expected - Z70 * result.sd
    totals = 300 + rng.normal(band.mean, band.sd, size=(2000, 4)).sum(axis=1)
    reached = totals >= target
    assert result.probability(target) == pytest.approx(0.7)
    assert abs(reached.mean() - 0.7) <= 3 * math.sqrt(0.21 / 2000)


def test_forecast_probabilities_are_calibrated_on_generated_sales():
    """120 made-up sales histories (a seasonal level with normal noise, known to us, not to
    the forecast), each cut some months into its fourth year. The forecast of the rest gives
    each a target it reaches with 70%, another with 90%; the real rest is drawn from the
    same process. About 70% and 90% are reached, within three standard errors. (The model
    space is ETS without trend, beside seasonal naive, to keep the test quick; the
    benchmark runs the full choice.)"""
    rng = np.random.default_rng(5)
    histories, actual_to_date, totals = [], [], []
    for _ in range(120):
        profile = 1 + rng.uniform(0, 0.4) * np.sin(np.arange(12) / 12 * 2 * np.pi)
        level, noise = rng.uniform(50, 200), rng.uniform(0.05, 0.25)
        values = level * np.tile(profile, 4) + rng.normal(0, noise * level, 48)
        months_in = int(rng.integers(1, 10))
        histories.append(values[: 36 + months_in])
        actual_to_date.append(values[36 : 36 + months_in].sum())
        totals.append(values[36:].sum())
    results = forecast(
        histories, horizon=12, spec=ForecastSpec(candidates=(Method.ETS,), ets_model="ZNA")
    )
    for given in (0.7, 0.9):
        reached = []
        for result, actual, total, history in zip(
            results, actual_to_date, totals, histories, strict=True
        ):
            period = outlook(actual=actual, band=result.band, months=48 - len(history))
            z = Z70 if given == 0.7 else 1.2815515655446004
            reached.append(total >= period.expected - z * period.sd)
        share = float(np.mean(reached))
        assert abs(share - given) <= 3 * math.sqrt(given * (1 - given) / len(reached)), share
