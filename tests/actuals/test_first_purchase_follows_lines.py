"""A customer's first purchase is the day of its first positive sales line, however the lines
were written — a file, the API, a script writing rows directly — and however they changed
since: a correction or a deletion of the first line moves it later, and the rollups count the
new customer on the new day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.actuals.rollups import rollups_check, rollups_rebuild
from salestarget.actuals.services import actuals_fact_delete
from salestarget.catalog.models import Customer
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,成本"


def new_customers() -> dict[dt.date, int]:
    return {p.day: p.new_customers for p in PersonDaily.objects.filter(new_customers__gt=0)}


def first_purchase(company: Company) -> dt.date | None:
    return Customer.objects.get(pk=company.customer_bj.pk).first_purchase_on


def test_lines_written_directly_count_after_a_rebuild(company: Company) -> None:
    SalesLine.objects.create(
        external_id="script-1", sold_on=dt.date(2026, 3, 4), customer=company.customer_bj,
        product=company.product_a, person=company.rep, node=company.team_bj,
        channel=company.channel, customer_type=company.customer_type,
        region=company.region_north, quantity=Decimal(1), amount=Decimal(100), cost=Decimal(50),
    )  # fmt: skip
    rollups_rebuild()
    assert first_purchase(company) == dt.date(2026, 3, 4)
    assert new_customers() == {dt.date(2026, 3, 4): 1}
    assert set(rollups_check().values()) == {0}


def test_a_corrected_or_deleted_first_line_moves_it_later(company: Company) -> None:
    run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,1,100,50",
            "2026-03-09,SO2,1,CU-BJ,P-A,REP,1,100,50",
            "2026-03-16,SO3,1,CU-BJ,P-A,REP,1,100,50",
        )
    )
    assert first_purchase(company) == dt.date(2026, 3, 2)
    # The first order was really placed on the 20th: a corrected re-import of that line.
    run_import(csv_bytes("2026-03-20,SO1,1,CU-BJ,P-A,REP,1,100,50"))
    assert first_purchase(company) == dt.date(2026, 3, 9)
    assert new_customers() == {dt.date(2026, 3, 9): 1}
    actuals_fact_delete(kind="sales", ids=[SalesLine.objects.get(order_no="SO2").pk], user=None)
    assert first_purchase(company) == dt.date(2026, 3, 16)
    assert new_customers() == {dt.date(2026, 3, 16): 1}
    assert set(rollups_check().values()) == {0}
    actuals_fact_delete(
        kind="sales", ids=list(SalesLine.objects.values_list("pk", flat=True)), user=None
    )
    assert first_purchase(company) is None
    assert not new_customers()
