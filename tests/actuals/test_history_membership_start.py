"""People imported from a list with no dates start in their team on 1 January of last year —
a start nobody stated. Their older sales, imported later, move that start back to the earliest
of them and credit the team, years back, without any option; a start the list did state (a
hiring date) still refuses older sales unless the import is told to backdate."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.actuals.rollups import rollups_check
from salestarget.importing.models import ImportBatch
from salestarget.org.models import Membership
from salestarget.org.scoping import scope_for
from salestarget.org.services import membership_save
from tests.actuals.files import csv_bytes, run_import
from tests.catalog.masterfiles import _media, master_import  # noqa: F401
from tests.catalog.masterfiles import csv_bytes as people_csv
from tests.personas import Company, account

SALES = "日期,订单号,客户编码,产品编码,销售人员,数量,金额,成本"


def test_old_sales_move_an_unstated_start_back(company: Company) -> None:
    batch = master_import(
        people_csv("工号,姓名,部门", "E1,老张,北京一组", "E2,老李,北京一组"), kind="people"
    )
    assert batch.status == "done"
    first = Membership.objects.get(person__employee_no="E1")
    assert first.valid_from == dt.date(timezone.localdate().year - 1, 1, 1)
    assert not first.start_stated

    sales = run_import(
        csv_bytes(
            "2021-02-03,S1,CU-BJ,P-A,E1,1,100,60",
            "2023-05-06,S2,CU-BJ,P-A,E1,1,200,120",
            "2022-07-08,S3,CU-BJ,P-A,E2,1,50,30",
            header=SALES,
        )
    )

    assert sales.status == ImportBatch.Status.DONE, sales.errors_preview
    assert "首个任职的开始日期已提前" in sales.message
    starts = dict(Membership.objects.values_list("person__employee_no", "valid_from"))
    assert (starts["E1"], starts["E2"]) == (dt.date(2021, 2, 3), dt.date(2022, 7, 8))
    assert set(SalesLine.objects.values_list("node__code", flat=True)) == {"BJ1"}
    assert PersonDaily.objects.get(day=dt.date(2021, 2, 3)).node_id == company.team_bj.pk
    assert set(rollups_check().values()) == {0}


def test_a_stated_start_still_asks_for_the_option(company: Company) -> None:
    master_import(
        people_csv("工号,姓名,部门,入职日期", "E3,老王,北京一组,2024-03-01"), kind="people"
    )
    assert Membership.objects.get(person__employee_no="E3").start_stated
    data = csv_bytes("2021-02-03,S9,CU-BJ,P-A,E3,1,100,60", header=SALES)
    refused = run_import(data)
    assert refused.status == ImportBatch.Status.REJECTED
    assert "把首个任职的开始日期提前" in refused.errors_preview[0]["reason"]
    moved = run_import(data, options={"create_missing": True})
    assert moved.status == ImportBatch.Status.DONE, moved.errors_preview
    assert Membership.objects.get(person__employee_no="E3").valid_from == dt.date(2021, 2, 3)


def test_an_admin_setting_the_start_states_it(company: Company) -> None:
    master_import(people_csv("工号,姓名,部门", "E4,老赵,北京一组"), kind="people")
    row = Membership.objects.get(person__employee_no="E4")
    row.valid_from = dt.date(2024, 1, 1)
    membership_save(by=scope_for(account(company.admin)), membership=row)
    row.refresh_from_db()
    assert row.start_stated
