"""Good news (喜报): detected once per milestone, after every import commits."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.org.models import CompanySettings
from salestarget.tracking.models import GoodNews, NewsKind
from salestarget.tracking.services.news import good_news_detect
from tests.tracking.conftest import AT, D, sell


def test_first_deals_of_the_month_are_announced_once(company, june_sales):
    events = good_news_detect(at=AT)
    firsts = {(e.person.name, e.happened_on) for e in events if e.kind == NewsKind.FIRST_DEAL}
    assert firsts == {("王小明", dt.date(2026, 6, 3)), ("陈小红", dt.date(2026, 6, 1))}
    assert {e.node for e in events if e.person == company.rep} == {company.team_bj}
    assert good_news_detect(at=AT) == []  # running again finds nothing new
    assert GoodNews.objects.filter(kind=NewsKind.FIRST_DEAL).count() == 2


def test_reaching_a_target_is_good_news(company, june_sales, june_plan):
    june_plan(weights=("45", "155"))  # 华北, 北京一组 and 王小明 45,000: reached on the 15th
    events = good_news_detect(at=AT)
    achieved = [e for e in events if e.kind == NewsKind.ACHIEVED]
    assert [(str(e.person or e.node), e.value, e.reference) for e in achieved] == [
        ("华北", D(45000), D(45000)),
        ("北京一组", D(45000), D(45000)),
        ("王小明", D(45000), D(45000)),
    ]
    assert {e.happened_on for e in achieved} == {AT}
    assert good_news_detect(at=AT) == []


def test_a_personal_monthly_record(company, june_sales):
    for month in (2, 3, 4):
        sell(company, dt.date(2026, month, 10), "44000")
    rollups_rebuild()
    events = [e for e in good_news_detect(at=AT) if e.kind == NewsKind.RECORD]
    assert [(e.person, e.value, e.reference) for e in events] == [(company.rep, D(45000), D(44000))]


def test_the_command_detects_too(company, june_sales, capsys):
    call_command("tracking_news", at="2026-06-15")
    assert "2 new good-news event(s)" in capsys.readouterr().out


def test_every_import_enqueues_one_detection_after_it_commits(
    company, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sell(company, AT, "100")
        rollups_rebuild()
        rollups_rebuild()  # a second change in the same transaction
    # Other apps (forecasting) enqueue their own work on the same signal.
    assert len([c for c in callbacks if c.__module__.startswith("salestarget.tracking")]) == 1
    queued = DBTaskResult.objects.filter(task_path__endswith="tracking_news_task")
    assert queued.count() == 1


def test_an_absurd_achievement_is_recorded_flagged_not_celebrated(
    company, june_sales, june_plan, login
):
    """王小明 reaches 45,000 against a 45,000 target; with a bound of 50% that is absurd."""
    settings = CompanySettings.current()
    settings.outlier_achievement_bound = 50
    settings.save()
    june_plan(weights=("45", "155"))
    achieved = [e for e in good_news_detect(at=AT) if e.kind == NewsKind.ACHIEVED]
    assert {str(e.person or e.node): e.outlier_reasons for e in achieved} == {
        "华北": ["achievement_above_bound"],
        "北京一组": ["achievement_above_bound"],
        "王小明": ["achievement_above_bound"],
    }
    client = login(company.director)
    feed = client.get("/tracking/news/").content.decode()
    assert "王小明 的 2026-06 目标完成率异常" in feed
    assert "完成率超过异常上限" in feed
    assert "王小明 完成 2026-06 目标 100%" not in feed
    battle = client.get(f"/tracking/battle/?week=2026-W25&at={AT}").content.decode()
    assert "完成率异常" not in battle
    assert "目标 100%" not in battle
    api = client.get("/api/tracking/news").json()
    assert {n["person"]: n["outlier"] for n in api if n["kind"] == "achieved" and n["person"]} == {
        "王小明": ["achievement_above_bound"]
    }


def test_a_target_far_below_its_siblings_is_flagged(company, june_sales, june_plan):
    """华北 gets 0.5% of the company's target: 王小明's 1,000 is reached 45 times over."""
    june_plan(weights=("1", "199"))
    achieved = {
        str(e.person or e.node): e.outlier_reasons
        for e in good_news_detect(at=AT)
        if e.kind == NewsKind.ACHIEVED
    }
    assert achieved["华北"] == ["achievement_above_bound", "target_below_floor"]
    assert achieved["王小明"] == ["achievement_above_bound"]  # alone in his team: no peers
