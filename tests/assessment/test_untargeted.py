"""A cycle whose people have no target for its period: a new company's first month, before
its targets. The quantitative items cannot be scored, their weight goes to the reviews —
and the cycle's page, each scorecard and the API say so from the day the cycle opens,
naming the items and the people, instead of showing a bare "—" and a total made of the
reviews alone."""

from __future__ import annotations

import datetime as dt

import pytest

from salestarget.assessment.models import Scorecard
from salestarget.assessment.queries.scoring import untargeted_items
from salestarget.assessment.services.scoring import scorecard_compute
from salestarget.targets.models import Target
from tests.assessment.test_distribution import api_body
from tests.browser import compile_messages

pytestmark = pytest.mark.django_db


def test_a_month_with_no_targets_names_every_quantitative_item_and_its_people(
    team, open_cycle, login
):
    cycle = open_cycle(period="2026-11")  # the team's targets are for FY2026-Q2
    found = {u.item.name: u.names for u in untargeted_items(cycle)}
    reps = sorted(c.person.name for c in Scorecard.objects.filter(cycle=cycle))
    assert set(found) == {"销售额", "销售费用率"}
    assert sorted(found["销售额"]) == reps

    page = login(team.company.finance).get(f"/assessment/cycles/{cycle.pk}/").content.decode()
    assert "这些定量考核项在 2026-11 没有目标，不能计分" in page
    assert f"{len(reps)} 人" in page
    assert team.rep.name in page
    assert "/targets/plans/new/" in page


def test_a_quarter_with_targets_for_all_but_one_names_only_that_one(team, open_cycle, login):
    company = team.company
    Target.objects.filter(person=team.peers[0], metric="revenue").delete()
    cycle = open_cycle(root=company.team_bj)
    [missing] = untargeted_items(cycle)
    assert (missing.item.name, missing.names) == ("销售额", [team.peers[0].name])

    client = login(company.finance)
    page = client.get(f"/assessment/cycles/{cycle.pk}/").content.decode()
    assert "没有目标，不能计分" in page
    assert team.peers[0].name in page
    assert team.rep.name not in page.split('data-testid="untargeted"')[1].split("</div>")[0]


def test_the_scorecard_says_why_an_item_has_no_score_and_shows_figures_as_money(
    team, open_cycle, login
):
    company = team.company
    Target.objects.filter(person=team.peers[0], metric="revenue").delete()
    cycle = open_cycle(root=company.team_bj)
    scorecard_compute(cycle=cycle, by=company.finance.user)
    client = login(company.finance)

    untargeted = Scorecard.objects.get(cycle=cycle, person=team.peers[0])
    card = client.get(f"/assessment/card/{untargeted.pk}/").content.decode()
    assert "FY2026-Q2 没有这个指标的目标，此项不计分，其权重分给其余考核项。" in card

    mine = Scorecard.objects.get(cycle=cycle, person=team.rep)
    card = client.get(f"/assessment/card/{mine.pk}/").content.decode()
    assert 'data-testid="no-target"' not in card
    assert "10.00万" in card  # the target, as money
    assert "9.30万" in card  # the actual (93,000), no longer a bare 93000
    assert "93000" not in card


def test_in_english(team, open_cycle, login):
    compile_messages()
    cycle = open_cycle(period="2026-11")
    client = login(team.company.finance)
    client.cookies["django_language"] = "en"
    page = client.get(f"/assessment/cycles/{cycle.pk}/").content.decode()
    assert "These quantitative items have no target for 2026-11 and cannot be scored" in page
    assert "Set a target" in page
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    scorecard_compute(cycle=cycle, by=team.company.finance.user)
    text = client.get(f"/assessment/card/{card.pk}/").content.decode()
    assert "There is no target on this metric for 2026-11" in text


def test_the_api_names_the_untargeted_items_of_the_cycle_it_opens(team, login):
    Target.objects.filter(person=team.peers[0], metric="revenue").delete()
    body = api_body(team)
    body["root"] = team.company.team_bj.pk
    response = login(team.company.finance).post(
        "/api/assessment/cycles", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    [missing] = response.json()["untargeted"]
    assert missing["metric"] == "revenue"
    assert missing["person_ids"] == [team.peers[0].pk]
    assert dt.date.fromisoformat(response.json()["period_start"]) == dt.date(2026, 4, 1)
