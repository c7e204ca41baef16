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


# Someone is watching its progress: it runs before queued batch work (forecasts, good news).
@task(priority=50)
def decomposition_export_task(run_id: int) -> str:
    """A big subtree's decomposition workbook (``targets.services.exports``)."""
    from salestarget.targets.models import DecompositionExport
    from salestarget.targets.services.exports import decomposition_export_run

    run = DecompositionExport.objects.select_related("target", "requested_by").get(pk=run_id)
    return decomposition_export_run(run=run).status
