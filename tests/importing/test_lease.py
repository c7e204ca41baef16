"""A batch knows who runs it: one whose process is gone, or whose heartbeat from another
host is too old, is interrupted — the pages show it failed, saying nothing was written, and
it can be run again; one whose runner still works is left alone."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.utils import timezone

from salestarget.actuals.models import SalesLine
from salestarget.importing.lease import batch_interrupted, batches_recover
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import import_upload
from salestarget.worker.runners import runner_token
from tests.actuals.files import csv_bytes
from tests.personas import Company

GONE = f"{socket.gethostname()}:4194999:1"  # above Linux's largest process id
ELSEWHERE = "another-host:1234:5678"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def running(runner: str, *, beat_ago: dt.timedelta = dt.timedelta(0)) -> ImportBatch:
    batch = import_upload(
        kind="sales",
        source="erp",
        file_name="sales.csv",
        data=csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100"),
        user=None,
    )
    batch.status = ImportBatch.Status.RUNNING
    batch.phase, batch.progress = "writing", 60
    batch.runner = runner
    batch.heartbeat_at = timezone.now() - beat_ago
    batch.save()
    return batch


def test_a_batch_whose_process_is_gone_is_interrupted(company: Company) -> None:
    assert batch_interrupted(running(GONE))


def test_a_batch_this_process_runs_is_not(company: Company) -> None:
    assert not batch_interrupted(running(runner_token()))


def test_a_batch_run_elsewhere_is_interrupted_once_its_heartbeat_is_old(
    company: Company, settings
) -> None:
    settings.IMPORT_LEASE_SECONDS = 600
    assert not batch_interrupted(running(ELSEWHERE, beat_ago=dt.timedelta(minutes=5)))
    assert batch_interrupted(running(ELSEWHERE, beat_ago=dt.timedelta(minutes=11)))


def test_recovering_fails_only_the_interrupted(company: Company) -> None:
    gone, alive = running(GONE), running(runner_token())
    assert batches_recover() == [gone.pk]
    gone.refresh_from_db()
    alive.refresh_from_db()
    assert (gone.status, gone.phase) == (ImportBatch.Status.FAILED, "done")
    assert gone.message == "导入中断，未写入任何数据，可以重新导入。"
    assert alive.status == ImportBatch.Status.RUNNING


def test_the_import_page_shows_an_interrupted_import_failed_and_runs_it_again(
    login, company: Company
) -> None:
    batch = running(GONE)
    client = login(company.finance)
    page = client.get(f"/actuals/import/{batch.pk}/").content.decode()
    assert "导入中断，未写入任何数据" in page
    client.post(f"/actuals/import/{batch.pk}/run/", {"mode": "all"})
    batch.refresh_from_db()
    assert (batch.status, batch.rows_written) == (ImportBatch.Status.DONE, 1)
    assert SalesLine.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_moves_while_rows_are_written_on_postgresql(monkeypatch) -> None:
    """On PostgreSQL a thread beats while the rows are written (other hosts judge the lease by
    it); on SQLite, which runs on one host, the runner's process tells and no thread runs."""
    import threading
    import time

    from django.db import connection

    from salestarget.actuals.importing.facts import FactImporter
    from salestarget.importing import lease
    from tests.actuals.files import run_import
    from tests.personas import build_company

    build_company()
    monkeypatch.setattr(lease, "HEARTBEAT_SECONDS", 0.05)
    beats: list[object] = []
    write = FactImporter.write

    def slow_write(self, **kwargs):  # type: ignore[no-untyped-def]
        beats.append(ImportBatch.objects.get(pk=kwargs["batch_id"]).heartbeat_at)
        time.sleep(0.5)
        beats.append(ImportBatch.objects.get(pk=kwargs["batch_id"]).heartbeat_at)
        beats.append(any(t.name.endswith("-heartbeat") for t in threading.enumerate()))
        return write(self, **kwargs)

    monkeypatch.setattr(FactImporter, "write", slow_write)
    batch = run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100"))
    assert batch.status == ImportBatch.Status.DONE
    before, after, beating = beats
    if connection.vendor == "postgresql":
        assert beating
        assert after > before
    else:
        assert not beating
        assert after == before
