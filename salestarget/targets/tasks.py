"""Background tasks of the targets app (Django tasks, run by ``db_worker``)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django_tasks import task

from salestarget.targets.models import DecompositionExport, Target
from salestarget.targets.services.cycles import deadlines_check
from salestarget.targets.services.exports import decomposition_export_run


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
        **report.others,
    }


# Someone is watching its progress: it runs before queued batch work (forecasts, good news).
@task(priority=50)
def decomposition_export_task(run_id: int) -> str:
    """A big subtree's decomposition workbook (``targets.services.exports``)."""
    run = DecompositionExport.objects.select_related("target", "requested_by").get(pk=run_id)
    return decomposition_export_run(run=run).status


def decomposition_export_start(*, target: Target, by: User, total: int) -> DecompositionExport:
    """Queue the workbook of ``target``'s subtree, in the language of the moment; ``by``'s
    earlier runs of the same target are dropped (only the newest file is kept)."""
    DecompositionExport.objects.filter(target=target, requested_by=by).delete()
    run = DecompositionExport.objects.create(
        target=target, requested_by=by, language=translation.get_language() or "", total=total
    )
    transaction.on_commit(lambda: _enqueue(run))
    return run


def _enqueue(run: DecompositionExport) -> None:
    result = decomposition_export_task.enqueue(run.pk)
    DecompositionExport.objects.filter(pk=run.pk).update(task_id=str(result.id))
