"""Invariants of the fallback forecasts and the outlook, for any history (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from salestarget.core.forecasting import forecast, outlook

months = st.lists(st.floats(min_value=0, max_value=1e7), min_size=1, max_size=11)
pattern = st.lists(st.floats(min_value=0.01, max_value=5), min_size=12, max_size=12)


@settings(max_examples=60, deadline=None)
@given(values=months, weights=pattern, phase=st.integers(0, 11), horizon=st.integers(1, 18))
def test_a_short_history_band_is_ordered_and_never_below_zero(values, weights, phase, horizon):
    result = forecast(
        np.array(values), horizon=horizon, pattern=np.array(weights), next_phase=phase
    )
    b = result.band
    assert len(b.mean) == horizon
    assert (b.lo95 <= b.lo80 + 1e-6).all()
    assert (b.lo80 <= b.mean + 1e-6).all()
    assert (b.mean <= b.hi80 + 1e-6).all()
    assert (b.hi80 <= b.hi95 + 1e-6).all()
    assert (b.lo95 >= 0).all()  # sales never went negative, so neither does the band


@settings(max_examples=60, deadline=None)
@given(
    actual=st.floats(min_value=0, max_value=1e8),
    values=months,
    low=st.floats(min_value=0, max_value=1e9),
    step=st.floats(min_value=0, max_value=1e9),
)
def test_the_chance_of_a_higher_figure_is_never_larger(actual, values, low, step):
    band = forecast(np.array(values), horizon=6).band
    period = outlook(actual=actual, band=band)
    assert period.p10 <= period.p50 <= period.p90
    assert 0 <= period.probability(low + step) <= period.probability(low) <= 1
