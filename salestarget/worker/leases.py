"""A task's lease, taken when a worker starts it and dropped when it ends, and refreshed
by the worker's keeper (``worker.keeper``) while it runs."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from salestarget.worker.models import TaskLease
from salestarget.worker.recovery import tasks_recover
from salestarget.worker.runners import runner_token


def task_lease_take(sender: object, task_result: Any = None, **kwargs: object) -> None:
    """``task_started`` receiver: first what a killed worker left, then this task's lease."""
    tasks_recover()
    if task_result is None:
        return
    TaskLease.objects.update_or_create(
        task_id=str(task_result.id),
        defaults={
            "task_path": str(getattr(task_result.task, "module_path", ""))[:200],
            "runner": runner_token(),
            "heartbeat_at": timezone.now(),
        },
    )


def task_lease_drop(sender: object, task_result: Any = None, **kwargs: object) -> None:
    """``task_finished`` receiver."""
    if task_result is not None:
        TaskLease.objects.filter(task_id=str(task_result.id)).delete()


def leases_beat(runner: str) -> int:
    """Say that the tasks ``runner`` holds still run."""
    return TaskLease.objects.filter(runner=runner).update(heartbeat_at=timezone.now())
