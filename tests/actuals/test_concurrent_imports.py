"""Two imports at the same time — finance uploading while an ERP pushes through the API —
leave the rollups as a rebuild would. Each reads what is stored (is this customer's first
line among mine?) before it writes; found by the soak benchmark (bench/soak.py), where
PostgreSQL counted a new customer once per import that sold to them the same day.

SQLite lets one writer in at a time by itself (``transaction_mode`` IMMEDIATE), and its
in-memory test database cannot hold two connections' transactions open at once, so the race
is played on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from salestarget.actuals.importing.facts import FactImporter
from salestarget.actuals.models import PersonDaily
from salestarget.actuals.rollups import rollups_check
from salestarget.importing.models import ImportBatch
from tests.actuals.files import csv_bytes, run_import
from tests.personas import build_company

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has one writer at a time by itself"
)

# The same new customer, sold to on the same day by two files with lines of their own.
FIRST = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100"
SECOND = "2026-03-02,SO2,1,CU-BJ,P-B,REP,1,50,20"


@pytest.mark.django_db(transaction=True)
def test_two_imports_side_by_side_count_a_new_customer_once(monkeypatch) -> None:
    build_company()
    first_wrote = threading.Event()
    second_finished = threading.Event()
    write = FactImporter.write

    def write_then_hold(self, **kwargs):  # type: ignore[no-untyped-def]
        result = write(self, **kwargs)
        if not first_wrote.is_set():
            # The first import has written but not committed: the second runs now. It may
            # finish (it did before the fix) or wait for this one; either way go on soon.
            first_wrote.set()
            second_finished.wait(timeout=3)
        return result

    monkeypatch.setattr(FactImporter, "write", write_then_hold)
    batches: dict[str, ImportBatch] = {}

    def second() -> None:
        try:
            first_wrote.wait(timeout=30)
            batches["second"] = run_import(csv_bytes(SECOND), source="crm")
        finally:
            second_finished.set()
            connection.close()

    other = threading.Thread(target=second)
    other.start()
    batches["first"] = run_import(csv_bytes(FIRST))
    other.join(timeout=60)

    assert [b.status for b in batches.values()] == [ImportBatch.Status.DONE] * 2
    assert PersonDaily.objects.aggregate(n=Sum("new_customers"))["n"] == 1
    assert rollups_check() == {
        "actuals_salesmonthly": 0,
        "actuals_persondaily": 0,
    }
