"""Leaderboards: people and units ranked by any metric, by value or achievement."""

from __future__ import annotations

import datetime as dt

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.core.metrics import BUILTIN_METRICS
from salestarget.core.outliers import OutlierReason, OutlierRule
from salestarget.org.models import CompanySettings, Membership, Person, Role
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.leaderboard import Entry, leaderboard, outliers_flag, rank_of
from tests.personas import person
from tests.tracking.conftest import AT, D, sell, spend

JUNE = (dt.date(2026, 6, 1), AT)


def board(**kw):
    start, end = JUNE
    kw.setdefault("metric", BUILTIN_METRICS["revenue"])
    return leaderboard(start=start, end=end, version=facts_version(), **kw)


def test_people_ranked_by_revenue_with_ties_sharing_a_rank(company, june_sales):
    third = person("rep_third", "张三", Role.REP, company.team_bj)
    sell(company, dt.date(2026, 6, 2), "62000", person=third)
    rollups_rebuild()
    result = board()
    assert [(e.rank, e.label, e.value) for e in result.entries] == [
        (1, "张三", D(62000)),
        (1, "陈小红", D(62000)),
        (3, "王小明", D(45000)),
    ]
    assert result.entries[2].unit == "北京一组"


def test_by_achievement_against_each_persons_target(company, june_sales, june_plan):
    june_plan(weights=("1", "3"))  # 王小明 50,000, 陈小红 150,000
    result = board(by="achievement", period_end=dt.date(2026, 6, 30))
    assert [(e.label, e.target, e.achievement) for e in result.entries] == [
        ("王小明", D(50000), D("0.9")),
        ("陈小红", D(150000), D("0.413333")),
    ]


def test_teams_and_regions_add_up_their_members(company, june_sales):
    teams = board(level="team")
    assert [(e.label, e.value) for e in teams.entries] == [
        ("上海一组", D(62000)),
        ("北京一组", D(45000)),
    ]
    regions = board(level="region")
    assert [(e.label, e.unit, e.value) for e in regions.entries] == [
        ("华东", "北方科技", D(62000)),
        ("华北", "北方科技", D(45000)),
    ]


def test_a_lower_is_better_metric_ranks_the_smallest_first(company, june_sales):
    spend(company, dt.date(2026, 6, 5), "5400", person=company.rep)  # 12%
    spend(company, dt.date(2026, 6, 5), "3720", person=company.rep_other)  # 6%
    rollups_rebuild()
    result = board(metric=BUILTIN_METRICS["expense_rate"])
    assert [(e.rank, e.label) for e in result.entries] == [(1, "陈小红"), (2, "王小明")]


def test_inside_a_subtree_only(company, june_sales):
    result = board(within=company.north)
    assert [e.label for e in result.entries] == ["王小明"]


def test_a_rep_learns_rank_and_count_only(company, june_sales):
    info = rank_of(
        company.rep,
        metric=BUILTIN_METRICS["revenue"],
        start=JUNE[0],
        end=JUNE[1],
        within=None,
        version=facts_version(),
    )
    assert (info.rank, info.of) == (2, 2)
    assert not hasattr(info, "entries")


def test_someone_who_moved_counts_where_they_sold(company, june_sales):
    # 王小明 moves to 上海一组 on 10 June; his earlier sales stay with 北京一组.
    Membership.objects.filter(person=company.rep).update(valid_to=dt.date(2026, 6, 10))
    Membership.objects.create(
        person=company.rep, node=company.team_sh, valid_from=dt.date(2026, 6, 10)
    )
    sell(company, dt.date(2026, 6, 12), "1000", node=company.team_sh)
    rollups_rebuild()
    teams = {e.label: e.value for e in board(level="team").entries}
    assert teams == {"上海一组": D(63000), "北京一组": D(45000)}
    people = {e.label: (e.value, e.unit) for e in board().entries}
    assert people["王小明"] == (D(46000), "上海一组")
    assert Person.objects.count() >= 2


def test_an_achievement_above_the_companys_bound_is_flagged_and_not_ranked_by_achievement(
    company, june_sales, june_plan
):
    june_plan(weights=("1", "3"))  # 王小明 90%, 陈小红 41%
    settings = CompanySettings.current()
    settings.outlier_achievement_bound = 50  # a company that calls anything above 50% absurd
    settings.save()
    result = board(by="achievement", period_end=dt.date(2026, 6, 30))
    assert [(e.rank, e.label, e.outlier) for e in result.entries] == [
        (1, "陈小红", ()),
        (None, "王小明", (OutlierReason.ACHIEVEMENT_ABOVE_BOUND,)),
    ]
    assert result.outliers == 1
    by_value = board(by="value", period_end=dt.date(2026, 6, 30))
    assert [(e.rank, e.label, bool(e.outlier)) for e in by_value.entries] == [
        (1, "陈小红", False),
        (2, "王小明", True),  # the amount is real: ranked by value, still flagged
    ]


def test_a_target_far_below_the_teams_median_is_flagged():
    """The new rep's near-zero target among a team's ordinary ones; other teams' are apart."""
    entries = [
        Entry("p1", "老张", D(900_000), unit="北京一组", target=D(1_000_000), achievement=D("0.9")),
        Entry("p2", "老李", D(1_100_000), unit="北京一组", target=D(1_200_000)),
        Entry("p3", "新人", D(121_955), unit="北京一组", target=D(100), achievement=D("1219.55")),
        Entry("p4", "小店", D(900), unit="上海一组", target=D(1_000), achievement=D("0.9")),
    ]
    outliers_flag(entries, OutlierRule())
    assert {e.label: e.outlier for e in entries} == {
        "老张": (),
        "老李": (),
        "新人": (OutlierReason.ACHIEVEMENT_ABOVE_BOUND, OutlierReason.TARGET_BELOW_FLOOR),
        "小店": (),
    }
