"""Competitions (销售竞赛): a live leaderboard in the metric's direction, seen as the
leaderboards are (finance all, a manager their subtree, a rep their own standing), and
results posted once as good news (喜报) when the competition is over."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from salestarget.actuals.models import Expense
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import Competition, LineKind, Statement
from salestarget.incentives.queries.competitions import board_for, eligible_people
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.competitions import competition_announce, competition_save
from salestarget.org.scoping import scope_for
from salestarget.tracking.models import GoodNews, NewsKind
from tests.browser import compile_messages

D = Decimal


def contest(company, **fields):
    options = {
        "by": company.finance.user,
        "name": "六月冲刺赛",
        "metric": "revenue",
        "starts": dt.date(2026, 6, 1),
        "ends": dt.date(2026, 6, 20),
        "node": company.root,
        "prizes": ["3000", "1000"],
        "threshold": D(100_000),
        "threshold_prize": D(500),
    }
    return competition_save(**(options | fields))


def test_the_board_ranks_in_the_metrics_direction(june):
    revenue = contest(june)
    rows = board_for(scope_for(june.finance.user), revenue).rows
    assert [(r.person.name, r.standing.rank, r.standing.prize) for r in rows] == [
        ("王小明", 1, D(3500)),  # first, and over the threshold
        ("陈小红", 2, D(1000)),
    ]
    for person, spent in ((june.rep, "10000"), (june.rep_other, "2000")):
        Expense.objects.create(
            external_id=f"exp-{person.pk}",
            spent_on=dt.date(2026, 6, 10),
            person=person,
            node=person.memberships.get().node,
            category="差旅",
            amount=D(spent),
        )
    rollups_rebuild()
    thrifty = contest(
        june, name="费用率比拼", metric="expense_rate", threshold=None, threshold_prize=0
    )
    board = board_for(scope_for(june.finance.user), thrifty)
    assert board.lower_is_better
    # 陈小红 spends 2.5% of her revenue, 王小明 8%: lower is better, so she leads.
    assert [r.person.name for r in board.rows] == ["陈小红", "王小明"]


def test_a_membership_ending_the_day_the_competition_starts_does_not_take_part(june):
    """The org model's end date is the first day not counted: 陈小红 leaving on 1 June is
    not a member on any day of a competition from 1 June; leaving on the 2nd, she is."""
    membership = june.rep_other.memberships.get()
    membership.valid_from = dt.date(2026, 1, 1)
    membership.valid_to = dt.date(2026, 6, 1)
    membership.save()
    assert eligible_people(contest(june)) == [june.rep.pk]
    membership.valid_to = dt.date(2026, 6, 2)
    membership.save()
    assert eligible_people(contest(june)) == sorted([june.rep.pk, june.rep_other.pk])


def test_each_reader_sees_their_part_of_the_board(june):
    revenue = contest(june)
    rep = board_for(scope_for(june.rep.user), revenue)
    assert [r.person.name for r in rep.rows] == ["王小明"]
    assert rep.own is not None
    assert rep.ranked == 2
    east = board_for(scope_for(june.manager_east.user), revenue)
    assert [r.person.name for r in east.rows] == ["陈小红"]
    assert east.rows[0].standing.rank == 2  # the rank in the whole competition


def test_a_bad_competition_is_refused_naming_the_field(june):
    for fields, field in (
        ({"ends": dt.date(2026, 5, 1)}, "ends"),
        ({"prizes": ["x"]}, "prizes"),
        ({"prizes": ["-5"]}, "prizes"),
        ({"metric": "nope"}, "metric"),
        ({"prizes": [], "threshold_prize": 0}, "prizes"),
        ({"threshold": None}, "threshold"),
    ):
        with pytest.raises(ValidationError) as caught:
            contest(june, **fields)
        assert field in caught.value.message_dict
    assert not Competition.objects.exists()
    with pytest.raises(PermissionDenied):
        contest(june, by=june.rep.user)


def test_results_become_good_news_once_and_prize_lines(june, commission_plan):
    commission_plan()
    revenue = contest(june)
    with pytest.raises(ValidationError):
        competition_announce(competition=revenue, by=june.finance.user, today=dt.date(2026, 6, 20))
    statement_calculate(period="2026-06", by=june.finance.user)  # the final run posts them
    news = GoodNews.objects.filter(kind=NewsKind.PRIZE).order_by("rank")
    assert [(n.person.name, n.rank, n.reference, n.title) for n in news] == [
        ("王小明", 1, D(3500), "六月冲刺赛"),
        ("陈小红", 2, D(1000), "六月冲刺赛"),
    ]
    assert competition_announce(competition=revenue, by=june.finance.user) == []
    prize = Statement.objects.get(person=june.rep, period="2026-06").lines.get(kind=LineKind.PRIZE)
    assert prize.amount == D(3500)


def test_the_news_feed_shows_the_winner(june, login):
    revenue = contest(june)
    competition_announce(competition=revenue, by=june.finance.user)
    page = login(june.rep).get(reverse("tracking:news")).content.decode()
    assert "王小明 在「六月冲刺赛」中获得第 1 名！" in page
    assert "陈小红" not in page  # a rep sees their own and their team's news


def test_the_board_page_for_a_rep_shows_their_standing_only(june, login):
    revenue = contest(june)
    page = login(june.rep).get(reverse("incentives:competition", args=[revenue.pk]))
    text = page.content.decode()
    assert "第 1 名 / 2" in text
    assert "越高越好" in text
    assert "陈小红" not in text
    assert "80,000" not in text
    finance = login(june.finance).get(reverse("incentives:competition", args=[revenue.pk]))
    assert "陈小红" in finance.content.decode()


def competition_form(june, **fields: str) -> dict[str, object]:
    """The new-competition page's fields: a 双11 sprint over the company, as finance fills it."""
    return {
        "name": "双11 冲刺赛",
        "metric": "revenue",
        "starts": "2026-11-01",
        "ends": "2026-11-11",
        "node": june.root.pk,
        "prizes": "8000 5000 3000",
        "threshold": "",
        "threshold_prize": "",
    } | fields


def test_finance_sets_up_a_competition_on_the_page_and_bad_input_is_named(june, login):
    client = login(june.finance)
    form = competition_form(june)
    answer = client.post(reverse("incentives:competition_new"), form)
    assert answer.status_code == 302
    made = Competition.objects.get()
    assert made.prizes == ["8000", "5000", "3000"]
    bad = client.post(reverse("incentives:competition_new"), form | {"ends": "2026-10-01"})
    assert bad.status_code == 400
    assert "结束日期不能早于开始日期" in bad.content.decode()
    assert Competition.objects.count() == 1
    assert login(june.rep).post(reverse("incentives:competition_new"), form).status_code == 403


def test_prizes_and_the_threshold_are_read_as_people_type_them(june, login):
    form = competition_form(
        june, prizes="1万，5000、￥3000", threshold="5万", threshold_prize="¥1,000"
    )
    answer = login(june.finance).post(reverse("incentives:competition_new"), form)
    assert answer.status_code == 302
    made = Competition.objects.get()
    assert made.prizes == ["10000", "5000", "3000"]
    assert made.threshold == Decimal(50_000)
    assert made.threshold_prize == Decimal(1000)


def test_the_api_scopes_the_standings_and_posts_results_for_finance(june, login):
    revenue = contest(june)
    url = f"/api/incentives/competitions/{revenue.pk}/standings"
    mine = login(june.rep).get(url).json()
    assert [r["person"] for r in mine["rows"]] == ["王小明"]
    assert mine["own"]["rank"] == 1
    assert mine["ranked"] == 2
    assert mine["direction"] == "higher"
    assert (
        login(june.rep).post(f"/api/incentives/competitions/{revenue.pk}/results").status_code
        == 403
    )
    posted = login(june.finance).post(f"/api/incentives/competitions/{revenue.pk}/results")
    assert posted.json() == {"posted": 2}
    made = login(june.finance).post(
        "/api/incentives/competitions",
        {"name": "Q3", "starts": "2026-07-01", "ends": "2026-06-01", "node_id": june.root.pk},
        content_type="application/json",
    )
    assert made.status_code == 422


def test_the_list_in_english_says_which_competition_runs_and_which_ended(june, login):
    compile_messages()
    today = timezone.localdate()
    contest(
        june,
        name="上月赛",
        starts=today - dt.timedelta(days=40),
        ends=today - dt.timedelta(days=10),
    )
    contest(
        june, name="本月赛", starts=today - dt.timedelta(days=2), ends=today + dt.timedelta(days=8)
    )
    client = login(june.finance)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("incentives:competitions")).content.decode()
    badges = re.findall(r'<span class="badge [^"]*">([^<]*)</span>', page)
    assert sorted(badges) == ["Ended", "Running"]


def test_the_form_says_who_takes_part(june, login):
    finance = login(june.finance)
    page = finance.get(reverse("incentives:competitions")).content.decode()
    assert "该组织下的销售代表参赛；经理不参与排名。" in page
    assert 'value="双11 冲刺赛"' in page
    compile_messages()
    finance.cookies["django_language"] = "en"
    english = finance.get(reverse("incentives:competitions")).content.decode()
    assert "The sales reps of this unit take part; managers are not ranked." in english
    assert 'value="Singles&#x27; Day sprint"' in english
