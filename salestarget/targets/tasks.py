"""Background tasks of the targets app (Django tasks, run by ``db_worker``)."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from salestarget.targets.services.cycles import deadlines_check


@task()
def deadlines_check_task() -> dict[str, int]:
    """The overdue check as a task, for a scheduler that enqueues it (e.g. hourly). One
    transaction: a worker killed part-way wrote nothing (``worker.recovery``)."""
    with transaction.atomic():
        report = deadlines_check()
    return {
        "reminded": len(report.reminded),
        "escalated": len(report.escalated),
        "drafts_reminded": report.drafts_reminded,
    }
