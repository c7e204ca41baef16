"""The reliability table comes from the company's own past targets: each monthly target of
March to May 2026 gets the probability the backtest gave before its month began, beside
whether it was made; a draft plan's targets and a level metric's are left out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from django.urls import reverse

from salestarget.core.forecasting import PastTarget, forecast, target_calls
from salestarget.forecasting.models import StoredForecast
from salestarget.forecasting.series import months_between
from salestarget.forecasting.services.compute import forecasts_compute
from salestarget.targets.models import Status
from tests.forecasting.conftest import QUICK, target_of


@pytest.fixture
def past(history, june_plan):
    """Revenue plans for March, April and May 2026 (approved), one for February left in
    draft, and a 费用率 plan for May; then the run."""
    plans = [june_plan("200000", period=p) for p in ("2026-03", "2026-04", "2026-05")]
    draft = june_plan("200000", period="2026-02")
    draft.status = Status.DRAFT
    draft.save(update_fields=["status"])
    june_plan("0.1", metric="expense_rate", period="2026-05")
    run = forecasts_compute(spec=QUICK)
    assert run is not None
    return plans, run


def test_every_past_target_of_the_year_is_called_once(history, past):
    """Three plans of seven targets (the company, two regions, two teams, two people)."""
    _plans, run = past
    assert sum(len(calls) for calls in run.calls.values()) == 21
    assert len(run.calls["person"]) == 6
    assert len(run.calls["node"]) == 15


def test_a_call_is_the_backtest_forecast_before_the_month_against_its_actual(history, past):
    """王小明's April 2026: 100,000 against the 10,000 he sold, called from seasonal naive's
    backtest window of the latest origin whose six months reach April."""
    plans, run = past
    april = target_of(plans[1], person=history.rep)
    assert april.value == Decimal("100000")
    stored = StoredForecast.objects.get(
        run=run, metric="revenue", kind="person", person=history.rep
    )
    values = np.asarray([float(v) for v in stored.history])
    (result,) = forecast([values], horizon=1, spec=QUICK)
    start = months_between(stored.history_start, dt.date(2026, 4, 1))
    ((chance, made),) = target_calls(
        values, result.backtest, [PastTarget(start=start, months=1, value=100000.0)]
    )
    assert made is False
    assert [round(chance, 4), made] in run.calls["person"]


def test_the_outlook_page_shows_the_table_and_how_many_targets(login, history, past):
    plans, _run = past
    response = login(history.manager_north).get(
        reverse("forecasting:outlook"), {"plan": plans[0].pk}
    )
    assert response.context["reliability_targets"] == 21
    assert response.context["reliability"]
    assert b'data-testid="reliability-note"' in response.content
