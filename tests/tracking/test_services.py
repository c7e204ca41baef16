"""Writes of tracking: good news (喜报) detected once per milestone, alerts sent once per
target, period and status — to the person and their manager, never on a page load."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.core.management import call_command

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.notifications.models import Notification
from salestarget.tracking.models import GoodNews, NewsKind
from salestarget.tracking.services.alerts import tracking_alerts
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


def test_behind_targets_alert_the_person_and_their_manager_once(
    company, june_sales, june_plan, settings
):
    settings.SALESTARGET_MAIL_ENABLED = True
    company.rep.email = "wang@example.com"
    company.rep.save()
    plan = june_plan(weights=("3", "1"))  # 王小明 150,000: far behind at 45,000
    report = tracking_alerts(at=AT)
    assert report.checked == 7
    alerts = Notification.objects.filter(kind="tracking_alert")
    recipients = sorted(n.recipient.username for n in alerts)
    # 王小明's own target (him and 吴组长), 北京一组 (吴组长 and 李经理), 华北 (李经理 and the
    # director above); 陈小红, 华东 and the company (107,000 of 100,000 expected) are ahead.
    assert recipients == sorted(
        ["rep", "team_lead", "team_lead", "manager_north", "manager_north", "director"]
    )
    rep_alert = alerts.get(recipient=company.rep.user)
    assert "王小明 · 2026-06" in rep_alert.title
    assert "30.0%" in rep_alert.body  # achievement 45,000 / 150,000
    assert f"plan={plan.pk}" in rep_alert.link

    again = tracking_alerts(at=AT)
    assert again.sent == 0
    assert Notification.objects.filter(kind="tracking_alert").count() == len(recipients)


def test_no_alert_for_a_target_on_track(company, june_sales, june_plan):
    june_plan(weights=("9", "11"))  # 王小明 90,000: 45,000 is exactly on track
    tracking_alerts(at=AT)
    assert not Notification.objects.filter(kind="tracking_alert", recipient=company.rep.user)


def test_draft_plans_do_not_alert(company, june_sales, june_plan):
    plan = june_plan(weights=("3", "1"))
    plan.status = "draft"
    plan.save()
    assert tracking_alerts(at=AT).checked == 0
    assert mail.outbox == []


def test_the_alert_command(company, june_sales, june_plan, capsys):
    june_plan(weights=("3", "1"))
    call_command("tracking_alerts", at="2026-06-15")
    assert "checked 7 target(s)" in capsys.readouterr().out


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
