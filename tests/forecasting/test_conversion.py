"""Conversion by stage drilled down: quarter by quarter, for each child unit or (in a team)
each person, and the deals of one stage; page and API with the pages' scoping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import OpportunityCall
from salestarget.forecasting.queries.conversion import (
    conversion_by_member,
    conversion_trend,
    stage_deals,
)
from tests.forecasting.test_customers import END, world  # noqa: F401  (the fixture)


@pytest.fixture
def called(world):  # noqa: F811
    """Of the four deals closed on 10 May 2026 (won, lost, lost, won), the rep called the
    first two commit; one more, never called, was lost in August 2025."""
    for external_id in ("op0", "op1"):
        OpportunityCall.objects.create(
            opportunity=Opportunity.objects.get(external_id=external_id), category="commit"
        )
    Opportunity.objects.create(
        external_id="op-aug",
        customer=world.customer_bj,
        person=world.rep,
        node=world.team_bj,
        amount=Decimal(700),
        opened_on=dt.date(2025, 7, 1),
        closed_on=dt.date(2025, 8, 15),
        stage=Opportunity.Stage.LOST,
    )
    return world


def _won_closed(row, category):
    stage = row.of(category)
    return None if stage is None else (stage.won, stage.closed)


def test_quarter_by_quarter(called):
    trend = conversion_trend(called.north, END)
    assert [row.key for row in trend] == [
        dt.date(2025, 7, 1),
        dt.date(2025, 10, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 1),
    ]
    assert _won_closed(trend[0], "") == (0, 1)
    assert trend[1].stages == trend[2].stages == []
    assert _won_closed(trend[3], "commit") == (1, 2)
    assert _won_closed(trend[3], "") == (1, 2)


def test_a_region_drills_into_its_teams_and_a_team_into_its_people(called):
    (team,) = conversion_by_member(called.north, END)
    assert team.key == called.team_bj
    assert _won_closed(team, "commit") == (1, 2)
    assert _won_closed(team, "") == (1, 3)
    (person,) = conversion_by_member(called.team_bj, END)
    assert person.key == called.rep
    assert conversion_by_member(called.east, END) == []
    deals = stage_deals(called.north, END, "commit")
    assert {d.external_id for d in deals} == {"op0", "op1"}


def test_the_page_and_the_api_with_the_pages_scoping(login, called):
    client = login(called.manager_north)
    page = client.get(
        reverse("forecasting:conversion"), {"node": called.north.pk, "stage": "commit"}
    )
    text = page.content.decode()
    assert 'data-testid="stage-deals"' in text
    assert text.count('data-testid="conversion-member"') == 1
    assert client.get(reverse("forecasting:conversion"), {"stage": "nope"}).status_code == 404
    assert login(called.rep).get(reverse("forecasting:conversion")).status_code == 403
    api = login(called.finance)
    data = api.get(f"/api/forecasting/customers/conversion?node={called.north.pk}&stage=commit")
    body = data.json()
    assert [Decimal(d["amount"]) for d in body["deals"]] == [1000, 1000]
    assert body["members"][0]["node_id"] == called.team_bj.pk
    bad = api.get(f"/api/forecasting/customers/conversion?node={called.north.pk}&stage=nope")
    assert bad.status_code in (400, 422)
    assert "nope" in bad.content.decode()
