"""Tracking alerts: one card per person (or unit) and event — this month's and the year's line
together — sent once, to the person and their manager, never on a page load; read in the
reader's language with figures formatted."""

from __future__ import annotations

from django.core import mail
from django.core.management import call_command
from django.utils import translation

from salestarget.notifications.models import Notification
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.plans import plan_create
from salestarget.targets.services.workflow import plan_approve, plan_submit
from salestarget.tracking.services.alerts import tracking_alerts
from tests.tracking.conftest import AT, D


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
    assert rep_alert.title == "进度落后：王小明"
    assert rep_alert.body.startswith("2026-06 进度落后：销售额 完成率 30.0%")  # 45,000 / 150,000
    assert "实际 4.50万" in rep_alert.body  # amounts in 万, never a raw 45000
    with translation.override("en"):
        assert rep_alert.text_title == "Behind: 王小明"
        assert "2026-06 Behind: Revenue achievement 30.0%" in rep_alert.text_body
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


def test_the_quarter_and_its_month_behind_together_are_one_card(company, june_sales):
    """The company's Q2 target and its June share are both behind: the director gets one card
    with a line for each period, not two."""
    by = company.director.user
    plan = plan_create(
        by=by,
        name="2026 Q2",
        metric="revenue",
        period="FY2026-Q2",
        scope_node=company.root,
        owner=company.director,
        value=D(3_000_000),
        progress_basis="calendar",
    )
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("month",), method="equal"), by=by
    )
    plan_submit(plan=plan, by=by)
    plan.refresh_from_db()
    plan_approve(plan=plan, by=by)
    report = tracking_alerts(at=AT)
    assert report.behind == 2
    cards = Notification.objects.filter(kind="tracking_alert", recipient=by)
    assert cards.count() == 1
    lines = cards.get().body.splitlines()
    assert [line.split("：")[0] for line in lines] == ["2026-06 进度落后", "FY2026-Q2 进度落后"]
    assert tracking_alerts(at=AT).sent == 0
