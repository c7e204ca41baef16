"""What tracking posts to the teams' group robots: a unit that falls behind, good news and the
weekly battle report — each group reading only its own subtree's people and figures."""

from __future__ import annotations

import datetime as dt

from salestarget.integrations.models import RobotSend
from salestarget.integrations.services.robots import robot_save
from salestarget.tracking.services.alerts import tracking_alerts
from salestarget.tracking.services.battle_posts import battle_report_post
from salestarget.tracking.services.news import good_news_detect
from tests.integrations.robot_server import DINGTALK_SECRET, RobotServer
from tests.tracking.conftest import AT

EVENTS = ["battle_report", "good_news", "alert", "deadline"]


def robots(company, server: RobotServer):
    def make(by, node):
        return robot_save(
            by=by.user,
            node=node,
            name=f"{node.name}群",
            kind="dingtalk",
            url=server.url("dingtalk"),
            secret=DINGTALK_SECRET,
            language="zh-hans",
            events=EVENTS,
        )

    return (
        make(company.team_lead, company.team_bj),
        make(company.manager_north, company.north),
        make(company.manager_east, company.east),
    )


def texts(robot) -> list[str]:
    return [s.text for s in RobotSend.objects.filter(robot=robot).order_by("pk")]


def test_a_team_behind_is_posted_to_its_group_and_the_region_above(
    company, june_sales, june_plan, robot_server, django_capture_on_commit_callbacks, worker_run
):
    team, north, east = robots(company, robot_server)
    june_plan(weights=("3", "1"))  # 华北 and 北京一组 behind; 华东 ahead
    with django_capture_on_commit_callbacks(execute=True):
        tracking_alerts(at=AT)
    worker_run()

    (team_alert,) = texts(team)
    assert team_alert.startswith("### 进度落后：北京一组")
    assert "实际 4.50万" in team_alert
    assert "王小明" not in team_alert  # a person's alert stays between them and their manager
    assert sorted(t.splitlines()[0] for t in texts(north)) == [
        "### 进度落后：北京一组",
        "### 进度落后：华北",
    ]
    assert texts(east) == []
    assert len(robot_server.received) == 3

    tracking_alerts(at=AT)  # the same states again: nothing new
    assert RobotSend.objects.count() == 3


def test_good_news_reaches_the_team_it_happened_in(
    company, june_sales, robot_server, django_capture_on_commit_callbacks
):
    team, north, east = robots(company, robot_server)
    good_news_detect(at=AT)
    assert [t.splitlines()[0] for t in texts(team)] == ["### 喜报：王小明 拿下 2026-06 本月首单！"]
    assert [t.splitlines()[0] for t in texts(east)] == ["### 喜报：陈小红 拿下 2026-06 本月首单！"]
    assert len(texts(north)) == 1


def test_the_weekly_battle_report_of_each_group_holds_only_its_own_people(
    company, june_sales, june_plan, robot_server
):
    _team, north, east = robots(company, robot_server)
    june_plan()
    # The week of 15 June: 王小明 15,000 + 5,000; 陈小红 sold nothing that week.
    assert battle_report_post(at=dt.date(2026, 6, 22)) == 3
    (north_report,) = texts(north)
    assert north_report.startswith("### 战报：华北 2026-W25")
    # Posted on Monday about the week that ended: "last week", with its dates
    assert "上周（2026-06-15 至 2026-06-21）销售额 2.00万" in north_report
    assert "本周" not in north_report
    assert "1. 王小明 2.00万" in north_report
    assert "陈小红" not in north_report
    (east_report,) = texts(east)
    assert "王小明" not in east_report
    assert "(http://localhost:8000/tracking/battle/?node=" in north_report

    assert battle_report_post(at=dt.date(2026, 6, 23)) == 0  # once a week per group


def test_an_english_group_reads_the_battle_report_of_last_week(company, june_sales, robot_server):
    robot = robot_save(
        by=company.manager_east.user,
        node=company.east,
        name="East",
        kind="dingtalk",
        url=robot_server.url("dingtalk"),
        secret=DINGTALK_SECRET,
        language="en",
        events=["battle_report"],
    )
    battle_report_post(at=dt.date(2026, 6, 22))
    (report,) = texts(robot)
    assert "Last week (2026-06-15 to 2026-06-21): revenue" in report
    assert "this week" not in report.lower()
