"""我的目标 shows the progress of every target a person owns or leads: a rep's own, a team
lead's team and a director's company, each with its actual, 完成率 and time progress at the
data's as-of date (tracking's reader, registered with targets)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.org.scoping import scope_for
from salestarget.targets.queries.mine import my_targets
from salestarget.tracking.queries.owned import targets_progress
from tests.tracking.conftest import target_of


def test_a_reps_target_reads_its_actual_against_time_progress(june_sales, june_plan) -> None:
    plan = june_plan()
    mine = target_of(plan, person=june_sales.rep)
    (result,) = targets_progress([mine])
    # 王小明 sold 30,000 + 15,000 + 5,000 in June; the data ends on the 20th (20 of 30 days).
    assert result.actual == Decimal("50000")
    assert result.achievement == (Decimal("50000") / mine.value).quantize(Decimal("0.000001"))
    assert result.time_progress == (Decimal(20) / Decimal(30)).quantize(Decimal("0.000001"))


def test_leaders_see_the_targets_of_what_they_lead(june_sales, june_plan, login) -> None:
    plan = june_plan()
    lead = scope_for(june_sales.team_lead.user)
    rows = my_targets(lead, today=dt.date(2026, 6, 20))
    team = target_of(plan, node=june_sales.team_bj)
    led = [r for r in rows if r.led]
    assert [r.target.pk for r in led] == [team.pk]
    # The team's actual is its people's: 王小明's 50,000 (吴组长 sold nothing).
    assert led[0].progress.actual == Decimal("50000")

    director = my_targets(scope_for(june_sales.director.user), today=dt.date(2026, 6, 20))
    assert [r.target.pk for r in director if r.led] == [plan.root.pk]

    page = login(june_sales.team_lead).get("/targets/mine/").content.decode()
    assert "北京一组 · 2026-06" in page
    assert 'data-testid="led"' in page
    assert "还没有分配" not in page


def test_the_rep_page_shows_actual_and_achievement(june_sales, june_plan, login) -> None:
    plan = june_plan()
    mine = target_of(plan, person=june_sales.rep)
    page = login(june_sales.rep).get("/targets/mine/").content.decode()
    assert 'title="50,000.00">5.00万<' in page  # the actual, exact on hover
    achievement = (Decimal("50000") / mine.value * 100).quantize(Decimal("0.1"))
    assert f"{achievement}%" in page
    assert "66.7%" in page  # 20 of June's 30 days
