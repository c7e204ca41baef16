"""An unchanged re-import costs less than the first: its lines meet only themselves as twins
(ids made the same way), so none is looked up by id in the re-keyed-line check, nothing is
written and no rollup moves. A file mixing stored and new lines still checks the new."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from salestarget.actuals.models import SalesLine, SalesMonthly
from salestarget.actuals.rollups import rollups_changed
from salestarget.importing.models import ImportBatch
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

LINES = [
    f"2026-03-0{d},SO{d}{n},1,CU-BJ,P-A,REP,{n + 1},{100 * (n + 1)},50"
    for d in (2, 3)
    for n in range(5)
]


def test_an_unchanged_reimport_looks_up_no_ids_and_writes_nothing(company: Company) -> None:
    run_import(csv_bytes(*LINES))
    rollup = list(SalesMonthly.objects.order_by("pk").values_list("pk", "amount", "quantity"))
    told: list[object] = []

    def listen(**kwargs: object) -> None:
        told.append(kwargs)

    rollups_changed.connect(listen, dispatch_uid="test-reimport")
    try:
        with CaptureQueriesContext(connection) as queries:
            again = run_import(csv_bytes(*LINES))
    finally:
        rollups_changed.disconnect(dispatch_uid="test-reimport")
    assert (again.status, again.rows_inserted, again.rows_updated, again.rows_unchanged) == (
        ImportBatch.Status.DONE,
        0,
        0,
        10,
    )
    assert not [q for q in queries.captured_queries if "st_file_ids" in q["sql"]]
    # No rollup is touched, and nothing downstream is told the rollups changed.
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE actuals_")]
    assert told == []
    assert (
        list(SalesMonthly.objects.order_by("pk").values_list("pk", "amount", "quantity")) == rollup
    )
    assert SalesLine.objects.count() == 10


def test_new_lines_beside_stored_ones_are_still_checked_for_twins(company: Company) -> None:
    run_import(csv_bytes(*LINES))
    # A file without order numbers: its ids are digests of the lines. Its first line is a
    # stored one (under its order id); its second is new.
    header = "日期,客户编码,产品编码,销售人员,数量,金额,成本"
    lines = ["2026-03-02,CU-BJ,P-A,REP,1,100,50", "2026-03-04,CU-BJ,P-A,REP,9,900,50"]
    batch = run_import(csv_bytes(*lines, header=header))
    assert batch.status == ImportBatch.Status.REJECTED
    assert [e["row"] for e in batch.errors_preview] == [2]
    assert "SO20" in batch.errors_preview[0]["reason"]
