"""The lease of a background task: which worker process runs it, and when it last said so."""

from __future__ import annotations

from django.db import models


class TaskLease(models.Model):
    """Written when a worker starts a task, deleted when the task ends; a lease whose runner
    is gone (``worker.runners``) is a task a killed worker left running."""

    task_id = models.CharField(max_length=64, primary_key=True)
    task_path = models.CharField(max_length=200)
    runner = models.CharField(max_length=200)
    heartbeat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.task_path} {self.task_id} on {self.runner}"
