"""``salestarget import`` and ``salestarget rollups``, and the background import task."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from salestarget.actuals.models import SalesLine, SalesMonthly
from salestarget.importing import tasks
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import import_upload
from tests.actuals.files import csv_bytes
from tests.browser import compile_messages
from tests.personas import Company, account

GOOD = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200.50,100"


def test_import_command_writes_and_reports(company: Company, tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    path.write_bytes(csv_bytes(GOOD, encoding="gb18030"))
    out = StringIO()
    call_command(
        "import", str(path), "--kind", "sales", "--source", "erp", "--no-progress", stdout=out
    )
    assert "新增 1" in out.getvalue()
    assert SalesLine.objects.get().amount == 200.5


def test_import_command_exits_non_zero_and_names_the_error_report(
    company: Company, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(GOOD, "2026-02-30,SO1,2,CU-BJ,P-A,REP,1,10,5"))
    out = StringIO()
    compile_messages()
    with translation.override("en"), pytest.raises(CommandError, match="rejected"):
        call_command("import", str(path), "--no-progress", stdout=out)
    assert "error report:" in out.getvalue()
    assert "row 3 日期 “2026-02-30”: " in out.getvalue()
    assert not SalesLine.objects.exists()


def test_import_command_mapping_dry_run_and_good_rows(company: Company, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(
        csv_bytes("2026-03-02,X1,CU-BJ,P-A,REP,1,10", header="When,Ref,Cust,Prod,Rep,N,Money")
    )
    mapping = [
        "When=sold_on",
        "Ref=order_no",
        "Cust=customer",
        "Prod=product",
        "Rep=person",
        "N=quantity",
        "Money=amount",
    ]
    call_command(
        "import", str(path), "--mapping", *mapping, "--dry-run", "--no-progress", stdout=StringIO()
    )
    assert not SalesLine.objects.exists()
    call_command(
        "import",
        str(path),
        "--mapping",
        *mapping,
        "--good-rows-only",
        "--no-progress",
        stdout=StringIO(),
    )
    assert SalesLine.objects.get().external_id == "X1#1"


def test_rollups_commands(company: Company, tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    path.write_bytes(csv_bytes(GOOD))
    call_command("import", str(path), "--no-progress", stdout=StringIO())
    out = StringIO()
    call_command("rollups", "check", stdout=out)
    assert "match" in out.getvalue()
    SalesMonthly.objects.update(amount=1)
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check", stdout=StringIO())
    call_command("rollups", "rebuild", stdout=StringIO())
    assert SalesMonthly.objects.get().amount == 200.5


def test_a_large_file_is_imported_by_the_background_task(
    company: Company, settings, monkeypatch
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(tasks, "BACKGROUND_BYTES", 0)
    data = csv_bytes(GOOD)
    batch = import_upload(
        kind="sales", source="erp", file_name="s.csv", data=data, user=company.finance.user
    )
    batch = tasks.import_start(
        batch=batch, user_id=account(company.finance).pk, dry_run=False, size=len(data)
    )
    assert batch.status == ImportBatch.Status.DONE
    assert batch.task_id
    assert batch.progress == 100
    assert SalesLine.objects.count() == 1


def test_the_worker_writes_an_import_in_the_language_it_was_started_in(company: Company) -> None:
    compile_messages()
    data = csv_bytes("2026-03-02,SO1,1,CU-BJ,NO-SUCH,REP,2,200.50,100")
    batch = import_upload(kind="sales", source="erp", file_name="s.csv", data=data, user=None)
    with translation.override("zh-hans"):  # the worker's own language
        tasks.batch_import_task.call(batch.pk, None, False, "en")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REJECTED
    assert batch.errors_preview[0]["reason"] == (
        "Product “NO-SUCH” not found (looked up by code and by full name)"
    )
