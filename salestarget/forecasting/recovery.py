"""Forecast runs a killed worker or command left "computing": a recoverer of
``worker.recovery.tasks_recover``. A run's forecasts are written in one transaction with its
status, so an interrupted run wrote none. Light on purpose: ``ready()`` imports it."""

from __future__ import annotations

from django.utils import timezone

from salestarget.forecasting.models import ForecastRun
from salestarget.worker.recovery import interrupted_message
from salestarget.worker.runners import runner_gone


def forecast_runs_recover() -> list[int]:
    """Fail the runs whose process is gone (``ForecastRun.runner``); their ids."""
    now = timezone.now()
    running = ForecastRun.objects.filter(status=ForecastRun.Status.RUNNING)
    gone = [run.pk for run in running if runner_gone(run.runner, run.started_at, now=now)]
    ForecastRun.objects.filter(pk__in=gone, status=ForecastRun.Status.RUNNING).update(
        status=ForecastRun.Status.FAILED, finished_at=now, message=interrupted_message()
    )
    return gone
