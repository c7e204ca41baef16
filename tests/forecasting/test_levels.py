"""Accuracy per level: each kind of series' mean backtest error (MASE, sMAPE, bias) beside
seasonal naive's, on the outlook page and in the API's run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from salestarget.forecasting.models import StoredForecast
from salestarget.forecasting.queries.plan import level_accuracy


def test_a_level_is_the_mean_of_its_series_backtests(history, run):
    levels = {level.kind: level for level in level_accuracy(run)}
    assert set(levels) == {"person", "node", "node_line"}
    people = StoredForecast.objects.filter(run=run, kind="person", windows__gt=0)
    assert levels["person"].series == people.count() == 2
    mases = [p.mase for p in people if p.mase is not None]
    assert levels["person"].mase == pytest.approx(sum(mases) / len(mases))
    smapes = [p.smape for p in people]
    assert levels["person"].smape == pytest.approx(sum(smapes) / len(smapes))
    # Seasonal naive alone (the tests' quick spec): it never beats itself.
    assert levels["person"].naive_mase == pytest.approx(levels["person"].mase)
    assert levels["person"].beating_naive == 0


def test_the_page_and_the_api_show_each_level(login, history, run, june_plan):
    plan = june_plan()
    client = login(history.manager_north)
    page = client.get(reverse("forecasting:outlook"), {"plan": plan.pk}).content.decode()
    assert 'data-testid="level-accuracy"' in page
    assert 'data-kind="node_line"' in page
    body = client.get("/api/forecasting/run").json()
    assert [level["kind"] for level in body["levels"]] == ["person", "node", "node_line"]
    assert body["levels"][0]["series"] == 2
