"""Posting to group robots: a message about a team reaches that team's robots and those of the
units above it, never another subtree's; the worker delivers it and tries again later when
the robot's server fails, and every message stays in the robot's log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from salestarget.integrations.delivery import FIRST_RETRY_SECONDS, MAX_ATTEMPTS
from salestarget.integrations.models import GroupRobot, RobotSend, SendStatus
from salestarget.integrations.services.robots import robot_post, robot_save
from salestarget.notifications.messages import Amount, message
from tests.integrations.robot_server import DINGTALK_SECRET, WEBHOOK_SECRET, RobotServer

EVENTS = ["battle_report", "good_news", "alert", "deadline"]


def robot(server: RobotServer, by, node, kind="dingtalk", secret=DINGTALK_SECRET, **kw):
    return robot_save(
        by=by.user,
        node=node,
        name=kw.get("name", f"{node.name}群"),
        kind=kind,
        url=server.url(kind),
        secret=secret,
        language=kw.get("language", "zh-hans"),
        events=kw.get("events", EVENTS),
    )


def post_alert(company, captured):
    with captured(execute=True):
        return robot_post(
            node=company.team_bj,
            event="alert",
            title=message(
                gettext_noop("%(status)s：%(target)s"), status="进度落后", target="北京一组"
            ),
            lines=[message(gettext_noop("应完成 %(expected)s"), expected=Amount(1_151_9000))],
            link="/tracking/",
            dedupe_key="alert:bj:1",
        )


def test_a_team_alert_reaches_its_group_and_the_region_above_never_another_region(
    company, robot_server, django_capture_on_commit_callbacks, worker_run
):
    team = robot(robot_server, company.team_lead, company.team_bj)
    region = robot(
        robot_server, company.manager_north, company.north, kind="webhook", secret=WEBHOOK_SECRET
    )
    east = robot(robot_server, company.manager_east, company.east)

    sent = post_alert(company, django_capture_on_commit_callbacks)
    worker_run()

    assert {s.robot_id for s in sent} == {team.pk, region.pk}
    assert not RobotSend.objects.filter(robot=east).exists()
    texts = [
        r.body.get("markdown", {}).get("text") or r.body.get("text") for r in robot_server.received
    ]
    assert len(texts) == 2
    for text in texts:
        assert text.startswith("### 进度落后：北京一组")
        assert "1,151.90万" in text
        assert "(http://localhost:8000/tracking/)" in text
    assert set(RobotSend.objects.values_list("status", flat=True)) == {SendStatus.SENT}


def test_the_same_event_is_posted_once(company, robot_server, django_capture_on_commit_callbacks):
    robot(robot_server, company.team_lead, company.team_bj)
    assert len(post_alert(company, django_capture_on_commit_callbacks)) == 1
    assert post_alert(company, django_capture_on_commit_callbacks) == []
    assert RobotSend.objects.count() == 1


def test_a_robot_in_english_reads_the_message_in_english(
    company, robot_server, django_capture_on_commit_callbacks, worker_run
):
    robot(robot_server, company.team_lead, company.team_bj, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        (send,) = robot_post(
            node=company.team_bj,
            event="deadline",
            title=message(gettext_noop("已逾期：%(what)s"), what="北京一组"),
            link="/targets/",
        )
    assert send.title == "Overdue: 北京一组"
    assert "[Details](http://localhost:8000/targets/)" in send.text
    assert translation.get_language() == "zh-hans"


def test_a_robot_that_does_not_take_this_kind_of_event_hears_nothing(company, robot_server):
    robot(robot_server, company.team_lead, company.team_bj, events=["battle_report"])
    assert robot_post(node=company.team_bj, event="alert", title="x") == []


def test_a_failing_server_is_tried_again_later_by_the_worker_with_a_longer_wait_each_time(
    company, robot_server, django_capture_on_commit_callbacks, worker_run
):
    robot(robot_server, company.team_lead, company.team_bj)
    robot_server.fail_next = 2
    (send,) = post_alert(company, django_capture_on_commit_callbacks)

    waits = []
    for _try in range(2):
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            worker_run()
        send.refresh_from_db()
        assert send.status == SendStatus.PENDING
        assert "HTTP 502" in send.last_error
        retry = DBTaskResult.objects.filter(status="READY").get()
        waits.append((retry.run_after - before).total_seconds())
        # Nothing runs before its time: the worker leaves the retry waiting.
        worker_run()
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())

    worker_run()
    send.refresh_from_db()
    assert (send.status, send.attempts, send.last_error) == (SendStatus.SENT, 3, "")
    assert waits[0] == pytest.approx(FIRST_RETRY_SECONDS, abs=5)
    assert waits[1] == pytest.approx(FIRST_RETRY_SECONDS * 4, abs=5)
    assert len(robot_server.received) == 1


def test_after_the_last_try_the_message_is_marked_failed(
    company, robot_server, django_capture_on_commit_callbacks, worker_run
):
    robot(robot_server, company.team_lead, company.team_bj, secret="SECwrong")
    (send,) = post_alert(company, django_capture_on_commit_callbacks)
    for _try in range(MAX_ATTEMPTS):
        with django_capture_on_commit_callbacks(execute=True):
            worker_run()
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    send.refresh_from_db()
    assert (send.status, send.attempts) == (SendStatus.FAILED, MAX_ATTEMPTS)
    assert "sign not match" in send.last_error
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_only_a_manager_of_the_node_sets_up_its_robot(company, robot_server):
    with pytest.raises(PermissionDenied):
        robot(robot_server, company.manager_east, company.north)
    with pytest.raises(PermissionDenied):
        robot(robot_server, company.rep, company.team_bj)
    made = robot(robot_server, company.manager_north, company.team_bj)
    with pytest.raises(PermissionDenied):  # nor take over another's robot
        robot_save(
            by=company.manager_east.user,
            robot=made,
            node=company.east,
            name="x",
            kind="dingtalk",
            url=made.url,
            secret=None,
            language="zh-hans",
            events=[],
        )
    assert GroupRobot.objects.get().node == company.team_bj


def test_an_unknown_kind_is_refused_by_name(company):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        robot_save(
            by=company.team_lead.user,
            node=company.team_bj,
            name="x",
            kind="slack",
            url="https://example.com/hook",
            secret="",
            language="zh-hans",
            events=[],
        )
    assert "kind" in err.value.message_dict
