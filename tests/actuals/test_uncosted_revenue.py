"""Revenue whose cost is unknown is kept apart in the rollups (``uncosted_amount``): gross
profit is computed over the revenue with a known cost, and every page, export and API answer
that shows it says how much revenue it leaves out — never a 100% margin."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from salestarget.actuals.models import PersonDaily, SalesLine, SalesMonthly
from salestarget.actuals.rollups import rollups_check
from salestarget.actuals.services import actuals_fact_delete
from salestarget.core.metrics import BUILTIN_METRICS
from salestarget.importing.models import ImportBatch
from salestarget.targets.cells import Cell, actuals_for
from salestarget.targets.services.plans import plan_create
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company, account

HEADER = "日期,订单号,行号,客户编码,产品编码,销售人员,数量,金额,毛利"
MARCH = Cell(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
QUERY = "metric=gross_profit&plan=none&period=2026-03&at=2026-03-31"
NOTE = "毛利按已知成本的收入计算，另有 1,000.50 CNY 收入成本未知"


@pytest.fixture
def sales(company: Company) -> None:
    """March: 2,000 sold with a profit of 600 given, and 1,000.50 sold with no profit, cost,
    margin or standard cost (unknown cost); a return of 0.50 of the latter is unknown too."""
    batch = run_import(
        csv_bytes(
            "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,2000,600",
            "2026-03-02,SO2,1,CU-BJ,P-A,REP,1,1001,",
            "2026-03-09,SO3,1,CU-BJ,P-A,REP,-1,-0.5,",
            header=HEADER,
        )
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert "毛利只按已知成本的收入计算" in batch.message


def gross_profit() -> Decimal | None:
    return actuals_for(BUILTIN_METRICS["gross_profit"], [MARCH])[0]


def test_the_rollups_keep_the_revenue_of_unknown_cost_apart(sales: None) -> None:
    assert SalesLine.objects.filter(cost__isnull=True).count() == 2
    assert sum(r.uncosted_amount for r in PersonDaily.objects.all()) == Decimal("1000.5")
    assert SalesMonthly.objects.get().uncosted_amount == Decimal("1000.5")
    assert sum(r.uncosted_amount for r in PersonDaily.objects.all()) == Decimal("1000.5")
    assert gross_profit() == Decimal(600)  # not 1,600.50: unknown is not 100% margin
    assert set(rollups_check().values()) == {0}


def test_a_correction_giving_the_cost_moves_the_revenue_back(sales: None) -> None:
    run_import(csv_bytes("2026-03-02,SO2,1,CU-BJ,P-A,REP,1,1001,101", header=HEADER))
    assert SalesMonthly.objects.get().uncosted_amount == Decimal("-0.5")
    assert gross_profit() == Decimal(701)
    line = SalesLine.objects.get(order_no="SO3")
    actuals_fact_delete(kind="sales", ids=[line.pk], user=None)
    assert not SalesMonthly.objects.get().uncosted_amount
    assert set(rollups_check().values()) == {0}


def test_the_dashboard_says_what_gross_profit_leaves_out(
    sales: None, company: Company, login
) -> None:
    client = login(company.director)
    page = client.get(f"/tracking/?{QUERY}").content.decode()
    assert 'data-testid="uncosted-note"' in page
    assert NOTE in page
    assert "600.00" in page
    revenue = client.get(f"/tracking/?{QUERY.replace('gross_profit', 'revenue')}").content
    assert 'data-testid="uncosted-note"' not in revenue.decode()  # revenue leaves nothing out
    assert 'data-testid="uncosted-note-gross_profit"' in revenue.decode()  # its key metric does


def test_in_english_too(sales: None, company: Company, login) -> None:
    client = login(company.director)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/tracking/?{QUERY}").content.decode()
    assert (
        "Gross profit counts only the revenue with a known cost; another 1,000.50 CNY of "
        "revenue has an unknown cost"
    ) in page


def test_the_api_gives_the_amount_and_the_note(sales: None, company: Company, login) -> None:
    client = login(company.director)
    body = client.get(f"/api/tracking/figures?{QUERY}").json()
    assert Decimal(body["subject"]["actual"]) == Decimal(600)
    assert Decimal(body["subject"]["uncosted_amount"]) == Decimal("1000.5")
    assert body["subject"]["note"] == NOTE
    board = client.get("/api/tracking/leaderboard?metric=gross_profit&period=2026-03").json()
    assert Decimal(board["uncosted_amount"]) == Decimal("1000.5")
    assert [Decimal(e["uncosted_amount"]) for e in board["entries"]] == [Decimal("1000.5")]
    revenue = client.get("/api/tracking/figures?plan=none&period=2026-03&at=2026-03-31").json()
    assert revenue["subject"]["uncosted_amount"] is None


def test_the_monthly_report_and_its_workbook_say_it(sales: None, company: Company, login) -> None:
    client = login(company.director)
    query = f"kind=month&period=2026-03&node={company.root.pk}&at=2026-03-31"
    page = client.get(f"/tracking/report/?{query}").content.decode()
    assert NOTE in page
    book = client.get(f"/tracking/report.xlsx?{query}").content
    cells = [c for row in load_workbook(io.BytesIO(book)).active.values for c in row if c]
    assert NOTE in cells
    board = client.get("/tracking/leaderboard/?metric=gross_profit&period=2026-03&at=2026-03-31")
    assert NOTE in board.content.decode()


def test_the_customer_analysis_margin_leaves_it_out_too(sales: None, company: Company) -> None:
    from salestarget.forecasting.queries.customers import customer_analysis
    from salestarget.forecasting.services.customers import customer_rollup_rebuild

    customer_rollup_rebuild(last_day=dt.date(2026, 3, 31))
    found = customer_analysis(company.root, dt.date(2026, 3, 31))
    assert found.margin_per_customer == Decimal(600)  # one customer; not 1,600.50


def test_the_tracking_tree_of_a_gross_profit_plan_says_it(
    sales: None, company: Company, login
) -> None:
    plan = plan_create(
        by=account(company.director),
        name="三月毛利",
        metric="gross_profit",
        period="2026-03",
        scope_node=company.root,
        value=Decimal(1000),
    )
    client = login(company.director)
    page = client.get(f"/tracking/tree/?plan={plan.pk}&at=2026-03-31").content.decode()
    assert NOTE in page
    tree = client.get(f"/api/tracking/plans/{plan.pk}/tree?at=2026-03-31").json()
    assert Decimal(tree["rows"][0]["tracking"]["actual"]) == Decimal(600)
    assert Decimal(tree["uncosted_amount"]) == Decimal("1000.5")


def test_the_gap_analysis_and_the_breakdown_say_it_too(
    sales: None, company: Company, login
) -> None:
    client = login(company.director)
    gap = client.get(f"/tracking/gap/?{QUERY}").content.decode()
    assert 'data-testid="uncosted-note"' in gap
    assert NOTE in gap
    breakdown = client.get(f"/tracking/?{QUERY}&dim=product").content.decode()
    assert 'data-testid="uncosted-mark"' in breakdown
    revenue = client.get(f"/tracking/gap/?{QUERY.replace('gross_profit', 'revenue')}").content
    assert 'data-testid="uncosted-note"' not in revenue.decode()
