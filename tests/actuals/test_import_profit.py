"""Order files give a profit (毛利) or a margin instead of a cost: the cost is derived from it;
a line with none of them and a product without a standard cost has an unknown cost — null,
stated on the batch and the list — never a cost of 0 that reads as a 100% margin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.actuals.models import SalesLine, SalesMonthly
from salestarget.actuals.rollups import rollups_check
from salestarget.importing.models import ImportBatch
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额"


def test_cost_is_amount_less_profit(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,100.1234,30.0034",
            "2026-03-02,SO1,2,CU-BJ,P-A,REP,-1,-50,-15",
            header=f"{HEADER},Profit",
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert batch.mapping["profit"] == "Profit"
    costs = dict(SalesLine.objects.values_list("line_no", "cost"))
    assert costs == {"1": Decimal("70.12"), "2": Decimal(-35)}
    assert SalesMonthly.objects.get().cost == Decimal("35.12")
    assert set(rollups_check().values()) == {0}


@pytest.mark.parametrize("margin", ["35%", "35", "３５％"])
def test_cost_from_a_margin_in_percent(company: Company, margin: str) -> None:
    batch = run_import(
        csv_bytes(f"2026-03-02,SO1,1,CU-BJ,P-A,REP,1,200,{margin}", header=f"{HEADER},毛利率")
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().cost == Decimal(130)


def test_a_column_of_fractions_is_a_margin_too(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,1,200,0.35",
            "2026-03-02,SO1,2,CU-BJ,P-A,REP,1,99.99,0.1",
            header=f"{HEADER},Gross Margin",
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    costs = dict(SalesLine.objects.values_list("line_no", "cost"))
    assert costs == {"1": Decimal(130), "2": Decimal("89.991")}


def test_a_cost_column_wins_over_profit(company: Company) -> None:
    run_import(
        csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,1,100,60,30", header=f"{HEADER},成本,毛利")
    )
    assert SalesLine.objects.get().cost == Decimal(60)


def test_profit_above_the_amount_is_refused_naming_the_column(company: Company) -> None:
    batch = run_import(
        csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,1,100,130", header=f"{HEADER},毛利")
    )
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(e["row"], e["column"]) for e in batch.errors_preview] == [(2, "毛利")]
    assert not SalesLine.objects.exists()


def test_without_cost_profit_margin_or_standard_cost_the_cost_is_unknown(
    company: Company, login
) -> None:
    batch = run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,100", header=HEADER))
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert SalesLine.objects.get().cost is None  # not 0: that would be a 100% margin
    assert "1 行成本未知" in batch.message
    assert SalesMonthly.objects.get().amount == Decimal(100)
    assert set(rollups_check().values()) == {0}
    page = login(company.finance).get(reverse("actuals:fact_list")).content.decode()
    assert "未知" in page


def test_a_standard_cost_still_fills_in(company: Company) -> None:
    company.product_a.standard_cost = Decimal("12.5")
    company.product_a.save()
    run_import(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,100", header=HEADER))
    assert SalesLine.objects.get().cost == Decimal(25)
