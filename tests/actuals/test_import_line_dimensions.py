"""A sales line's own region, channel and customer type win over its customer's.

In real order files one customer buys in several regions: the region on the line is where the
sale counts — in the line, the rollups, the dimension drill-downs, gap analysis and the
targets set by region. A line without its own takes the customer's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from salestarget.actuals.models import ImportBatch, SalesLine, SalesMonthly
from salestarget.actuals.rollups import rollups_check, rollups_rebuild
from salestarget.catalog.models import Channel, CustomerType
from salestarget.targets.cells import Cell, fact_sums_for
from salestarget.tracking.queries.sums import grouped_sums
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,区域,客户类型,渠道,数量,金额"
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _by_region() -> dict[int, Decimal]:
    return dict(
        SalesMonthly.objects.values("region_id")
        .annotate(s=Sum("amount"))
        .values_list("region_id", "s")
        .order_by()
    )


def test_a_line_in_another_region_counts_there_and_the_rest_take_the_customers(
    company: Company,
) -> None:
    online = Channel.objects.create(code="ONLINE", name="线上")
    small = CustomerType.objects.create(code="SMB", name="中小客户")
    batch = run_import(
        csv_bytes(
            # The Beijing customer buys once in the east, online, as a small customer …
            "2026-03-02,S1,1,CU-BJ,P-A,REP,华东,中小客户,ONLINE,1,300.1234",
            # … and once with nothing of its own on the line.
            "2026-03-03,S2,1,CU-BJ,P-A,REP,,,,2,200",
            header=HEADER,
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview

    own, plain = SalesLine.objects.order_by("order_no")
    assert (own.region, own.customer_type, own.channel) == (company.region_east, small, online)
    assert (plain.region, plain.customer_type, plain.channel) == (
        company.region_north,
        company.customer_type,
        company.channel,
    )
    assert _by_region() == {
        company.region_east.pk: Decimal("300.1234"),
        company.region_north.pk: Decimal(200),
    }
    assert rollups_check() == {
        "actuals_salesmonthly": 0,
        "actuals_persondaily": 0,
    }

    # The drill-down by region and a target set on the east region read the line's region.
    by_region = grouped_sums(["amount"], start=MARCH[0], end=MARCH[1], group="region", version="t")
    assert by_region is not None
    assert {k: v["amount"] for k, v in by_region.items()} == {
        company.region_east.pk: Decimal("300.1234"),
        company.region_north.pk: Decimal(200),
    }
    [(east, _n)] = fact_sums_for(["amount"], [Cell(*MARCH, region_id=company.region_east.pk)])
    assert east is not None
    assert east["amount"] == Decimal("300.1234")
    [(small_sums, _n)] = fact_sums_for(["amount"], [Cell(*MARCH, customer_type_id=small.pk)])
    assert small_sums is not None
    assert small_sums["amount"] == Decimal("300.1234")


def test_correcting_a_lines_region_moves_its_amount_and_a_rebuild_agrees(
    company: Company,
) -> None:
    line = "2026-03-02,S1,1,CU-BJ,P-A,REP,{region},,,1,99.5"
    run_import(csv_bytes(line.format(region="华北"), header=HEADER))
    assert _by_region() == {company.region_north.pk: Decimal("99.5")}

    batch = run_import(csv_bytes(line.format(region="R-E"), header=HEADER))
    assert (batch.rows_updated, batch.rows_inserted) == (1, 0)
    assert _by_region() == {company.region_east.pk: Decimal("99.5")}
    assert set(rollups_check().values()) == {0}
    rollups_rebuild()
    assert _by_region() == {company.region_east.pk: Decimal("99.5")}


def test_an_unknown_region_on_a_line_is_named_and_nothing_is_written(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "2026-03-02,S1,1,CU-BJ,P-A,REP,华东,,,1,10",
            "2026-03-02,S1,2,CU-BJ,P-A,REP,Westen,Consumer,,1,10",
            header=HEADER,
        )
    )
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(e["row"], e["column"], e["reason"]) for e in batch.errors_preview] == [
        (3, "区域", "找不到区域“Westen”（按编码或完整名称查找）"),
        (3, "客户类型", "找不到客户类型“Consumer”（按编码或完整名称查找）"),
    ]
    assert not SalesLine.objects.exists()


def test_an_api_record_may_name_its_own_region(company: Company, login) -> None:
    client = login(company.finance)
    answer = client.post(
        "/api/actuals/sales-lines",
        {
            "source": "shop",
            "records": [
                {
                    "external_id": "W-1",
                    "sold_on": "2026-03-02",
                    "customer": "CU-BJ",
                    "product": "P-A",
                    "person": "REP",
                    "region": "R-E",
                    "quantity": 1,
                    "amount": "12.3456",
                }
            ],
        },
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert SalesLine.objects.get().region == company.region_east
