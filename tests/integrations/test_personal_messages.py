"""A person's own messages: the channel they chose per kind of event, delivered as a DingTalk
work notice or a WeCom application message through the company's app (the local stand-in
checks the token and the payload), by e-mail, after their quiet hours, or in the Monday digest;
who chose nothing is mailed as before."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.integrations.models import PersonalSend, WorkApp
from salestarget.integrations.services.personal_messages import (
    KindChoice,
    digests_send,
    message_preferences_save,
    work_app_save,
)
from salestarget.notifications.services import notification_send
from tests.integrations.robot_server import DING_APP, WECOM_APP, RobotServer


@pytest.fixture(autouse=True)
def _apps(company, robot_server: RobotServer, settings) -> None:
    settings.SALESTARGET_MAIL_ENABLED = True
    cache.clear()  # no token of another test
    for kind, (key, secret, agent) in (("dingtalk", DING_APP), ("wecom", WECOM_APP)):
        work_app_save(
            by=company.admin.user,
            kind=kind,
            app_key=key,
            app_secret=secret,
            agent_id=agent,
            api_base=robot_server.base,
        )


@pytest.fixture
def clock(monkeypatch):
    """``clock(when)`` sets the time every ``timezone.now()`` reads (the models' too)."""
    return lambda when: monkeypatch.setattr("django.utils.timezone.now", lambda: when)


def choose(person, quiet=(None, None), **kinds: KindChoice) -> None:
    message_preferences_save(
        user=person.user, choices=kinds, quiet_start=quiet[0], quiet_end=quiet[1]
    )


def alert(*people) -> None:
    notification_send(
        recipients=[p.user for p in people],
        kind="tracking_alert",
        title="进度落后：北京一组",
        body="实际 4.50万，落后 30%",
        link="/tracking/",
    )


def test_a_rep_reads_an_alert_as_a_dingtalk_work_notice(
    company, robot_server, django_capture_on_commit_callbacks, worker_run
):
    choose(company.rep, tracking_alert=KindChoice("dingtalk"))
    company.rep_other.email = "chen@example.com"
    company.rep_other.save()
    with django_capture_on_commit_callbacks(execute=True):
        alert(company.rep, company.rep_other)  # 陈小红 chose nothing: mailed as before
    worker_run()

    (got,) = robot_server.received
    assert got.path == "/topapi/message/corpconversation/asyncsend_v2"
    assert got.body["userid_list"] == company.rep.employee_no  # the account is the 工号
    assert got.body["msg"]["markdown"]["title"] == "进度落后：北京一组"
    assert "实际 4.50万" in got.body["msg"]["markdown"]["text"]
    assert "http://localhost:8000/tracking/" in got.body["msg"]["markdown"]["text"]
    assert PersonalSend.objects.get().status == "sent"
    assert [m.to for m in mail.outbox] == [["chen@example.com"]]


def test_a_wecom_message_asks_for_its_token_once_and_retries_a_failure(
    company, robot_server, django_capture_on_commit_callbacks, worker_run
):
    choose(company.team_lead, tracking_alert=KindChoice("wecom"))
    robot_server.fail_next = 1  # the first message meets a 502: tried again later
    with django_capture_on_commit_callbacks(execute=True):
        alert(company.team_lead)
        alert(company.team_lead)
    worker_run()
    first, second = PersonalSend.objects.order_by("pk")
    assert (first.status, first.attempts, first.last_error) == (
        "pending",
        1,
        "HTTP 502 Bad Gateway",
    )
    assert first.next_try_at is not None
    assert (second.status, second.attempts) == ("sent", 1)
    (got,) = robot_server.received
    assert (got.path, got.body["touser"], got.body["agentid"]) == (
        "/cgi-bin/message/send",
        company.team_lead.employee_no,
        WECOM_APP[2],
    )
    assert got.body["markdown"]["content"].startswith("实际 4.50万")
    assert robot_server.tokens_given == 2  # asked again after the failed try, then kept


def test_in_product_only_sends_nothing_else(company, django_capture_on_commit_callbacks):
    choose(company.rep, tracking_alert=KindChoice("in_app"))
    with django_capture_on_commit_callbacks(execute=True):
        alert(company.rep)
    assert company.rep.user.notifications.count() == 1
    assert not PersonalSend.objects.exists()
    assert mail.outbox == []


def test_quiet_hours_hold_a_message_till_they_end(company, clock):
    clock(dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    choose(company.rep, quiet=(dt.time(22), dt.time(8)), tracking_alert=KindChoice("email"))
    alert(company.rep)
    send = PersonalSend.objects.get()
    assert send.status == "pending"
    assert send.next_try_at == dt.datetime(2026, 12, 8, 0, 0, tzinfo=dt.UTC)  # 08:00 in Beijing


def test_the_monday_digest_sums_up_the_week_in_one_message(company, clock):
    choose(company.rep, tracking_alert=KindChoice("email", digest=True))
    clock(dt.datetime(2026, 12, 2, 10, tzinfo=dt.UTC))  # a Wednesday
    alert(company.rep)
    alert(company.rep)
    assert mail.outbox == []  # held for the digest
    assert digests_send(now=dt.datetime(2026, 12, 5, 10, tzinfo=dt.UTC)) == 0  # same week

    assert digests_send(now=dt.datetime(2026, 12, 7, 1, tzinfo=dt.UTC)) == 1
    digest = PersonalSend.objects.get(kind="digest")
    assert digest.title == "上周消息摘要（2 条）"
    assert digest.text.count("进度落后：北京一组") == 2
    assert set(digest.items.values_list("status", flat=True)) == {"sent"}
    assert digests_send(now=dt.datetime(2026, 12, 7, 2, tzinfo=dt.UTC)) == 0  # once


def test_a_channel_not_set_up_or_an_unknown_kind_is_refused(company):
    WorkApp.objects.filter(kind="wecom").update(is_active=False)
    with pytest.raises(ValidationError, match="wecom"):
        choose(company.rep, tracking_alert=KindChoice("wecom"))
    with pytest.raises(ValidationError, match="no_such_kind"):
        choose(company.rep, no_such_kind=KindChoice("email"))
    with pytest.raises(PermissionDenied):
        work_app_save(
            by=company.manager_north.user, kind="wecom", app_key="x", app_secret="y", agent_id=1
        )
