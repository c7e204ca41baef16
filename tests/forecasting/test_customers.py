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
from salestarget.forecasting.queries.customers import customer_analysis
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
