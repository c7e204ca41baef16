"""The demo's integrations: two teams' group robots with a log of what they posted, the
company's DingTalk app and a few people's message preferences, so the robots' and the
message settings' pages show something. Nothing leaves the machine: the robots are switched
off and every address is a closed local port (a started worker would log a failed try)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from salestarget.integrations.models import (
    GroupRobot,
    MessageChoice,
    MessageSettings,
    PersonalSend,
    RobotSend,
    SendStatus,
    WorkApp,
)
from salestarget.org.models import Membership

HARMLESS = "http://127.0.0.1:9"  # the discard port: nothing answers, nothing is sent


def demo_messages_create() -> dict[str, int]:
    now = timezone.now()
    robots = [
        _robot("lead_bj", "dingtalk", f"{HARMLESS}/robot/send?access_token=demo", "SECdemo"),
        _robot("mgr_north", "wecom", f"{HARMLESS}/cgi-bin/webhook/send", "demo-key"),
    ]
    for robot in robots:
        for weeks in (2, 1):
            RobotSend.objects.create(
                robot=robot,
                event="battle_report",
                title=f"战报：{robot.node.name} 上周（{weeks} 周前）",
                text=f"### 战报：{robot.node.name}\n\n上周销售额见链接。",
                status=SendStatus.SENT,
                attempts=1,
                sent_at=now - dt.timedelta(weeks=weeks),
            )
    WorkApp.objects.create(
        kind="dingtalk", app_key="demo-app-key", app_secret="demo", agent_id=1, api_base=HARMLESS
    )
    rep = User.objects.get(username="rep_001")
    MessageSettings.objects.create(user=rep, quiet_start=dt.time(22), quiet_end=dt.time(8))
    MessageChoice.objects.bulk_create(
        [
            MessageChoice(user=rep, kind="tracking_alert", channel="dingtalk"),
            MessageChoice(user=rep, kind="report_comment", channel="dingtalk", digest=True),
            MessageChoice(user=rep, kind="plan_approved", channel="in_app"),
            MessageChoice(
                user=User.objects.get(username="mgr_north"),
                kind="plan_submitted",
                channel="dingtalk",
            ),
        ]
    )
    PersonalSend.objects.bulk_create(
        [
            PersonalSend(
                user=rep,
                kind="tracking_alert",
                channel="dingtalk",
                title=f"进度落后：{rep.person.name}",  # type: ignore[attr-defined]
                text="本月完成率低于时间进度。",
                status=SendStatus.SENT,
                attempts=1,
                sent_at=now,
            ),
            PersonalSend(
                user=rep,
                kind="report_comment",
                channel="dingtalk",
                title="经理点评了你的周报",
                text="继续跟进重点客户。",
                status=SendStatus.HELD,
            ),
        ]
    )
    return {"robots": len(robots), "message_choices": 4}


def _robot(username: str, kind: str, url: str, secret: str) -> GroupRobot:
    person = User.objects.get(username=username).person  # type: ignore[attr-defined]
    membership = (
        Membership.objects.filter(person=person).select_related("node").latest("valid_from")
    )
    return GroupRobot.objects.create(
        node=membership.node,
        name=f"{membership.node.name}销售群",
        kind=kind,
        url=url,
        secret=secret,
        is_active=False,
    )
