"""Who runs an import, and whether they still do: the lease of an import batch.

A batch that starts running records its runner (host, process id and the process's start
time) and a heartbeat, refreshed at every phase and, on PostgreSQL, every
``HEARTBEAT_SECONDS`` by a thread while the rows are written. An import killed part-way
(``kill -9`` of ``salestarget import``, a task worker killed, a web server's timeout) leaves
its batch running; it is interrupted when

- its runner was a process on this host that is gone (known at once), or
- its runner was elsewhere and the heartbeat is older than ``IMPORT_LEASE_SECONDS``.

An interrupted import wrote nothing — its write and its final status commit together — so
:func:`batches_recover` marks it failed, says so, fails its background task, and the batch
can be run again. The import pages, ``salestarget import`` and every task the worker starts
call it first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.importing.models import ImportBatch

HEARTBEAT_SECONDS = 30
LEASE_SECONDS = 15 * 60


def _started(pid: int) -> str:
    """The process's start time in clock ticks since boot ("" where /proc is not there), so
    that a new process given the same id is not taken for the old one."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return ""
    return fields[19] if len(fields) > 19 else ""


def runner_token() -> str:
    """``host:pid:start`` of this process."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid)}"


def runner_alive(token: str) -> bool | None:
    """Whether the process ``token`` names still runs; None when it ran on another host."""
    host, _sep, rest = token.partition(":")
    pid_text, _sep, started = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if started and Path("/proc").is_dir():
        return _started(pid) == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lease_seconds() -> int:
    return int(getattr(settings, "IMPORT_LEASE_SECONDS", LEASE_SECONDS))


def batch_interrupted(batch: ImportBatch, *, now: dt.datetime | None = None) -> bool:
    """Whether ``batch`` says it runs but nobody runs it any more."""
    if batch.status != ImportBatch.Status.RUNNING or not batch.runner:
        return False
    alive = runner_alive(batch.runner)
    if alive is not None:
        return not alive
    beat = batch.heartbeat_at or batch.created_at
    return (now or timezone.now()) - beat > dt.timedelta(seconds=lease_seconds())


def interrupted_message() -> str:
    return _("导入中断，未写入任何数据，可以重新导入。")


def batches_recover() -> list[int]:
    """Mark every interrupted batch failed (and its background task); their ids."""
    now = timezone.now()
    running = ImportBatch.objects.filter(status=ImportBatch.Status.RUNNING).exclude(runner="")
    found = [b for b in running if batch_interrupted(b, now=now)]
    for batch in found:
        # Only if it is still the same run: a batch run again meanwhile has a new runner.
        ImportBatch.objects.filter(
            pk=batch.pk, status=ImportBatch.Status.RUNNING, runner=batch.runner
        ).update(
            status=ImportBatch.Status.FAILED,
            message=interrupted_message(),
            finished_at=now,
            phase="done",
            progress=100,
            runner="",
        )
        if batch.task_id:
            _task_failed(batch.task_id, now)
    return [b.pk for b in found]


def _task_failed(task_id: str, now: dt.datetime) -> None:
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="salestarget.importing.lease.Interrupted",
        traceback=interrupted_message(),
    )


def lease_take(batch: ImportBatch) -> None:
    """Record this process as the batch's runner (the batch is about to run)."""
    batch.runner = runner_token()
    batch.heartbeat_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(
        runner=batch.runner, heartbeat_at=batch.heartbeat_at
    )


@contextlib.contextmanager
def heartbeat(batch: ImportBatch) -> Iterator[None]:
    """Refresh the batch's heartbeat from a thread while the block runs (PostgreSQL: rows of
    other connections can be written meanwhile; SQLite runs on one host, where the runner's
    process tells)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        # Inside a caller's transaction the batch's row is not ours to beat for: others see
        # none of it until that commits, and our own uncommitted change would lock it.
        yield
        return
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(HEARTBEAT_SECONDS):
                try:
                    with transaction.atomic(), connection.cursor() as cur:
                        cur.execute("SET LOCAL lock_timeout = '5s'")
                        ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    pass  # a missed beat: the next one, or the runner's process, tells
        finally:
            connections.close_all()  # this thread's own connections

    thread = threading.Thread(target=beat, name=f"import-{batch.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def recover_on_task_start(sender: object, **kwargs: object) -> None:
    """``task_started`` receiver: before any task runs, the imports a killed worker left."""
    batches_recover()
