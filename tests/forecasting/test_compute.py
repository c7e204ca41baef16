"""Computing and storing every series' forecast from the monthly rollups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.core.forecasting import ForecastSpec
from salestarget.forecasting.models import ForecastRun, StoredForecast
from salestarget.forecasting.services.compute import (
    first_forecast_month,
    forecasts_compute,
    horizon_for,
)
from tests.forecasting.conftest import QUICK


def test_a_partial_month_is_forecast_a_complete_one_is_history():
    assert first_forecast_month(dt.date(2026, 6, 15)) == dt.date(2026, 6, 1)
    assert first_forecast_month(dt.date(2026, 6, 30)) == dt.date(2026, 7, 1)


def test_the_horizon_reaches_the_end_of_next_fiscal_year():
    assert horizon_for(dt.date(2026, 6, 1), 1) == 19  # Jun 2026 … Dec 2027
    assert horizon_for(dt.date(2026, 2, 1), 4) == 14  # fiscal years from April: … Mar 2027


def test_without_facts_there_is_nothing_to_forecast(db):
    assert forecasts_compute(spec=QUICK) is None
    assert not ForecastRun.objects.exists()


def test_every_person_node_and_product_line_gets_a_forecast(run, history):
    assert run.status == ForecastRun.Status.DONE
    assert run.first_month == dt.date(2026, 6, 1)
    assert run.last_fact_day == dt.date(2026, 6, 20)
    rows = StoredForecast.objects.filter(run=run)
    people = {r.person_id for r in rows.filter(kind="person")}
    assert people == {history.rep.pk, history.rep_other.pk}
    nodes = {r.node_id for r in rows.filter(kind="node")}
    assert nodes == {
        history.root.pk,
        history.north.pk,
        history.east.pk,
        history.team_bj.pk,
        history.team_sh.pk,
    }
    assert rows.filter(kind="node_line").count() == 5  # one product line under each node
    assert run.series == rows.count() == 12


def test_a_node_is_the_sum_of_its_subtree(run, history):
    root = StoredForecast.objects.get(run=run, kind="node", node=history.root)
    rep = StoredForecast.objects.get(run=run, kind="person", person=history.rep)
    other = StoredForecast.objects.get(run=run, kind="person", person=history.rep_other)
    assert root.history_start == dt.date(2023, 6, 1)
    assert len(root.history) == 36  # June 2023 … May 2026
    december = 6  # Dec 2023
    assert Decimal(root.history[december]) == Decimal("28000.00")
    assert Decimal(rep.history[december]) + Decimal(other.history[december]) == Decimal(
        root.history[december]
    )


def test_the_stored_forecast_carries_its_band_and_backtest(run, history):
    rep = StoredForecast.objects.get(run=run, kind="person", person=history.rep)
    assert len(rep.mean) == run.horizon
    for lo95, lo80, mean, hi80, hi95 in zip(
        rep.lo95, rep.lo80, rep.mean, rep.hi80, rep.hi95, strict=True
    ):
        assert Decimal(lo95) <= Decimal(lo80) <= Decimal(mean) <= Decimal(hi80) <= Decimal(hi95)
    assert rep.windows >= 1
    assert rep.naive_smape is not None
    # A steady 10,000 with a December peak: last year's December is the best guess.
    december = 6  # Jun 2026 is month 0
    assert Decimal(rep.mean[december]) > Decimal(rep.mean[december - 1])


def test_only_the_latest_runs_are_kept(history):
    for _ in range(3):
        forecasts_compute(spec=ForecastSpec(candidates=()))
    assert ForecastRun.objects.count() == 2


def test_every_import_enqueues_one_computation_after_it_commits(
    company, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from salestarget.actuals.rollups import rollups_rebuild
    from tests.forecasting.conftest import sell

    with django_capture_on_commit_callbacks(execute=True):
        sell(company, dt.date(2026, 6, 3), "100")
        rollups_rebuild()
        rollups_rebuild()  # a second change in the same transaction
    queued = DBTaskResult.objects.filter(task_path__endswith="forecasting_compute_task")
    assert queued.count() == 1


def test_the_worker_asks_for_one_run_a_night(company, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from salestarget.actuals.rollups import rollups_rebuild
    from salestarget.forecasting import tasks
    from salestarget.worker.keeper import upkeep_run
    from tests.forecasting.conftest import sell

    monkeypatch.setattr(tasks, "_asked_on", None)
    queued = DBTaskResult.objects.filter(task_path__endswith="forecasting_compute_task")
    upkeep_run()
    assert queued.count() == 0  # no facts: nothing to forecast
    sell(company, dt.date(2026, 6, 3), "100")
    rollups_rebuild()
    queued.delete()  # what the import itself asked for
    upkeep_run()
    assert queued.count() == 1  # no run today: the night's run is asked for
    upkeep_run()
    assert queued.count() == 1  # once
    # The next day, with a run already started that day, nothing more.
    monkeypatch.setattr(tasks, "_asked_on", None)
    forecasts_compute(spec=ForecastSpec(candidates=()))
    upkeep_run()
    assert queued.count() == 1
