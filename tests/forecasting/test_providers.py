"""Forecasting's outlook beside tracking's run rate: in the tracking tree, the dashboard and
the home panel, through tracking's provider registry, read from the stored run."""

from __future__ import annotations

import pytest
from django.urls import reverse

from salestarget.forecasting.models import ForecastRun
from salestarget.forecasting.providers import stored_outlooks
from salestarget.forecasting.queries.outlook import outlooks
from salestarget.tracking.outlooks import outlook_figures, outlooks_provided
from tests.forecasting.conftest import target_of


@pytest.fixture
def plan(run, june_plan):
    return june_plan()


def test_forecasting_registers_itself_as_trackings_outlook(run, history, plan):
    assert outlooks_provided()
    mine = target_of(plan, person=history.rep)
    (figure,) = outlook_figures([mine], run.last_fact_day)
    (item,) = outlooks([mine], run)
    assert figure is not None
    assert (figure.p50, figure.probability) == (item.p50, item.probability)


def test_the_tree_shows_p50_and_the_chance_beside_the_run_rate(login, history, plan, run):
    runs = ForecastRun.objects.count()
    response = login(history.manager_north).get(reverse("tracking:tree"), {"plan": plan.pk})
    tree = response.context["tree"]
    assert tree.outlooks
    by_target = {row.target.pk: row for row in tree.rows}
    north = by_target[target_of(plan, node=history.north).pk]
    (item,) = outlooks([target_of(plan, node=history.north)], run)
    assert north.outlook.p50 == item.p50
    assert north.outlook.probability == item.probability
    assert b'data-testid="tree-p50"' in response.content
    assert b'data-testid="chance"' in response.content
    assert ForecastRun.objects.count() == runs  # read, not computed on the request


def test_seen_as_of_an_earlier_day_the_tree_has_no_outlook(login, history, plan, run):
    response = login(history.manager_north).get(
        reverse("tracking:tree"), {"plan": plan.pk, "at": "2026-06-10"}
    )
    assert all(row.outlook is None for row in response.context["tree"].rows)


def test_a_target_the_run_has_no_series_for_gets_none(history, plan, run, june_plan):
    """A gross-profit plan made after the run: its series comes with the next run
    (tests/forecasting/test_metrics.py)."""
    profit = june_plan(metric="gross_profit")
    targets = [target_of(profit, node=history.north), target_of(plan, node=history.north)]
    first, second = stored_outlooks(targets, run.last_fact_day)
    assert first is None
    assert second is not None


def test_the_dashboard_and_the_rep_home_show_the_outlook(login, history, plan, run):
    client = login(history.manager_north)
    dashboard = client.get(reverse("tracking:dashboard"), {"plan": plan.pk})
    assert dashboard.context["figure"].outlook is not None
    assert dashboard.context["outlooks"]
    assert b'data-testid="outlook-line"' in dashboard.content
    assert b'data-testid="p50"' in dashboard.content  # the children's table
    panel = login(history.rep).get(reverse("tracking:home_panel"))
    assert b'data-testid="panel-run-rate"' in panel.content
    assert b'data-testid="outlook-line"' in panel.content
