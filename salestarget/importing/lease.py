"""Who runs an import, and whether they still do: the lease of an import batch.

A batch that starts running records its runner (host, process id and the process's start
time) and a heartbeat, refreshed at every phase and, on PostgreSQL, every
``HEARTBEAT_SECONDS`` by a thread while the rows are written. An import killed part-way
(``kill -9`` of ``salestarget import``, a task worker killed, a web server's timeout) leaves
its batch running; it is interrupted when

- its runner was a process on this host that is gone (known at once), or
- its runner was elsewhere and the heartbeat is older than ``IMPORT_LEASE_SECONDS``
  (``worker.runners``, which judges the runners of background tasks the same way).

An interrupted import wrote nothing — its write and its final status commit together — so
:func:`batches_recover` marks it failed, says so, fails its background task, and the batch
can be run again. It is a recoverer of ``worker.recovery.tasks_recover``, which the import
pages, ``salestarget import``, a worker starting and every task it starts call first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator

from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.importing.models import ImportBatch
from salestarget.worker.recovery import task_fail_interrupted
from salestarget.worker.runners import runner_gone, runner_token

HEARTBEAT_SECONDS = 30


def batch_interrupted(batch: ImportBatch, *, now: dt.datetime | None = None) -> bool:
    """Whether ``batch`` says it runs but nobody runs it any more."""
    if batch.status != ImportBatch.Status.RUNNING or not batch.runner:
        return False
    return runner_gone(batch.runner, batch.heartbeat_at or batch.created_at, now=now)


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
    task_fail_interrupted([b.task_id for b in found if b.task_id], message=interrupted_message())
    return [b.pk for b in found]


def batches_of_tasks_fail(sender: object, task_ids: list[str], **kwargs: object) -> None:
    """``task_interrupted`` receiver: a batch queued for a task that died before the import
    started (so it has no runner of its own) is failed with it."""
    ImportBatch.objects.filter(
        task_id__in=task_ids,
        status__in=[ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING],
    ).update(
        status=ImportBatch.Status.FAILED,
        message=interrupted_message(),
        finished_at=timezone.now(),
        phase="done",
        progress=100,
        runner="",
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
