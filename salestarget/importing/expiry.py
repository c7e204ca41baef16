"""Uploads nobody imported: a file uploaded and left at the mapping page (or validated and
never imported, or unreadable) would stay "pending" in the recent imports for ever and keep
its file. After ``IMPORT_UPLOAD_EXPIRY_HOURS`` (settings, 24 unless set) such a batch is
marked expired — saying so — and its file deleted. The worker does it in its upkeep
(``worker.keeper``), and the import pages when they list the recent imports."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.importing.models import ImportBatch

log = logging.getLogger(__name__)
EXPIRY_HOURS = 24
# Uploaded (phase "": never started) or validated only, and never imported.
LEFT = {ImportBatch.Status.PENDING, ImportBatch.Status.VALIDATED}


def upload_expiry_hours() -> int:
    return int(getattr(settings, "IMPORT_UPLOAD_EXPIRY_HOURS", EXPIRY_HOURS))


def expired_message() -> str:
    return _("上传后 %(hours)s 小时内没有导入，文件已清除；需要时请重新上传。") % {
        "hours": upload_expiry_hours()
    }


def uploads_expire(*, now: dt.datetime | None = None) -> list[int]:
    """Expire the uploads left longer than the expiry; their ids."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=upload_expiry_hours())
    left = list(
        ImportBatch.objects.filter(status__in=LEFT, phase="", created_at__lt=cutoff)
        .exclude(stored_file="")
        .values_list("pk", "stored_file")
    )
    if not left:
        return []
    ids = [pk for pk, _name in left]
    ImportBatch.objects.filter(pk__in=ids, status__in=LEFT, phase="").update(
        status=ImportBatch.Status.EXPIRED,
        message=expired_message(),
        finished_at=now,
        stored_file="",
    )
    for _pk, name in left:
        try:
            default_storage.delete(name)
        except OSError:  # gone already, or the storage refuses: the batch says expired anyway
            log.warning("could not delete the expired upload %s", name, exc_info=True)
    return ids
