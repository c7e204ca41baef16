"""An upload nobody imports does not stay "pending" for ever: after the expiry
(``IMPORT_UPLOAD_EXPIRY_HOURS``) the worker's upkeep or the imports page marks it expired,
says why and deletes its file; the page states the expiry. A file that cannot be read is
rejected at once. Uploads being imported, imported or recent are left alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from salestarget.importing.models import ImportBatch
from salestarget.importing.services import import_upload
from salestarget.worker.keeper import upkeep_run
from tests.actuals.files import csv_bytes
from tests.personas import Company

DATA = csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def uploaded(
    *, hours_ago: float, status: str = ImportBatch.Status.PENDING, phase: str = ""
) -> ImportBatch:
    batch = import_upload(kind="sales", source="erp", file_name="s.csv", data=DATA, user=None)
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours_ago), status=status, phase=phase
    )
    batch.refresh_from_db()
    return batch


def test_the_worker_expires_uploads_left_past_the_expiry(company: Company) -> None:
    left = uploaded(hours_ago=25)
    validated = uploaded(hours_ago=30, status=ImportBatch.Status.VALIDATED)
    recent = uploaded(hours_ago=2)
    queued = uploaded(hours_ago=25, phase="queued")
    done = uploaded(hours_ago=48, status=ImportBatch.Status.DONE, phase="done")

    upkeep_run()

    for batch in (left, validated):
        name = batch.stored_file
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.EXPIRED
        assert batch.message == "上传后 24 小时内没有导入，文件已清除；需要时请重新上传。"
        assert batch.stored_file == ""
        assert not default_storage.exists(name)
    for batch in (recent, queued, done):
        status = batch.status
        batch.refresh_from_db()
        assert batch.status == status
        assert default_storage.exists(batch.stored_file)


def test_the_imports_page_expires_them_and_says_after_how_long(
    login, company: Company, settings
) -> None:
    settings.IMPORT_UPLOAD_EXPIRY_HOURS = 1
    left = uploaded(hours_ago=1.5)
    page = login(company.finance).get("/actuals/import/").content.decode()
    left.refresh_from_db()
    assert left.status == ImportBatch.Status.EXPIRED
    assert "已过期" in page
    assert "上传后 1 小时内没有导入的文件会被清除。" in page


def test_the_page_says_it_in_english(login, company: Company) -> None:
    client = login(company.finance)
    client.cookies["django_language"] = "en"
    page = client.get("/actuals/import/", headers={"accept-language": "en"}).content.decode()
    assert "Uploads not imported within 24 hours are deleted." in page


def test_a_file_that_cannot_be_read_is_rejected_at_once(login, company: Company) -> None:
    batch = import_upload(
        kind="sales", source="erp", file_name="s.csv", data=b"\x00\x01\x02binary", user=None
    )
    answer = login(company.finance).get(f"/actuals/import/{batch.pk}/mapping/")
    assert answer.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REJECTED
    assert "二进制" in batch.message
