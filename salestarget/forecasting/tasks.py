"""Background work of forecasting (Django tasks, run by ``db_worker``): the forecast of every
series, enqueued after each import (a rollup change) and nightly: the worker's upkeep
(``nightly_enqueue``, every minute) asks for one run a day, the first minute after midnight
with no run started that day; ``salestarget forecasting_compute`` runs one now."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from salestarget.actuals.rollups import on_commit_once

log = logging.getLogger(__name__)
# The day this process last asked for the nightly run (a queued run has not started yet, so
# the runs table alone would ask again each minute until it does).
_asked_on: dt.date | None = None


@task()
def forecasting_compute_task() -> int:
    # Imported here: ``ready()`` imports this module, and the models (numpy, statsforecast)
    # are for the worker, not for every command that starts.
    from salestarget.forecasting.services.compute import forecasts_compute

    run = forecasts_compute()
    return run.series if run is not None else 0


def compute_after_commit(**_kwargs: Any) -> None:
    """``rollups_changed`` receiver: enqueue one computation when the writing transaction
    commits."""
    on_commit_once(_enqueue)


def _enqueue() -> None:
    try:
        forecasting_compute_task.enqueue()
    except Exception:  # a missing task queue must never fail an import
        log.exception("could not enqueue the forecast computation")


def nightly_enqueue() -> None:
    """Worker upkeep: the night's computation, once a day — enqueued when there are facts,
    no run started today, none is waiting and this process has not asked today."""
    global _asked_on
    from salestarget.actuals.models import PersonDaily
    from salestarget.forecasting.models import ForecastRun

    today = timezone.localdate()
    if _asked_on == today:
        return
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    if ForecastRun.objects.filter(started_at__gte=midnight).exists():
        _asked_on = today
        return
    if not PersonDaily.objects.exists():
        return
    _asked_on = today
    if _queued():  # one waiting already (an import's): it is today's run
        return
    _enqueue()


def _queued() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=forecasting_compute_task.module_path, status__in=["READY", "RUNNING"]
    ).exists()
