"""The decomposition workbook of a big subtree, written in the background with its progress.

A subtree of up to ``queries.exports.INLINE_TARGETS`` targets is written while the page waits (well under a
second); a bigger one (the demo's company plan has 1,590) is queued for the worker
(``targets.tasks.decomposition_export_start`` and ``decomposition_export_task``, django-tasks' ``db_worker``) and the page shows
how many rows are written and offers the file when it is done. The run records only its
progress and, at the end, its file: a worker killed part-way leaves the run unfinished and
its task failed (``worker.recovery``), which the page reads as failed — nothing else was
written, and exporting again starts a new run.
"""

from __future__ import annotations

from django.utils import timezone, translation

from salestarget.targets.models import DecompositionExport, ExportStatus
from salestarget.targets.services.excel import decomposition_xlsx


def decomposition_export_run(*, run: DecompositionExport) -> DecompositionExport:
    """Write the run's workbook, saying how far it has got as it goes."""
    DecompositionExport.objects.filter(pk=run.pk).update(status=ExportStatus.RUNNING, done=0)

    def progress(rows: int) -> None:
        DecompositionExport.objects.filter(pk=run.pk).update(done=rows)

    with translation.override(run.language or translation.get_language()):
        content = decomposition_xlsx(target=run.target, by=run.requested_by, progress=progress)
    run.content = content
    run.status = ExportStatus.DONE
    run.finished_at = timezone.now()
    run.done = run.total
    run.save(update_fields=["content", "status", "finished_at", "done"])
    return run
