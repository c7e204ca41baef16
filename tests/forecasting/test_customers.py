"""Customer analysis of a unit: CAC and conversion by month, RFM segments with their
customers, and the lifetime value, on the three years of 王小明's sales to 北京客户."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.actuals.models import Expense, Opportunity
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import Customer
from salestarget.forecasting.models import CustomerMonthly
from salestarget.forecasting.queries.customers import customer_analysis
from salestarget.forecasting.services.customers import customer_rollup_rebuild
from tests.browser import compile_messages
from tests.tracking.conftest import sell

END = dt.date(2026, 6, 20)
MAY = dt.date(2026, 5, 1)


def _customer(company, code: str, name: str) -> Customer:
    return Customer.objects.create(
        code=code,
        name=name,
        customer_type=company.customer_bj.customer_type,
        region=company.customer_bj.region,
        channel=company.channel,
    )


@pytest.fixture
def world(history):
    c = history
    newcomer = _customer(c, "CU-NEW", "新客户")
    sell(c, dt.date(2026, 5, 18), "2000", customer=newcomer)  # new in May
    # The import derives a customer's first purchase; lines written directly do not.
    Customer.objects.filter(pk=newcomer.pk).update(first_purchase_on=dt.date(2026, 5, 18))
    sell(c, dt.date(2025, 8, 5), "500", customer=_customer(c, "CU-OLD", "老客户"))
    sell(c, dt.date(2024, 9, 5), "700", customer=_customer(c, "CU-GONE", "流失客户"))
    Expense.objects.create(
        external_id="mk1",
        spent_on=dt.date(2026, 5, 3),
        node=c.team_bj,
        category="市场推广费",
        amount=Decimal(3000),
    )
    Expense.objects.create(  # travel is not acquisition spend
        external_id="tr1",
        spent_on=dt.date(2026, 5, 4),
        node=c.team_bj,
        category="差旅费",
        amount=Decimal(900),
    )
    for n, stage in enumerate(
        (
            Opportunity.Stage.WON,
            Opportunity.Stage.LOST,
            Opportunity.Stage.LOST,
            Opportunity.Stage.WON,
        )
    ):
        Opportunity.objects.create(
            external_id=f"op{n}",
            customer=c.customer_bj,
            person=c.rep,
            node=c.team_bj,
            amount=Decimal(1000),
            opened_on=dt.date(2026, 4, 1),
            closed_on=dt.date(2026, 5, 10),
            stage=stage,
        )
    rollups_rebuild()
    customer_rollup_rebuild(last_day=END)  # as each forecast computation does
    return c


def test_cac_and_conversion_month_by_month(world):
    found = customer_analysis(world.north, END)
    assert len(found.months) == 12
    assert found.months[-1].month == dt.date(2026, 6, 1)
    may = next(m for m in found.months if m.month == MAY)
    assert (may.new_customers, may.spend, may.cac) == (1, Decimal(3000), Decimal(3000))
    assert (may.won, may.closed, may.conversion) == (2, 4, Decimal("0.5"))
    april = next(m for m in found.months if m.month == dt.date(2026, 4, 1))
    assert april.cac is None  # no new customer: no cost per one
    # 华东 sees none of 华北's spend
    east = customer_analysis(world.east, END)
    assert all(m.spend == 0 for m in east.months)


def test_segments_and_the_lifetime_value(world):
    found = customer_analysis(world.north, END, segment="important_value")
    # Against the medians of the three who bought this year: 北京客户 buys every month and
    # much; 新客户 once, little, a month ago; 老客户 once, little, ten months ago.
    by_code = {s.code: s for s in found.segments}
    assert by_code["important_value"].count == 1
    assert by_code["general_develop"].count == 1
    assert by_code["general_win_back"].count == 1
    assert [c.name for c, _p in by_code["important_value"].customers] == ["北京客户"]
    assert sum(s.count for s in found.segments) == found.customers == 3
    # Of last year's two buyers 北京客户 came back and 流失客户 did not: churn 50%, so a
    # customer stays two years and is worth two years of margin (no cost recorded).
    assert (found.kept, found.lost) == (1, 1)
    assert found.lifetime_value == found.margin_per_customer * 2


def test_the_page_is_for_leaders_and_finance_within_their_scope(login, world):
    response = login(world.manager_north).get(
        reverse("forecasting:customers"), {"node": world.north.pk, "segment": "general_develop"}
    )
    assert response.status_code == 200
    assert "新客户" in response.content.decode()
    assert login(world.rep).get(reverse("forecasting:customers")).status_code == 403
    outside = login(world.manager_east).get(
        reverse("forecasting:customers"), {"node": world.north.pk}
    )
    assert outside.status_code == 404


def test_the_api_answers_the_same_with_the_pages_scoping(login, world):
    data = login(world.finance).get(f"/api/forecasting/customers?node={world.north.pk}").json()
    page = customer_analysis(world.north, END)
    assert data["customers"] == page.customers
    assert [m["new_customers"] for m in data["months"]][-12:] == [
        m.new_customers for m in page.months
    ]
    assert {s["code"]: s["count"] for s in data["segments"]}["important_value"] == 1
    rep = login(world.rep).get(f"/api/forecasting/customers?node={world.north.pk}")
    assert rep.status_code == 403
    east = login(world.manager_east).get(f"/api/forecasting/customers?node={world.north.pk}")
    assert east.status_code == 404


def test_the_analysis_reads_the_customer_rollup_never_the_sales_lines(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    may = CustomerMonthly.objects.get(month=MAY, customer=world.customer_bj, node=world.team_bj)
    assert may.amount == Decimal(10000)
    assert (may.purchase_days, may.last_day) == (1, dt.date(2026, 5, 10))
    with CaptureQueriesContext(connection) as queries:
        found = customer_analysis(world.north, END, cluster=1)
    assert found.customers == 3
    assert not [q for q in queries.captured_queries if "salesline" in q["sql"].lower()]


def test_a_line_imported_later_reaches_the_rollup_on_the_next_rebuild(world):
    def june():
        return CustomerMonthly.objects.get(
            month=dt.date(2026, 6, 1), customer=world.customer_bj, node=world.team_bj
        )

    before = june()
    sell(world, dt.date(2026, 6, 2), "1500", customer=world.customer_bj)
    rollups_rebuild()
    assert customer_rollup_rebuild(last_day=END) > 0
    assert june().amount == before.amount + 1500
    assert june().purchase_days == before.purchase_days + 1


def test_the_trend_chart_and_the_excel_download(login, world):
    from io import BytesIO

    from openpyxl import load_workbook

    client = login(world.finance)
    chart = client.get(reverse("forecasting:customers_chart"), {"node": world.north.pk}).json()
    assert len(chart["months"]) == 12
    assert chart["new"][chart["months"].index("2026-05")] == 1
    assert chart["active"][chart["months"].index("2026-05")] == 2  # 北京客户 and 新客户
    assert chart["conversion"][chart["months"].index("2026-05")] == 0.5
    page = client.get(reverse("forecasting:customers"), {"node": world.north.pk}).content
    assert b'data-testid="customer-trend"' in page
    assert b'data-testid="no-clusters"' in page  # three customers are too few to cluster
    download = client.get(
        reverse("forecasting:customers"), {"node": world.north.pk, "format": "xlsx"}
    )
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(download.content))
    assert book.sheetnames == ["客户分析", "RFM 分层", "客户聚类"]
    rows = list(book["客户分析"].iter_rows(values_only=True))
    may = next(r for r in rows if r and r[0] == "2026-05")
    assert may[1:5] == (1, 2, 3000, 3000)
    segments = {r[0]: r[1] for r in book["RFM 分层"].iter_rows(min_row=2, values_only=True)}
    assert segments["重要价值客户"] == 1
    assert login(world.rep).get(reverse("forecasting:customers_chart")).status_code == 403


def test_enough_customers_are_clustered_and_a_cluster_lists_its_customers(login, world):
    for i in range(9):
        big = i < 3
        customer = _customer(world, f"CU-C{i}", f"聚类客户{i}")
        for day in range(1, (12 if big else 2)):
            sell(world, dt.date(2026, 6, day), "30000" if big else "300", customer=customer)
    rollups_rebuild()
    customer_rollup_rebuild(last_day=END)
    found = customer_analysis(world.north, END, cluster=1)
    assert len(found.clusters) >= 2
    first = found.clusters[0]
    assert first.cluster.large
    assert {c.name for c, _p in first.customers} >= {"聚类客户0", "聚类客户1", "聚类客户2"}
    page = login(world.manager_north).get(
        reverse("forecasting:customers"), {"node": world.north.pk, "cluster": "1"}
    )
    assert 'data-testid="cluster-customers"' in page.content.decode()
    assert "聚类客户0" in page.content.decode()
    api = login(world.finance).get(f"/api/forecasting/customers?node={world.north.pk}").json()
    assert [c["size"] for c in api["clusters"]] == [v.cluster.size for v in found.clusters]


def test_conversion_by_the_category_the_rep_called(login, world):
    from salestarget.forecasting.models import OpportunityCall

    for external_id in ("op0", "op1"):  # one won, one lost: both called commit
        OpportunityCall.objects.create(
            opportunity=Opportunity.objects.get(external_id=external_id), category="commit"
        )
    stages = {s.category: s for s in customer_analysis(world.north, END).stages}
    assert (stages["commit"].won, stages["commit"].closed) == (1, 2)
    assert stages["commit"].conversion == Decimal("0.5")
    assert stages["commit"].won_amount == Decimal(1000)
    assert (stages[""].won, stages[""].closed) == (1, 2)  # never categorised
    data = login(world.finance).get(f"/api/forecasting/customers?node={world.north.pk}").json()
    assert [(s["category"], s["won"], s["closed"]) for s in data["stages"]] == [
        ("commit", 1, 2),
        ("", 1, 2),
    ]
    page = login(world.manager_north).get(
        reverse("forecasting:customers"), {"node": world.north.pk}
    )
    assert 'data-category="commit"' in page.content.decode()


def test_a_deal_counts_in_every_stage_it_reached_not_only_its_last_call(login, world):
    """Conversion by stage reads the stage history: a deal the rep moved from pipeline to
    commit and won counts in both rows; with only the last call, pipeline would show none
    won."""
    from salestarget.actuals.models import OpportunityStage

    def deal(external_id: str) -> Opportunity:
        return Opportunity.objects.create(
            external_id=external_id,
            customer=world.customer_bj,
            person=world.rep,
            node=world.team_bj,
            amount=Decimal(5000),
            opened_on=dt.date(2026, 5, 2),
        )

    climber, faller = deal("op-climb"), deal("op-fall")
    rep = login(world.rep)
    for opportunity, category in ((climber, "pipeline"), (faller, "pipeline"), (climber, "commit")):
        rep.post(
            reverse("forecasting:categorise"),
            {"opportunity": opportunity.pk, "category": category},
        )
    assert list(
        OpportunityStage.objects.filter(opportunity=climber)
        .order_by("pk")
        .values_list("stage", flat=True)
    ) == ["open", "pipeline", "commit"]
    for opportunity, stage in ((climber, Opportunity.Stage.WON), (faller, Opportunity.Stage.LOST)):
        opportunity.stage, opportunity.closed_on = stage, dt.date(2026, 6, 1)
        opportunity.save()
    stages = {s.category: s for s in customer_analysis(world.north, END).stages}
    assert (stages["pipeline"].won, stages["pipeline"].closed) == (1, 2)
    assert stages["pipeline"].won_amount == Decimal(5000)
    assert (stages["commit"].won, stages["commit"].closed) == (1, 1)
    assert (stages[""].won, stages[""].closed) == (2, 4)  # the four never put in a category
    page = login(world.manager_north).get(
        reverse("forecasting:customers"), {"node": world.north.pk}
    )
    assert 'data-testid="stages-note"' in page.content.decode()


def test_in_english_the_columns_count_new_customers_and_deals_won(login, world):
    """新客户 / 赢单 head columns of counts here (New customers, Deals won), not the new-customer
    flag of one activity nor the Won state of one opportunity."""
    from io import BytesIO

    from openpyxl import load_workbook

    compile_messages()
    client = login(world.finance)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("forecasting:customers"), {"node": world.north.pk}).content.decode()
    assert '<th class="num">New customers</th>' in page
    download = client.get(
        reverse("forecasting:customers"), {"node": world.north.pk, "format": "xlsx"}
    )
    rows = list(load_workbook(BytesIO(download.content)).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Month")
    assert header[1] == "New customers"
    assert header[5] == "Deals won"
