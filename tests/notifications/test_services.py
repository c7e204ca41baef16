"""Notifications: sent once per dedupe key, mailed where mail is configured, marked read."""

from __future__ import annotations

from django.core import mail

from salestarget.notifications.models import Notification
from salestarget.notifications.queries import unread_count
from salestarget.notifications.services import notification_mark_read, notification_send


def test_a_dedupe_key_sends_once_per_recipient(company) -> None:
    users = [company.rep.user, company.team_lead.user]
    first = notification_send(
        recipients=users, kind="alert", title="落后提醒", dedupe_key="behind:1"
    )
    again = notification_send(
        recipients=[*users, company.director.user],
        kind="alert",
        title="落后提醒",
        dedupe_key="behind:1",
    )
    assert len(first) == 2
    assert [n.recipient for n in again] == [company.director.user]
    assert Notification.objects.filter(dedupe_key="behind:1").count() == 3
    # Without a key, every send is a new notification; nobody is skipped silently but None.
    notification_send(recipients=[company.rep.user, None], kind="info", title="a")
    notification_send(recipients=[company.rep.user], kind="info", title="a")
    assert unread_count(company.rep.user) == 3


def test_mail_goes_out_only_where_configured(
    company, settings, django_capture_on_commit_callbacks
) -> None:
    company.rep.email = "rep@example.com"
    company.rep.save()
    settings.SALESTARGET_MAIL_ENABLED = False
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[company.rep.user], kind="x", title="不发邮件")
    assert mail.outbox == []
    settings.SALESTARGET_MAIL_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipients=[company.rep.user],
            kind="x",
            title="目标草案已逾期",
            body="请提交",
            link="/t/",
        )
    assert [(m.subject, m.to) for m in mail.outbox] == [("目标草案已逾期", ["rep@example.com"])]
    assert "请提交" in mail.outbox[0].body
    assert Notification.objects.get(title="目标草案已逾期").emailed_at is not None


def test_marking_read(company) -> None:
    sent = notification_send(recipients=[company.rep.user], kind="x", title="一")
    notification_send(recipients=[company.rep.user], kind="x", title="二")
    notification_send(recipients=[company.rep_other.user], kind="x", title="别人的")
    assert notification_mark_read(user=company.rep.user, ids=[sent[0].pk]) == 1
    assert unread_count(company.rep.user) == 1
    assert notification_mark_read(user=company.rep.user) == 1
    assert unread_count(company.rep_other.user) == 1
