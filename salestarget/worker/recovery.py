"""Recovering what a killed worker left: a task it ran stays ``RUNNING`` in django-tasks'
table for ever, and so does whatever the task drove (an import batch, a forecast run).

:func:`tasks_recover` fails every running task whose lease says its runner is gone — "任务中断，
未写入任何数据，可以重新运行。" — and asks the apps to do the same for what they drive: an app
registers a recoverer (``recoverer_register``, run first) for its own records, and receives
``task_interrupted`` with the ids of the tasks found. Each task's writes commit in one
transaction with its result, so an interrupted one wrote nothing and can simply run again.

It runs when a worker starts, every ``WORKER_UPKEEP_SECONDS`` in a running worker, before any
task a worker starts, and when a page shows something a task drives (the import pages).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.db import DatabaseError
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.worker.models import TaskLease
from salestarget.worker.runners import lease_seconds, runner_gone

log = logging.getLogger(__name__)

# Sent with ``task_ids`` (a list of str) after those tasks were marked failed as interrupted.
task_interrupted = Signal()

_recoverers: list[Callable[[], object]] = []


class TaskInterruptedError(Exception):
    """What an interrupted task failed with (its exception class path names this)."""


def interrupted_message() -> str:
    return _("任务中断，未写入任何数据，可以重新运行。")


def recoverer_register(recover: Callable[[], object]) -> None:
    """``recover()`` fails the records of an app that a killed process left running."""
    if recover not in _recoverers:
        _recoverers.append(recover)


def task_fail_interrupted(task_ids: list[str], *, message: str = "") -> int:
    """Mark the tasks ``task_ids`` failed as interrupted if they still say they run."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not task_ids:
        return 0
    done = DBTaskResult.objects.filter(id__in=task_ids, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path=f"{TaskInterruptedError.__module__}.{TaskInterruptedError.__qualname__}",
        traceback=message or interrupted_message(),
    )
    TaskLease.objects.filter(task_id__in=task_ids).delete()
    return done


def tasks_interrupted(*, now: dt.datetime | None = None) -> list[str]:
    """The ids of the running tasks nobody runs any more. A task without a lease (its worker
    died between taking it and starting it) counts once it started a lease's time ago."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    running = {
        str(task_id): started
        for task_id, started in DBTaskResult.objects.filter(
            status=TaskResultStatus.RUNNING
        ).values_list("id", "started_at")
    }
    if not running:
        return []
    leases = {lease.task_id: lease for lease in TaskLease.objects.filter(task_id__in=running)}
    found = []
    for task_id, started in running.items():
        lease = leases.get(task_id)
        if lease is not None:
            gone = runner_gone(lease.runner, lease.heartbeat_at, now=now)
        else:
            gone = started is None or now - started > dt.timedelta(seconds=lease_seconds())
        if gone:
            found.append(task_id)
    return found


def tasks_recover() -> list[str]:
    """Fail what killed processes left running: the apps' records, then the tasks; the ids
    of the tasks failed. A database busy with someone's write is left for the next time."""
    try:
        for recover in _recoverers:
            recover()
        found = tasks_interrupted()
        if found:
            task_fail_interrupted(found)
            task_interrupted.send(sender=TaskInterruptedError, task_ids=found)
    except DatabaseError:
        log.warning("task recovery put off: the database is busy", exc_info=True)
        return []
    return found
