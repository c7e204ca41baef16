"""Tracking alerts: sent once per target, period and status — to the person and their manager, never on a page load."""

from __future__ import annotations

from django.core import mail
from django.core.management import call_command

from salestarget.notifications.models import Notification
from salestarget.tracking.services.alerts import tracking_alerts
from tests.tracking.conftest import AT


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
