"""Background work of forecasting (Django tasks, run by ``db_worker``): the forecast of every
series, enqueued after each import (a rollup change) and by the nightly ``forecasting_compute``
command."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def forecasting_compute_task() -> int:
    # Imported here: ``ready()`` imports this module, and the models (numpy, statsforecast)
    # are for the worker, not for every command that starts.
    from salestarget.forecasting.services.compute import forecasts_compute

    run = forecasts_compute()
    return run.series if run is not None else 0


def compute_after_commit(**_kwargs: Any) -> None:
    """``rollups_changed`` receiver: enqueue one computation when the writing transaction
    commits (several fact kinds in one transaction enqueue it once)."""
    connection = transaction.get_connection()
    if any(func is _enqueue for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_enqueue)


def _enqueue() -> None:
    try:
        forecasting_compute_task.enqueue()
    except Exception:  # a missing task queue must never fail an import
        log.exception("could not enqueue the forecast computation")
