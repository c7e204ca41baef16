"""Background work: large imports run in the task worker (``salestarget db_worker``)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from salestarget.importing.models import ImportBatch
from salestarget.importing.services import batch_import, scope_of

# Files above this size are imported in the background; smaller ones while the page waits.
BACKGROUND_BYTES = 2 * 1024 * 1024


@task()
def batch_import_task(
    batch_id: int, user_id: int | None = None, dry_run: bool = False, language: str = ""
) -> str:
    """``language`` is the one the import was started in: its messages and error report are
    written for that person, whatever the worker's own language."""
    batch = ImportBatch.objects.get(pk=batch_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    with translation.override(language or translation.get_language()):
        batch = batch_import(batch=batch, scope=scope_of(user), dry_run=dry_run)
    return batch.status


def import_start(
    *, batch: ImportBatch, user_id: int | None, dry_run: bool, size: int
) -> ImportBatch:
    """Run the import now, or queue it when the file is large; the page polls ``progress``."""
    if size <= BACKGROUND_BYTES:
        batch_import_task.call(batch.pk, user_id, dry_run)
    else:
        language = translation.get_language() or ""
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.PENDING, phase="queued", progress=1
        )
        result = batch_import_task.enqueue(batch.pk, user_id, dry_run, language)
        ImportBatch.objects.filter(pk=batch.pk).update(task_id=str(result.id))
    batch.refresh_from_db()
    return batch
