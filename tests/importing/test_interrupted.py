"""An import killed part-way — ``kill -9`` of ``salestarget import``, or of the task worker
running it — wrote nothing: the next look finds it interrupted, marks it failed saying so
(its background task too), and the same file imports cleanly again.

The import and the worker are real processes killed with SIGKILL while their rows are
written (inside the write transaction), sharing a database of their own with the test
(``tests.processes``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from salestarget.importing.lease import interrupted_message
from tests.processes import Database, Template, kill

# django_db: the database the processes share is a copy of the suite's test database, which
# is made only for a run with a test that asks for a database.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]
LINES = 6
CSV = "销售日期,订单号,行号,客户,产品,销售人员,数量,金额\n" + "".join(
    f"2024-03-0{i + 1},SO-{i},1,CU-BJ,P-A,REP,1,100.00\n" for i in range(LINES)
)
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


@pytest.fixture(scope="module")
def shared(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Template
) -> Iterator[Database]:
    db = Database(tmp_path_factory.mktemp("kill"), migrated_template)
    try:
        db.run(
            """
            from tests.personas import build_company
            build_company()
            """,
            timeout=600,
        )
        yield db
    finally:
        db.drop()


def test_a_killed_command_line_import_wrote_nothing_and_runs_again(
    shared: Database, tmp_path: Path
) -> None:
    csv = tmp_path / "sales.csv"
    csv.write_text(CSV, encoding="utf-8")
    command = f"""
    from django.core.management import call_command
    call_command("import", {str(csv)!r}, "--kind", "sales", "--source", "kill", "--no-progress")
    """
    child = shared.start(command, tmp_path / "ready", stall=STALL)
    stuck = state(shared)["batches"][-1]
    assert (stuck["status"], stuck["phase"]) == ("running", "writing")

    kill(child)
    after_kill = state(shared)
    assert after_kill["batches"][-1]["status"] == "running"  # nobody has looked yet
    assert after_kill["lines"].get("kill", 0) == 0  # the write died with its transaction

    # The next import from the command line finds it interrupted, then imports the file.
    shared.run(command)
    found = state(shared)
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
        stall=STALL,
    )
    kill(worker)
    stuck = state(shared)
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
    failed = state(shared)
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
    again = state(shared)
    batch = next(b for b in again["batches"] if b["id"] == queued["id"])
    assert (batch["status"], batch["written"]) == ("done", LINES)
    assert again["lines"]["kill-worker"] == LINES


def state(db: Database) -> dict[str, Any]:
    return db.run(STATE + "print(json.dumps(state()))")


def _zh(message: Any) -> str:
    with translation.override("zh-hans"):
        return str(message())


def test_the_interruption_is_said_in_english_too() -> None:
    with translation.override("en"):
        assert interrupted_message() == (
            "Interrupted — nothing was written; the import can be run again."
        )
