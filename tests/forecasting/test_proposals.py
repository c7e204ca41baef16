"""Next year's target proposals for a unit, each with its error on past years."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from salestarget.forecasting.models import StoredForecast
from salestarget.forecasting.queries.proposals import year_proposals


def test_four_methods_propose_2027_with_their_probability(run, history):
    stored = StoredForecast.objects.get(run=run, kind="node", node=history.north)
    found = year_proposals(stored, run)
    assert found is not None
    assert found.year_start == dt.date(2027, 1, 1)
    by_method = {r.proposal.method: r for r in found.rows}
    assert set(by_method) == {"history", "trend", "regression", "forecast"}
    # 2026 is January–May actual and June–December forecast (7 of the run's months).
    months_2026 = [float(v) for v in stored.history[-5:]] + [float(v) for v in stored.mean[:7]]
    assert found.this_year == pytest.approx(sum(months_2026))
    assert by_method["forecast"].proposal.value == pytest.approx(
        sum(float(v) for v in stored.mean[7:19])
    )
    # The forecast's own P50: about even odds.
    assert by_method["forecast"].probability == pytest.approx(0.5, abs=0.01)
    for row in found.rows:
        assert 0 <= row.probability <= 1
    assert len(by_method["history"].proposal.errors) == 1  # 2025 proposed from 2024
    assert by_method["regression"].proposal.errors == ()  # two whole years before 2025: none


def test_the_page_shows_a_units_proposals_to_its_manager_only(login, run, history):
    url = reverse("forecasting:proposals")
    page = login(history.manager_north).get(url, {"node": history.north.pk})
    assert page.status_code == 200
    assert b'data-method="regression"' in page.content
    assert login(history.manager_north).get(url, {"node": history.east.pk}).status_code == 404
    assert login(history.rep).get(url).status_code == 403
    api = login(history.manager_north).get(f"/api/forecasting/proposals?node={history.north.pk}")
    assert api.status_code == 200
    assert {p["method"] for p in api.json()["proposals"]} >= {"history", "forecast"}


def test_a_new_company_reads_how_much_history_a_proposal_needs(login, first_run, first_weeks):
    page = login(first_weeks.manager_north).get(
        reverse("forecasting:proposals"), {"node": first_weeks.north.pk}
    )
    text = page.content.decode()
    assert 'data-testid="short-history"' in text
    assert "明年目标的建议至少需要 12 个月的销售历史，现在有 0 个完整月份（共 15 天的销售）" in text
