"""Importing the same or an overlapping file again never counts a line twice; a changed line
updates, and its rollups move with it — out of the old day and into the new one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from salestarget.actuals.importing import sales_writer
from salestarget.actuals.importing.sales_writer import RANGE_ROWS_PER_LINE
from salestarget.actuals.models import PersonDaily, SalesLine, SalesMonthly
from salestarget.actuals.rollups import rollups_check
from salestarget.importing.models import ImportBatch
from salestarget.org.models import Membership
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

L1 = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100"
L2 = "2026-03-02,SO1,2,CU-BJ,P-B,REP,1,50,20"
L3 = "2026-03-03,SO2,1,CU-SH,P-A,REP_OTHER,4,400,150"
# The sales columns without order and line numbers: ids are digests of the lines.
WITHOUT_ORDERS = {
    "sold_on": "日期",
    "customer": "客户编码",
    "product": "产品编码",
    "person": "销售人员",
    "quantity": "数量",
    "amount": "金额",
    "cost": "成本",
}


def amounts_by_day() -> dict[dt.date, Decimal]:
    return dict(
        PersonDaily.objects.values_list("day")
        .annotate(total=Sum("amount"))
        .values_list("day", "total")
    )


def consistent() -> None:
    assert rollups_check() == {
        "actuals_salesmonthly": 0,
        "actuals_persondaily": 0,
    }


def test_same_file_twice_counts_once(company: Company) -> None:
    first = run_import(csv_bytes(L1, L2, L3))
    second = run_import(csv_bytes(L1, L2, L3))
    assert (first.rows_inserted, first.rows_updated) == (3, 0)
    assert (second.rows_inserted, second.rows_updated, second.rows_unchanged) == (0, 0, 3)
    assert SalesLine.objects.count() == 3
    assert SalesMonthly.objects.get(person=company.rep, product=company.product_a).amount == 200
    assert sum(r.amount for r in PersonDaily.objects.all()) == 650
    consistent()


def test_overlapping_file_adds_only_new_lines(company: Company) -> None:
    run_import(csv_bytes(L1, L2))
    batch = run_import(csv_bytes(L2, L3))
    assert (batch.rows_inserted, batch.rows_unchanged) == (1, 1)
    assert SalesLine.objects.count() == 3
    consistent()


def test_a_changed_line_updates_and_its_rollups_move_days(company: Company) -> None:
    run_import(csv_bytes(L1, L2))
    moved = L1.replace("2026-03-02", "2026-04-10").replace(",200,", ",260,")
    batch = run_import(csv_bytes(moved, L2))
    assert (batch.rows_updated, batch.rows_unchanged) == (1, 1)
    line = SalesLine.objects.get(external_id="SO1#1")
    assert (line.sold_on, line.amount, line.batch_id) == (dt.date(2026, 4, 10), 260, batch.pk)
    assert amounts_by_day() == {
        dt.date(2026, 3, 2): Decimal(50),
        dt.date(2026, 4, 10): Decimal(260),
    }
    assert SalesMonthly.objects.get(month=dt.date(2026, 3, 1)).amount == 50
    consistent()


@pytest.mark.parametrize("per_line", [RANGE_ROWS_PER_LINE, 0], ids=["by-id-range", "id-by-id"])
def test_stored_lines_are_found_whether_read_by_id_range_or_id_by_id(
    company: Company, monkeypatch: pytest.MonkeyPatch, per_line: int
) -> None:
    # A day's ids are usually read by their range (SO1#1 … SO3#1 holds SO2#1 too, which this
    # file does not name); a range holding many stored lines is looked up id by id instead.
    monkeypatch.setattr(sales_writer, "RANGE_ROWS_PER_LINE", per_line)
    run_import(csv_bytes(L1, L2, L3))
    changed = L1.replace(",200,", ",230,")
    batch = run_import(csv_bytes(changed, L2, "2026-03-04,SO3,1,CU-BJ,P-B,REP,1,70,30"))
    assert (batch.rows_inserted, batch.rows_updated, batch.rows_unchanged) == (1, 1, 1)
    assert SalesLine.objects.get(external_id="SO1#1").amount == 230
    assert SalesLine.objects.get(external_id="SO2#1").amount == 400
    assert SalesLine.objects.count() == 4
    consistent()


def test_other_sources_do_not_collide(company: Company) -> None:
    run_import(csv_bytes(L1), source="erp")
    run_import(csv_bytes(L1), source="shop")
    assert SalesLine.objects.count() == 2


def test_a_sale_is_credited_to_the_team_of_the_sale_date(company: Company) -> None:
    # The rep moves from 北京一组 to 上海一组 on 2026-03-10.
    Membership.objects.filter(person=company.rep).update(valid_to=dt.date(2026, 3, 10))
    Membership.objects.create(
        person=company.rep, node=company.team_sh, valid_from=dt.date(2026, 3, 10)
    )
    batch = run_import(csv_bytes(L1, "2026-03-10,SO3,1,CU-BJ,P-A,REP,1,10,5"))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    nodes = dict(SalesLine.objects.values_list("order_no", "node_id"))
    assert nodes == {"SO1": company.team_bj.pk, "SO3": company.team_sh.pk}
    consistent()


def test_lines_without_ids_get_stable_derived_ids(company: Company) -> None:
    header = "日期,客户编码,产品编码,销售人员,数量,金额"
    rows = [
        "2026-03-02,CU-BJ,P-A,REP,1,10",
        "2026-03-02,CU-BJ,P-A,REP,1,10",
        "2026-03-03,CU-BJ,P-A,REP,1,10",
    ]
    first = run_import(csv_bytes(*rows, header=header))
    assert first.rows_inserted == 3  # two identical lines are two sales
    again = run_import(csv_bytes(*rows, header=header))
    assert again.rows_unchanged == 3
    assert SalesLine.objects.count() == 3
    ids = list(SalesLine.objects.values_list("external_id", flat=True))
    assert all(i.startswith("h:") for i in ids)


def test_order_without_line_numbers_numbers_lines_within_the_order(company: Company) -> None:
    header = "日期,订单号,客户编码,产品编码,销售人员,数量,金额"
    run_import(
        csv_bytes(
            "2026-03-02,SO9,CU-BJ,P-A,REP,1,10", "2026-03-02,SO9,CU-BJ,P-B,REP,1,20", header=header
        )
    )
    assert sorted(SalesLine.objects.values_list("external_id", flat=True)) == ["SO9#1", "SO9#2"]


def test_the_same_lines_under_another_mapping_are_refused_not_counted_twice(
    company: Company,
) -> None:
    # First without the order columns mapped: ids are digests of the lines.
    first = run_import(csv_bytes(L1, L3), mapping=WITHOUT_ORDERS)
    assert first.status == ImportBatch.Status.DONE, first.errors_preview
    stored = dict(SalesLine.objects.values_list("person__employee_no", "external_id"))
    # Then the same file with order and line numbers mapped: other ids for the same lines.
    again = run_import(csv_bytes(L1, L3, L2))
    assert again.status == ImportBatch.Status.REJECTED
    reasons = {e["row"]: e["reason"] for e in again.errors_preview}
    assert set(reasons) == {2, 3}  # L2 is new and fine
    assert stored["REP"] in reasons[2]
    assert "列映射" in reasons[2]
    assert SalesLine.objects.count() == 2
    good = run_import(csv_bytes(L1, L3, L2), mode=ImportBatch.Mode.GOOD_ROWS)
    assert good.rows_written == 1
    assert SalesLine.objects.aggregate(total=Sum("amount"))["total"] == Decimal(650)
    consistent()


def test_a_stored_line_corrected_to_equal_a_twin_under_another_id_is_updated(
    company: Company,
) -> None:
    run_import(csv_bytes(L1), mapping=WITHOUT_ORDERS)  # stored under a digest id
    run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,3,300,100"))  # and SO1#1, other values
    # SO1#1 corrected to the values of the digest-id line: its id is stored, so it is that
    # line updated in place, not the other line again under a new id.
    fixed = run_import(csv_bytes(L1))
    assert fixed.status == ImportBatch.Status.DONE, fixed.errors_preview
    assert (fixed.rows_inserted, fixed.rows_updated) == (0, 1)
    assert SalesLine.objects.count() == 2
    consistent()


def test_identical_sales_in_two_orders_are_two_lines(company: Company) -> None:
    run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100"))
    batch = run_import(csv_bytes("2026-03-02,SO9,1,CU-BJ,P-A,REP,2,200,100"))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.count() == 2


TILL = "2026-03-02,CU-BJ,P-A,REP,1,10"  # a walk-in sale at the till, many times a day


def test_batch_after_batch_of_identical_till_sales_all_count(company: Company) -> None:
    # Four batches of 3,000 identical lines, each line with an id of its own from the till.
    for n in range(4):
        lines = [f"T{n}-{i:04d},{TILL}" for i in range(3000)]
        batch = run_import(
            csv_bytes(*lines, header="外部编号,日期,客户编码,产品编码,销售人员,数量,金额")
        )
        assert (batch.status, batch.rows_written) == (ImportBatch.Status.DONE, 3000)
    assert SalesLine.objects.count() == 12_000
    # The same lines with ids made another way (digests of the lines) would count twice: each
    # is refused, naming the first stored line it repeats.
    again = run_import(
        csv_bytes(*[TILL] * 3000, header="日期,客户编码,产品编码,销售人员,数量,金额")
    )
    assert again.status == ImportBatch.Status.REJECTED
    assert again.errors_total == 3000
    assert {e["row"] for e in again.errors_preview} == set(range(2, 202))
    assert all("“T0-0000”" in e["reason"] for e in again.errors_preview)
    assert SalesLine.objects.count() == 12_000
