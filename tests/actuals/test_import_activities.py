"""Sales activities come in from CRM exports in Chinese and English, with the same mapping,
row errors and all-or-nothing rule as sales, and are counted in the rollups."""

from __future__ import annotations

import datetime as dt

import pytest

from salestarget.actuals.models import Activity, ImportBatch, PersonDaily
from salestarget.actuals.rollups import rollups_check
from salestarget.importing.services import batch_import, import_upload
from salestarget.org.scoping import scope_for
from tests.actuals.files import csv_bytes, run_import, xlsx_bytes
from tests.personas import Company

DAY = dt.date(2026, 3, 2)
# 纷享销客's 外勤/拜访 export, as its users download it.
FXIAOKE = "拜访编号,拜访时间,拜访类型,负责人,客户名称,线索,拜访结果,拜访内容,状态"


def test_a_chinese_crm_export_counts_visits_calls_and_new_customers(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "V1,2026-03-02 09:30,拜访,REP,北京客户,,产生商机,介绍新品,已完成",
            "V2,2026-03-02 14:00,上门拜访,REP,,新华公司,有意向,,已完成",
            "V3,2026-03-02 16:00,电话,REP,北京客户,,,,已完成",
            "V4,2026-03-03 10:00,拜访,REP,北京客户,,,,计划",
            header=FXIAOKE,
        ),
        kind="activity",
        source="fxiaoke",
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    visit = Activity.objects.get(external_id="V1")
    assert (visit.kind, visit.occurred_at, visit.outcome, visit.node) == (
        "visit",
        "09:30",
        "opportunity",
        company.team_bj,
    )
    # A lead is a new customer; so is a customer that had bought nothing before.
    assert Activity.objects.get(external_id="V2").new_customer
    day = PersonDaily.objects.get(day=DAY, person=company.rep)
    assert (day.visits, day.new_customer_visits, day.calls, day.activity_opportunities) == (
        2,
        2,
        1,
        1,
    )
    # The planned visit counts nothing until it is done.
    assert not PersonDaily.objects.filter(day=DAY + dt.timedelta(days=1)).exists()
    assert rollups_check() == {
        "actuals_salesmonthly": 0,
        "actuals_persondaily": 0,
    }


def test_an_english_export_in_excel_and_its_reimport_is_idempotent(company: Company) -> None:
    rows = [
        ["Activity ID", "Date", "Type", "Assigned To", "Account Name", "Result", "Subject"],
        ["T-1", "2026-03-02", "Call", "王小明", "CU-BJ", "Interested", "pricing"],
        ["T-2", "2026-03-02", "Demo", "REP", "CU-BJ", "Opportunity", ""],
        ["T-3", "2026-03-02", "Trade show", "REP", "", "", "Canton fair"],
    ]
    batch = run_import(xlsx_bytes(rows), kind="activity", source="sfdc", name="tasks.xlsx")
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert sorted(Activity.objects.values_list("kind", flat=True)) == ["call", "demo", "event"]
    rows[1][5] = "Deal"  # the call's outcome changed in the CRM
    again = run_import(xlsx_bytes(rows), kind="activity", source="sfdc", name="tasks.xlsx")
    assert (again.rows_inserted, again.rows_updated, again.rows_unchanged) == (0, 1, 2)
    day = PersonDaily.objects.get(day=DAY, person=company.rep)
    assert (day.calls, day.demos, day.events, day.activity_opportunities) == (1, 1, 1, 2)
    assert Activity.objects.count() == 3


def test_bad_rows_are_named_and_nothing_is_written(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "V1,2026-03-02 09:30,拜访,REP,北京客户,,,,已完成",
            "V2,2026-03-02,喝茶,REP,北京客户,,,,已完成",
            "V3,2026-03-02,拜访,REP,,,,,已完成",
            "V4,2026-03-02,电话,REP,北京客户,,大概,,已完成",
            "V5,2026-03-02,拜访,NOBODY,北京客户,,,,已完成",
            header=FXIAOKE,
        ),
        kind="activity",
    )
    assert batch.status == ImportBatch.Status.REJECTED
    found = {(e["row"], e["column"]) for e in batch.errors_preview}
    assert {(3, "拜访类型"), (4, "客户名称"), (5, "拜访结果"), (6, "负责人")} <= found
    reasons = " ".join(e["reason"] for e in batch.errors_preview)
    assert "拜访/电话/邮件" in reasons
    assert "客户和线索至少填一个" in reasons
    assert not Activity.objects.exists()
    assert not PersonDaily.objects.exists()


@pytest.mark.parametrize(
    ("who", "refused"), [("rep", {3}), ("manager_north", {3}), ("finance", set())]
)
def test_each_role_imports_within_its_scope(company: Company, who: str, refused: set[int]) -> None:
    person = getattr(company, who)
    data = csv_bytes(
        "V1,2026-03-02,拜访,REP,北京客户,,,,已完成",
        "V2,2026-03-02,拜访,REP_OTHER,上海客户,,,,已完成",
        header=FXIAOKE,
    )
    batch = import_upload(
        kind="activity", source="fxiaoke", file_name="a.csv", data=data, user=person.user
    )
    batch = batch_import(batch=batch, scope=scope_for(person.user), dry_run=False)
    assert {e["row"] for e in batch.errors_preview} == refused
    written = 0 if refused else 2
    assert Activity.objects.count() == written
