"""An import killed part-way — ``kill -9`` of ``salestarget import``, or of the task worker
running it — wrote nothing: the next look finds it interrupted, marks it failed saying so
(its background task too), and the same file imports cleanly again.

The import and the worker are real processes killed with SIGKILL while their rows are
written (inside the write transaction), so these tests share a database of their own with
those processes: a SQLite file, or a new database on the PostgreSQL server the suite runs on.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.utils import translation

from salestarget.importing.lease import interrupted_message

pytestmark = pytest.mark.slow
ROOT = Path(settings.BASE_DIR)
LINES = 6
CSV = "销售日期,订单号,行号,客户,产品,销售人员,数量,金额\n" + "".join(
    f"2024-03-0{i + 1},SO-{i},1,CU-BJ,P-A,REP,1,100.00\n" for i in range(LINES)
)
SETUP = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
import django
django.setup()
"""
# Killed here: the lines are written, the transaction not yet committed.
STALL = """
from salestarget.actuals.importing.facts import FactImporter
_write = FactImporter.write
def _stalled(self, **kwargs):
    result = _write(self, **kwargs)
    open(os.environ["KILL_READY"], "w").write("written")
    time.sleep(600)
    return result
FactImporter.write = _stalled
"""
STATE = """
from salestarget.actuals.models import SalesLine
from salestarget.importing.models import ImportBatch
from django_tasks_db.models import DBTaskResult
def state():
    batches = [
        {"id": b.pk, "status": b.status, "phase": b.phase, "message": b.message,
         "task": b.task_id, "written": b.rows_written}
        for b in ImportBatch.objects.order_by("pk")
    ]
    tasks = {str(t.id): t.status for t in DBTaskResult.objects.all()}
    lines = {}
    for source in SalesLine.objects.values_list("source", flat=True):
        lines[source] = lines.get(source, 0) + 1
    return {"batches": batches, "tasks": tasks, "lines": lines}
"""


class Database:
    """A database the test and its child processes share."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.env = {
            **os.environ,
            "SALESTARGET_VAR": str(tmp / "var"),
            "DEBUG": "1",
            "SECRET_KEY": "kill-test-key",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        base = os.environ.get("DATABASE_URL", "")
        if base.startswith("postgres"):
            self.name = f"kill_{uuid.uuid4().hex[:10]}"
            parts = urlsplit(base)
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{self.name}"))
            self._pg(f'CREATE DATABASE "{self.name}"')
        else:
            self.name = ""
            self.env["DATABASE_URL"] = f"sqlite:///{tmp / 'kill.sqlite3'}"

    def _pg(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def drop(self) -> None:
        if self.name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def run(self, code: str, *, timeout: float = 300) -> dict[str, Any]:
        """Run ``code`` in a new Django process; what it printed last, as JSON."""
        done = subprocess.run(
            [sys.executable, "-c", SETUP + textwrap.dedent(code)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        lines = done.stdout.strip().splitlines()
        return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}

    def start(self, code: str, ready: Path) -> subprocess.Popen[str]:
        """Start ``code`` with the write stalled; returns once the rows are written."""
        child = subprocess.Popen(
            [sys.executable, "-c", SETUP + STALL + textwrap.dedent(code)],
            cwd=ROOT,
            env={**self.env, "KILL_READY": str(ready)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 240
        while not ready.exists():
            if child.poll() is not None:
                raise AssertionError(child.stderr.read() if child.stderr else "child ended")
            assert time.monotonic() < deadline, "the import never reached its write"
            time.sleep(0.2)
        return child

    def state(self) -> dict[str, Any]:
        return self.run(STATE + "print(json.dumps(state()))")


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database(tmp_path_factory.mktemp("kill"))
    try:
        db.run(
            """
            from django.core.management import call_command
            call_command("migrate", verbosity=0)
            from tests.personas import build_company
            build_company()
            """,
            timeout=600,
        )
        yield db
    finally:
        db.drop()


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def test_a_killed_command_line_import_wrote_nothing_and_runs_again(
    shared: Database, tmp_path: Path
) -> None:
    csv = tmp_path / "sales.csv"
    csv.write_text(CSV, encoding="utf-8")
    command = f"""
    from django.core.management import call_command
    call_command("import", {str(csv)!r}, "--kind", "sales", "--source", "kill", "--no-progress")
    """
    child = shared.start(command, tmp_path / "ready")
    stuck = shared.state()["batches"][-1]
    assert (stuck["status"], stuck["phase"]) == ("running", "writing")

    kill(child)
    after_kill = shared.state()
    assert after_kill["batches"][-1]["status"] == "running"  # nobody has looked yet
    assert after_kill["lines"].get("kill", 0) == 0  # the write died with its transaction

    # The next import from the command line finds it interrupted, then imports the file.
    shared.run(command)
    found = shared.state()
    first, again = found["batches"][-2], found["batches"][-1]
    assert first["id"] == stuck["id"]
    assert (first["status"], first["message"]) == ("failed", _zh(interrupted_message))
    assert (again["status"], again["written"]) == ("done", LINES)
    assert found["lines"]["kill"] == LINES


def test_a_killed_worker_leaves_no_task_running_and_the_batch_runs_again(
    shared: Database, tmp_path: Path
) -> None:
    queued = shared.run(
        f"""
        from salestarget.importing.services import import_upload
        from salestarget.importing.tasks import BACKGROUND_BYTES, import_start
        batch = import_upload(kind="sales", source="kill-worker", file_name="sales.csv",
                              data={CSV!r}.encode(), user=None)
        batch = import_start(batch=batch, user_id=None, dry_run=False,
                             size=BACKGROUND_BYTES + 1)
        print(json.dumps({{"id": batch.pk, "task": batch.task_id, "status": batch.status}}))
        """
    )
    assert queued["status"] == "pending"
    assert queued["task"]

    worker = shared.start(
        """
        from django.core.management import call_command
        call_command("db_worker", "--batch", "--no-startup-delay")
        """,
        tmp_path / "ready",
    )
    kill(worker)
    stuck = shared.state()
    batch = next(b for b in stuck["batches"] if b["id"] == queued["id"])
    assert (batch["status"], batch["phase"]) == ("running", "writing")
    assert stuck["tasks"][queued["task"]] == "RUNNING"

    # The next worker to start a task fails the interrupted import and its task.
    shared.run(
        f"""
        from django.core.management import call_command
        from salestarget.importing.services import import_upload
        from salestarget.importing.tasks import BACKGROUND_BYTES, import_start
        other = import_upload(kind="sales", source="kill-other", file_name="other.csv",
                              data={CSV!r}.encode(), user=None)
        import_start(batch=other, user_id=None, dry_run=True, size=BACKGROUND_BYTES + 1)
        call_command("db_worker", "--batch", "--no-startup-delay")
        """
    )
    failed = shared.state()
    batch = next(b for b in failed["batches"] if b["id"] == queued["id"])
    assert (batch["status"], batch["message"]) == ("failed", _zh(interrupted_message))
    assert failed["tasks"][queued["task"]] == "FAILED"

    # … and it can be run again (the import page's "run" does this).
    shared.run(
        f"""
        from salestarget.importing.models import ImportBatch
        from salestarget.importing.tasks import import_start
        batch = ImportBatch.objects.get(pk={queued["id"]})
        import_start(batch=batch, user_id=None, dry_run=False, size=1)
        """
    )
    again = shared.state()
    batch = next(b for b in again["batches"] if b["id"] == queued["id"])
    assert (batch["status"], batch["written"]) == ("done", LINES)
    assert again["lines"]["kill-worker"] == LINES


def _zh(message: Any) -> str:
    with translation.override("zh-hans"):
        return str(message())


def test_the_interruption_is_said_in_english_too() -> None:
    with translation.override("en"):
        assert interrupted_message() == (
            "Interrupted — nothing was written; the import can be run again."
        )
