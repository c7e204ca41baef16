"""Every target's metric has its outlook, not only revenue: a gross-profit plan and a
费用率 plan (lower is better) get their own stored series, P10/P50/P90 and a probability
that follows the metric's direction."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.forecasting.models import StoredForecast
from salestarget.forecasting.queries.outlook import outlooks
from salestarget.forecasting.series import month_add
from salestarget.forecasting.services.compute import forecasts_compute
from tests.forecasting.conftest import FIRST, QUICK, target_of
from tests.tracking.conftest import spend


@pytest.fixture
def plans(history, june_plan):
    """王小明 spends 1,000 a month (10% of his sales, 5% in December's peak) and 500 in June
    2026 so far; a gross-profit plan and a 费用率 plan of 12% for June 2026; then the run."""
    for i in range(36):
        month = month_add(FIRST, i)
        spend(history, month.replace(day=11), "1000", person=history.rep)
    spend(history, dt.date(2026, 6, 5), "500", person=history.rep)
    rollups_rebuild()
    profit = june_plan("150000", metric="gross_profit")
    rate = june_plan("0.12", metric="expense_rate")
    run = forecasts_compute(spec=QUICK)
    assert run is not None
    return profit, rate, run


def test_each_metric_a_target_has_gets_its_own_series(history, plans):
    _profit, _rate, run = plans
    stored = StoredForecast.objects.filter(run=run, person=history.rep)
    assert set(stored.values_list("metric", flat=True)) == {
        "revenue",
        "gross_profit",
        "expense_rate",
    }
    rate = stored.get(metric="expense_rate")
    # 1,000 over 10,000 a month: the history is the monthly rate, not the amounts.
    assert Decimal(rate.history[-2]) == Decimal("0.1")
    # Seasonal naive: June 2025's 1,000 over 40,000, kept to more than the cent.
    assert Decimal(rate.mean[0]) == Decimal("0.025")


def test_a_gross_profit_target_is_forecast_in_gross_profit(history, plans):
    profit, _rate, run = plans
    target = target_of(profit, person=history.rep)
    (result,) = outlooks([target], run)
    assert result.stored is not None
    assert result.stored.metric == "gross_profit"
    assert result.actual == Decimal("50000")  # no cost recorded: all of it is profit
    assert result.outlook is not None
    assert result.outlook.expected > float(result.actual)
    assert not result.lower_is_better


def test_for_a_rate_where_lower_is_better_the_chance_is_of_staying_under(history, plans):
    """June's rate so far is 500 / 50,000 = 1%; the months to come are forecast near 10%. A
    loose cap of 30% is almost surely kept, a cap of 0.5% almost surely broken: the
    opposite of what "reaching" a figure would say."""
    _profit, rate, run = plans
    target = target_of(rate, person=history.rep)
    (result,) = outlooks([target], run)
    assert result.lower_is_better
    assert result.actual == Decimal("0.01")
    assert result.outlook is not None
    assert 0.01 < result.outlook.expected < 0.10  # a third of June still to come
    target.value = Decimal("0.30")
    assert result.probability > 0.95
    target.value = Decimal("0.005")
    assert result.probability < 0.05


def test_the_outlook_page_reads_a_rate_plan_in_its_direction(login, history, plans):
    _profit, rate, _run = plans
    client = login(history.manager_north)
    response = client.get(reverse("forecasting:outlook"), {"plan": rate.pk})
    page = response.context["page"]
    assert page.lower_is_better
    assert any(r.outlook.probability is not None for r in page.rows)
    assert "越低越好：达成概率是期末不高于目标值的概率".encode() in response.content
    book = client.get(reverse("forecasting:outlook"), {"plan": rate.pk, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(book.content)).active
    rows = list(sheet.iter_rows())
    header = next(i for i, row in enumerate(rows) if row[1].value == "目标值")
    targets = rows[header + 1 :]
    assert len(targets) == len(page.rows)
    assert all("%" in row[1].number_format for row in targets)  # rates read as percentages
    client.cookies["django_language"] = "en"
    english = client.get(reverse("forecasting:outlook"), {"plan": rate.pk})
    assert b'data-testid="lower-is-better"' in english.content
    assert "越低越好".encode() not in english.content
    data = client.get("/api/forecasting/outlook", {"plan": rate.pk}).json()
    assert {row["metric"] for row in data} == {"expense_rate"}
    assert all(row["lower_is_better"] for row in data)
