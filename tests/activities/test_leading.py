"""Leading indicators of 北京一组, read from the rollup: 王小明 made 70 visits to new customers
in the last quarter for 10 new customers (1 in 7); the team's June target is 8 new customers,
5 are in, and this week he visits one new customer a working day: the 3 missing need 21
visits, the 14 working days left bring 14, so the month needs 7 more. Over the past months,
the months he visited more he also sold more. 华东's figures never count for 华北."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from unittest import mock

from django.test import Client

from salestarget.activities.queries.leading import leading_indicators
from salestarget.actuals.models import PersonDaily
from salestarget.org.auth import api_token_create
from salestarget.org.scoping import scope_for
from salestarget.targets.services.plans import plan_create
from tests.personas import Company

TODAY = dt.date(2026, 6, 10)  # a Wednesday


def day(company: Company, on: str, person=None, **sums) -> PersonDaily:
    person = person or company.rep
    node = company.team_bj if person == company.rep else company.team_sh
    return PersonDaily(day=dt.date.fromisoformat(on), node=node, person=person, **sums)


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def figures(company: Company) -> None:
    PersonDaily.objects.bulk_create(
        [
            day(company, "2026-01-15", visits=10, amount=Decimal(100)),
            day(company, "2026-02-15", visits=20, amount=Decimal(200)),
            day(company, "2026-03-05", visits=30, amount=Decimal(300)),
            day(
                company,
                "2026-04-01",
                visits=60,
                new_customer_visits=50,
                activity_opportunities=15,
                won=4,
                new_customers=5,
                amount=Decimal(400),
            ),
            day(company, "2026-06-02", visits=37, new_customer_visits=17, new_customers=5),
            *(
                day(company, f"2026-06-{d:02d}", visits=1, new_customer_visits=1)
                for d in (8, 9, 10)
            ),
            day(company, "2026-06-09", person=company.rep_other, visits=900, new_customers=1),
        ]
    )
    plan_create(
        by=company.director.user,
        name="6月新客户",
        metric="new_customers",
        period="2026-06",
        scope_node=company.team_bj,
        value=Decimal(8),
    )


def test_the_team_converts_1_in_7_and_the_month_needs_7_more_visits(
    company: Company, django_assert_max_num_queries
) -> None:
    figures(company)
    north = scope_for(company.manager_north.user)
    with django_assert_max_num_queries(12):  # grouped reads, not one per person or day
        leading = leading_indicators(north, today=TODAY, node=company.team_bj)
    assert leading is not None
    team = leading.team
    assert (team.new_customer_visits, team.new_customers, team.visits_per_new_customer) == (
        70,
        10,
        7,
    )
    assert (team.visits, team.opportunities, team.won) == (100, 15, 4)
    assert [p.person for p in leading.people] == [company.rep]
    pace = leading.pace
    assert pace is not None
    assert (pace.goal, pace.done, pace.week_visits, pace.days_left, pace.more) == (
        8,
        5,
        3,
        14,
        7,
    )
    relation = leading.relation
    assert relation.periods == 4
    # No targets for those months: each against his usual month (30 visits, 250 sold).
    assert (relation.correlation, relation.when_active, relation.otherwise) == (
        Decimal("0.96"),
        Decimal("1.4"),  # March and April, at or above 30 visits: 300 and 400 sold
        Decimal("0.6"),
    )
    # 华东's rep is not in 华北's figures, and sees only his own.
    own = leading_indicators(scope_for(company.rep_other.user), today=TODAY)
    assert own is not None
    assert (own.team.visits, own.people[0].person) == (900, company.rep_other)
    assert (
        leading_indicators(scope_for(company.manager_east.user), today=TODAY, node=company.team_bj)
        is None
    )


def test_the_sentence_on_the_page_and_the_figures_over_the_api(
    client: Client, company: Company, login
) -> None:
    figures(company)
    login(company.manager_north)
    with mock.patch("salestarget.activities.leading_views.progress_day", return_value=TODAY):
        page = client.get(f"/activities/leading/?node={company.team_bj.pk}").content.decode()
        english = client.get(
            f"/activities/leading/panel/?node={company.team_bj.pk}",
            headers={"accept-language": "en"},
        ).content.decode()
    sentence = "本团队每 7 次新客户拜访带来 1 个新客户；按本周的节奏，本月还需多拜访 7 次。"
    assert sentence in text(page)
    assert (
        "This team converts 1 in 7 visits to new customers; "
        "at this week's pace the month needs 7 more visits."
    ) in text(english)
    token = api_token_create(user=company.manager_north.user, name="app")
    with mock.patch("salestarget.activities.api.leading.progress_day", return_value=TODAY):
        body = client.get(
            f"/api/activities/leading?node_id={company.team_bj.pk}",
            headers={"Authorization": f"Bearer {token}"},
        ).json()
    assert (body["team"]["visits_per_new_customer"], body["pace"]["more_visits"]) == (7, 7)
    east = api_token_create(user=company.manager_east.user, name="app")
    answer = client.get(
        f"/api/activities/leading?node_id={company.team_bj.pk}",
        headers={"Authorization": f"Bearer {east}"},
    )
    assert answer.status_code == 404
