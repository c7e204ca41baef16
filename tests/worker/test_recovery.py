"""Which running tasks are interrupted: one whose lease names a process gone from this host,
or a host whose heartbeat is too old, or one with no lease that started a lease's time ago.
Recovering fails them, the apps' records with them (a queued import, a forecast run), and
leaves alone what a live process runs."""

from __future__ import annotations

import datetime as dt
import socket
import uuid

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from salestarget.forecasting.models import ForecastRun
from salestarget.importing.models import ImportBatch
from salestarget.worker.keeper import upkeep_register, upkeep_run
from salestarget.worker.models import TaskLease
from salestarget.worker.recovery import tasks_interrupted, tasks_recover
from salestarget.worker.runners import runner_token

GONE = f"{socket.gethostname()}:4194999:1"  # above Linux's largest process id
ELSEWHERE = "another-host:1234:5678"
PATH = "salestarget.forecasting.tasks.forecasting_compute_task"


def running_task(runner: str | None, *, ago: dt.timedelta = dt.timedelta(0)) -> str:
    now = timezone.now()
    task = DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=PATH,
        backend_name="default",
        run_after=now,
        started_at=now - ago,
    )
    if runner is not None:
        TaskLease.objects.create(
            task_id=str(task.id), task_path=PATH, runner=runner, heartbeat_at=now - ago
        )
    return str(task.id)


@pytest.mark.django_db
def test_only_tasks_nobody_runs_are_interrupted(settings) -> None:
    settings.IMPORT_LEASE_SECONDS = 600
    gone = running_task(GONE)
    mine = running_task(runner_token())
    far_fresh = running_task(ELSEWHERE, ago=dt.timedelta(minutes=5))
    far_stale = running_task(ELSEWHERE, ago=dt.timedelta(minutes=11))
    unleased_new = running_task(None)
    unleased_old = running_task(None, ago=dt.timedelta(minutes=11))
    found = set(tasks_interrupted())
    assert found == {gone, far_stale, unleased_old}
    assert not found & {mine, far_fresh, unleased_new}


@pytest.mark.django_db
def test_recovering_fails_the_task_and_the_import_queued_for_it() -> None:
    task = running_task(GONE)
    queued = ImportBatch.objects.create(
        kind="sales", source="erp", status=ImportBatch.Status.PENDING, phase="queued", task_id=task
    )
    assert tasks_recover() == [task]
    row = DBTaskResult.objects.get(id=task)
    assert row.status == TaskResultStatus.FAILED
    assert row.traceback == "任务中断，未写入任何数据，可以重新运行。"
    assert row.exception_class_path == "salestarget.worker.recovery.TaskInterruptedError"
    assert not TaskLease.objects.filter(task_id=task).exists()
    queued.refresh_from_db()
    assert queued.status == ImportBatch.Status.FAILED
    assert queued.message == "导入中断，未写入任何数据，可以重新导入。"
    assert tasks_recover() == []  # once


@pytest.mark.django_db
def test_a_forecast_run_whose_process_is_gone_is_failed_and_a_live_one_left() -> None:
    day = dt.date(2026, 1, 1)
    gone = ForecastRun.objects.create(first_month=day, horizon=12, runner=GONE)
    live = ForecastRun.objects.create(first_month=day, horizon=12, runner=runner_token())
    tasks_recover()
    gone.refresh_from_db()
    live.refresh_from_db()
    assert (gone.status, gone.message) == ("failed", "任务中断，未写入任何数据，可以重新运行。")
    assert live.status == ForecastRun.Status.RUNNING


@pytest.mark.django_db
def test_the_upkeep_runs_every_step_even_after_one_fails() -> None:
    ran: list[str] = []

    def broken() -> None:
        ran.append("broken")
        raise RuntimeError("boom")

    def fine() -> None:
        ran.append("fine")

    upkeep_register(broken)
    upkeep_register(fine)
    task = running_task(GONE)
    try:
        upkeep_run()
    finally:
        from salestarget.worker import keeper

        keeper._upkeep.remove(broken)
        keeper._upkeep.remove(fine)
    assert ran == ["broken", "fine"]
    assert DBTaskResult.objects.get(id=uuid.UUID(task)).status == TaskResultStatus.FAILED
