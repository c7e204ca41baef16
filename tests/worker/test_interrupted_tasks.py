"""A worker killed with SIGKILL in the middle of a task leaves the task ``RUNNING`` and what
it drove (here a forecast run) "computing". The next worker to start, a running worker's
keeper a moment later, or an import page someone opens finds it interrupted: the task and
the run are failed saying nothing was written, and running the task again succeeds.

Real processes on a database shared with the test (``tests.processes``), on SQLite and on
PostgreSQL (``DATABASE_URL``)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from salestarget.worker.recovery import interrupted_message
from tests.processes import SETUP, Database, Template, kill

# django_db: the database the processes share is a copy of the suite's test database, which
# is made only for a run with a test that asks for a database.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]
CSV = "销售日期,订单号,行号,客户,产品,销售人员,数量,金额\n" + "".join(
    f"2024-0{m}-0{d},SO-{m}{d},1,CU-BJ,P-A,REP,1,100.00\n" for m in range(1, 7) for d in (1, 2)
)
# Killed here: the run is open and its series are being read; nothing is written yet.
STALL = """
import salestarget.forecasting.services.compute as compute
_read = compute.series_read
def _stalled(*args, **kwargs):
    open(os.environ["KILL_READY"], "w").write("computing")
    time.sleep(600)
    return _read(*args, **kwargs)
compute.series_read = _stalled
"""
ENQUEUE = """
from salestarget.forecasting.tasks import forecasting_compute_task
print(json.dumps({"task": str(forecasting_compute_task.enqueue().id)}))
"""
STATE = """
from django_tasks_db.models import DBTaskResult
from salestarget.forecasting.models import ForecastRun
from salestarget.worker.models import TaskLease
print(json.dumps({
    "tasks": {str(t.id): [t.status, t.traceback] for t in DBTaskResult.objects.all()},
    "runs": [[r.status, r.message] for r in ForecastRun.objects.order_by("pk")],
    "leases": list(TaskLease.objects.values_list("task_id", flat=True)),
}))
"""
WORKER = """
from django.core.management import call_command
call_command("db_worker", "--batch", "--no-startup-delay")
"""


@pytest.fixture(scope="module")
def shared(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Template
) -> Iterator[Database]:
    tmp = tmp_path_factory.mktemp("tasks")
    (tmp / "sales.csv").write_text(CSV, encoding="utf-8")
    db = Database(tmp, migrated_template)
    try:
        db.run(
            f"""
            from django.core.management import call_command
            from tests.personas import build_company
            build_company()
            call_command("import", {str(tmp / "sales.csv")!r}, "--kind", "sales",
                         "--source", "erp", "--no-progress")
            from django_tasks_db.models import DBTaskResult
            DBTaskResult.objects.all().delete()  # what the import enqueued: not this story's
            """,
            timeout=600,
        )
        yield db
    finally:
        db.drop()


def killed_mid_forecast(db: Database, ready: Path, *, looked_at: bool = True) -> str:
    """Enqueue the forecast, start a worker on it and kill it mid-task; the task's id.
    ``looked_at``: check it was left running (no other worker is there to recover it)."""
    task = db.run(ENQUEUE)["task"]
    worker = db.start(WORKER, ready, stall=STALL)
    kill(worker)
    if not looked_at:
        return task
    stuck = db.run(STATE)
    assert stuck["tasks"][task][0] == "RUNNING"
    assert stuck["runs"][-1][0] == "running"
    assert task in stuck["leases"]
    return task


def assert_recovered(db: Database, task: str) -> dict[str, Any]:
    found = db.run(STATE)
    assert found["tasks"][task] == ["FAILED", _zh()]
    assert found["runs"][-1] == ["failed", _zh()]
    assert task not in found["leases"]
    return found


def test_the_next_worker_fails_a_killed_task_and_its_run_and_a_rerun_succeeds(
    shared: Database, tmp_path: Path
) -> None:
    task = killed_mid_forecast(shared, tmp_path / "ready")

    shared.run(WORKER)  # nothing queued: it recovers when it starts
    assert_recovered(shared, task)

    again = shared.run(ENQUEUE)["task"]
    shared.run(WORKER)
    found = shared.run(STATE)
    assert found["tasks"][again][0] == "SUCCESSFUL"
    assert found["runs"][-1] == ["done", ""]


def test_a_running_worker_finds_a_killed_task_by_itself(shared: Database, tmp_path: Path) -> None:
    # A worker of another queue, already running: its keeper looks every second.
    watcher = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SETUP
            + textwrap.dedent(
                """
                from django.core.management import call_command
                call_command("db_worker", "--queue-name", "reports", "--no-startup-delay",
                             "--no-reload", "--interval", "0.5")
                """
            ),
        ],
        cwd=shared.env["PYTHONPATH"],
        env={**shared.env, "WORKER_UPKEEP_SECONDS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        task = killed_mid_forecast(shared, tmp_path / "ready", looked_at=False)
        deadline = time.monotonic() + 60
        while shared.run(STATE)["tasks"][task][0] == "RUNNING":
            assert watcher.poll() is None, watcher.stderr.read() if watcher.stderr else ""
            assert time.monotonic() < deadline, "the running worker never recovered the task"
            time.sleep(1)
        assert_recovered(shared, task)
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)


def test_an_import_page_looking_finds_a_killed_task(shared: Database, tmp_path: Path) -> None:
    task = killed_mid_forecast(shared, tmp_path / "ready")
    page = shared.run(
        """
        from django.contrib.auth.models import User
        from django.test import Client
        client = Client()
        client.force_login(User.objects.get(username="finance"))
        print(json.dumps({"status": client.get("/actuals/import/").status_code}))
        """
    )
    assert page["status"] == 200
    assert_recovered(shared, task)


def _zh() -> str:
    with translation.override("zh-hans"):
        return interrupted_message()


def test_the_interruption_is_said_in_english_too() -> None:
    with translation.override("en"):
        assert interrupted_message() == (
            "Interrupted — nothing was written; the task can be run again."
        )
