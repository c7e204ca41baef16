"""The plan form's 可实现 check and proposals, fed by forecasting through targets' registry:
the probability of reaching the figure typed, and the forecast-based proposals with their
errors on past years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.forecasting.models import StoredForecast
from salestarget.forecasting.providers import forecast_achievability
from salestarget.targets.achievability import achievability
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.proposals import implied_growth


def _panel(client, company, *, period: str, value: str = ""):
    return client.post(
        reverse("targets:plan_context"),
        {
            "metric": "revenue",
            "period": period,
            "scope_node": company.north.pk,
            "owner": company.manager_north.pk,
            "value": value,
        },
    )


def test_next_years_plan_gets_the_four_proposals_with_their_errors(login, history, run):
    response = _panel(login(history.manager_north), history, period="FY2027")
    rows = response.context["forecast_proposals"]
    methods = [r["proposal"].method for r in rows]
    assert methods == ["history", "trend", "regression", "forecast"]
    for row in rows:
        proposal = row["proposal"]
        assert proposal.value == proposal.value.quantize(Decimal("0.01"))
        assert 0 <= proposal.probability <= 1
    # The forecast-based figure is the sum of the stored forecast's 2027 months (the run
    # starts at June 2026: seven months of 2026 first).
    stored = StoredForecast.objects.get(run=run, kind="node", node=history.north)
    months = sum((Decimal(v) for v in stored.mean[7:19]), Decimal(0))
    assert abs(rows[-1]["proposal"].value - months) <= Decimal("0.06")
    assert rows[0]["proposal"].error is not None  # measured on past years
    assert b'data-testid="forecast-proposals"' in response.content


def test_the_achievable_check_states_the_chance_of_the_figure(login, history, run):
    client = login(history.manager_north)
    easy = _panel(client, history, period="FY2027", value="60000")
    hard = _panel(client, history, period="FY2027", value="900000")
    easy_a = next(i for i in easy.context["smart"] if i.letter == "A")
    hard_a = next(i for i in hard.context["smart"] if i.letter == "A")
    assert easy.context["forecast"].probability > 0.9
    assert easy_a.ok
    assert "达成概率" in str(easy_a.note)
    assert hard.context["forecast"].probability < 0.1
    assert not hard_a.ok  # a figure with less than one chance in ten is a wish


def test_a_month_in_the_horizon_gets_the_p50_with_its_backtest_error(history, run):
    period = period_parse("2026-09")
    found = forecast_achievability(
        metric="revenue", node=history.north, period=period, value=Decimal(10000), decimals=2
    )
    assert found is not None
    (proposal,) = found.proposals
    assert proposal.method == "forecast"
    assert abs(proposal.value - Decimal(10000)) < Decimal(1000)
    assert proposal.error is not None
    assert proposal.years > 0


def test_beyond_the_forecast_or_another_metric_there_is_nothing_to_say(history, run):
    far = period_parse("FY2029")
    assert (
        achievability(metric="revenue", node=history.north, period=far, value=None, decimals=2)
        is None
    )
    year = period_parse("FY2027")
    assert (
        achievability(
            metric="gross_profit", node=history.north, period=year, value=None, decimals=2
        )
        is None
    )


@pytest.mark.parametrize(
    ("language", "said"), [("zh-hans", "对比去年全年的预计"), ("en", "last year's expected whole")]
)
def test_next_years_proposals_grow_on_this_year_as_the_forecast_finishes_it(
    login, history, run, language, said
):
    """FY2027 planned on 20 June 2026: the forecast's proposals are set against FY2026 as the
    forecast finishes it (its facts so far and the forecast of the rest), not against half a
    year; the panel says so."""
    client = login(history.manager_north)
    client.cookies["django_language"] = language
    response = _panel(client, history, period="FY2027")
    context = response.context["history"]
    found = response.context["forecast"]
    assert context.last_year_through == dt.date(2026, 6, 20)
    assert response.context["forecast_finishes_last_year"]
    assert found.year_before > context.same_period_last_year.value * 3 / 2
    for row in response.context["forecast_proposals"]:
        assert row["growth"] == implied_growth(row["proposal"].value, found.year_before)
    assert said in response.content.decode()


def test_a_complete_last_year_is_the_proposals_reference(login, history, run):
    response = _panel(login(history.manager_north), history, period="2026-09")
    assert not response.context["forecast_finishes_last_year"]
    assert b'data-testid="forecast-year-before"' not in response.content
