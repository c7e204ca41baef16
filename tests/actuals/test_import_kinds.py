"""Every kind of fact imports from a file with its own rules, and lands in the rollups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.models import (
    Expense,
    ImportBatch,
    MarketSize,
    Opportunity,
    Payment,
    PersonDaily,
    SurveyResponse,
)
from salestarget.actuals.rollups import rollups_check
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

DAY = dt.date(2026, 3, 2)


def test_expenses_by_person_or_by_node(company: Company) -> None:
    data = csv_bytes(
        "2026-03-02,REP,,差旅,120.5",
        "2026-03-02,,华北,会议,1000",
        "2026-03-02,,,招待,10",
        header="报销日期,报销人,部门,费用类别,报销金额",
    )
    batch = run_import(data, kind="expense")
    assert batch.status == ImportBatch.Status.REJECTED
    assert [(e["row"], e["reason"]) for e in batch.errors_preview] == [(4, "人员和组织至少填一个")]
    batch = run_import(data, kind="expense", mode=ImportBatch.Mode.GOOD_ROWS)
    assert batch.rows_written == 2
    assert Expense.objects.get(category="差旅").node == company.team_bj
    assert PersonDaily.objects.get(person=None, node=company.north).expense == Decimal(1000)
    assert PersonDaily.objects.get(person=company.rep).expense == Decimal("120.5")


def test_payments_default_to_the_customers_owner(company: Company) -> None:
    batch = run_import(
        csv_bytes('2026/3/2,CU-SH,"¥5,000.00"', header="收款日期,客户名称,回款金额"), kind="payment"
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    payment = Payment.objects.get()
    assert (payment.person, payment.node, payment.amount) == (
        company.rep_other,
        company.team_sh,
        5000,
    )


def test_opportunities_stages_and_close_dates(company: Company) -> None:
    header = "商机编号,商机名称,客户,销售人员,预计金额,创建日期,关闭日期,阶段"
    batch = run_import(
        csv_bytes(
            "O1,大单,CU-BJ,REP,50000,2026-01-05,2026-03-02,赢单",
            "O2,小单,CU-BJ,REP,800,2026-01-05,2026-03-02,Closed Lost",
            "O3,在谈,CU-BJ,REP,800,2026-01-05,,跟进中",
            "O4,坏的,CU-BJ,REP,800,2026-01-05,,won",
            "O5,怪的,CU-BJ,REP,800,2026-01-05,,maybe",
            header=header,
        ),
        kind="opportunity",
        mode=ImportBatch.Mode.GOOD_ROWS,
    )
    reasons = {e["row"]: e["reason"] for e in batch.errors_preview}
    assert "关闭日期" in reasons[5]
    assert "阶段应为" in reasons[6]
    assert sorted(Opportunity.objects.values_list("external_id", "stage")) == [
        ("O1", "won"),
        ("O2", "lost"),
        ("O3", "open"),
    ]
    day = PersonDaily.objects.get(day=DAY)
    assert (day.won, day.closed, day.won_amount) == (1, 2, Decimal(50000))
    # The open one is won later: the same id updates it.
    run_import(
        csv_bytes("O3,在谈,CU-BJ,REP,800,2026-01-05,2026-03-02,成交", header=header),
        kind="opportunity",
    )
    assert PersonDaily.objects.get(day=DAY).won == 2
    assert rollups_check() == dict.fromkeys(["actuals_salesmonthly", "actuals_persondaily"], 0)


def test_a_salesforce_opportunity_report_imports_as_it_is(company: Company) -> None:
    batch = run_import(
        csv_bytes(
            "0061,Big deal,CU-BJ,REP,USD 0,1/5/2026,3/2/2026,Closed Won",
            "0062,Next one,CU-BJ,REP,0,1/15/2026,,Proposal/Price Quote",
            "0063,Early,CU-BJ,REP,0,1/20/2026,,Id. Decision Makers",
            header="Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Amount,"
            "Created Date,Close Date,Stage",
        ),
        kind="opportunity",
        options={"date_order": "mdy"},
    )
    assert batch.status == ImportBatch.Status.REJECTED  # USD in a CNY company
    assert [e["column"] for e in batch.errors_preview] == ["Amount"]
    batch = run_import(
        csv_bytes(
            "0061,Big deal,CU-BJ,REP,50000,1/5/2026,3/2/2026,Closed Won",
            "0062,Next one,CU-BJ,REP,8000,1/15/2026,,Proposal/Price Quote",
            "0063,Early,CU-BJ,REP,0,1/20/2026,,Id. Decision Makers",
            header="Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Amount,"
            "Created Date,Close Date,Stage",
        ),
        kind="opportunity",
        options={"date_order": "mdy"},
    )
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview
    assert sorted(Opportunity.objects.values_list("external_id", "stage", "opened_on")) == [
        ("0061", "won", dt.date(2026, 1, 5)),
        ("0062", "open", dt.date(2026, 1, 15)),
        ("0063", "open", dt.date(2026, 1, 20)),
    ]


def test_surveys_and_their_score_range(company: Company) -> None:
    batch = run_import(
        csv_bytes("2026-03-02,CU-BJ,4.5", "2026-03-02,CU-BJ,101", header="回访日期,客户,满意度"),
        kind="survey",
        mode=ImportBatch.Mode.GOOD_ROWS,
    )
    assert "0 到 100" in batch.errors_preview[0]["reason"]
    assert SurveyResponse.objects.get().score == Decimal("4.5")
    assert PersonDaily.objects.get().survey_count == 1


def test_market_sizes_by_region_and_month_update_in_place(company: Company) -> None:
    header = "区域,月份,市场容量(万元)"
    run_import(
        csv_bytes("华北,2026年3月,120", "R-E,2026-03,80.5", header=header), kind="market_size"
    )
    assert MarketSize.objects.get(region=company.region_north).amount == Decimal(1_200_000)
    run_import(csv_bytes("华北,202603,130", header=header), kind="market_size")
    assert MarketSize.objects.count() == 2
    north = MarketSize.objects.get(region=company.region_north)
    assert (north.month, north.amount, north.external_id) == (
        dt.date(2026, 3, 1),
        Decimal(1_300_000),
        "R-N#2026-03",
    )
