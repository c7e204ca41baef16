"""What the export page reads: how big a subtree's workbook is (a big one is written in the
background, ``targets.services.exports``) and whether a background run failed."""

from __future__ import annotations

from django.contrib.auth.models import User

from salestarget.org.scoping import scope_for
from salestarget.targets.models import DecompositionExport, ExportStatus, Target
from salestarget.targets.permissions import target_q

INLINE_TARGETS = 500  # at most this many rows are written while the page waits (< 1 s)


def export_size(*, target: Target, by: User) -> int:
    """How many rows the workbook of ``target``'s subtree has, for ``by``."""
    return Target.objects.filter(target_q(scope_for(by)), path__startswith=target.path).count()


def export_failed(run: DecompositionExport) -> bool:
    """Whether the run will never finish: its task failed (or was interrupted: a killed
    worker's task is failed by ``worker.recovery``)."""
    if run.status == ExportStatus.FAILED:
        return True
    if run.status == ExportStatus.DONE or not run.task_id:
        return False
    from django_tasks import TaskResultStatus, default_task_backend
    from django_tasks.exceptions import TaskResultDoesNotExist

    try:
        result = default_task_backend.get_result(run.task_id)
    except TaskResultDoesNotExist:
        return True
    return result.status == TaskResultStatus.FAILED
