"""The weekly battle report (战报) posted to each group robot that takes it: last week's
figures of the robot's own subtree — the total against the week before, the people and teams
on top, the month so far — with a link to the whole report. Each robot's report is built
within its node, so a group reads only the figures of its own people."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_noop

from salestarget.core.periods import PeriodKind
from salestarget.integrations.models import GroupRobot, RobotEvent
from salestarget.integrations.services.robots import robots_send
from salestarget.notifications.messages import Amount, Message, Ratio, message
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import as_of
from salestarget.tracking.queries.reports import BattleReport, battle_report

TOP = 5


def battle_report_post(*, at: dt.date | None = None) -> int:
    """Post last week's battle report (the week before ``at``'s, default: the last day with
    facts) to every robot that takes it, once per robot and week; returns the messages."""
    version = facts_version()
    day = as_of(at, version=version).day
    cal = fiscal_calendar()
    week = cal.shift(cal.period_of(PeriodKind.WEEK, day), -1)
    posted = 0
    robots = GroupRobot.objects.filter(is_active=True, battle_report=True).select_related("node")
    for robot in robots:
        report = battle_report(week=week, within=robot.node, at=day, version=version, top=TOP)
        link = (
            reverse("tracking:battle")
            + "?"
            + urlencode({"node": robot.node_id, "week": week.label})
        )
        posted += len(
            robots_send(
                robots=[robot],
                event=RobotEvent.BATTLE_REPORT,
                title=message(
                    gettext_noop("战报：%(unit)s %(week)s"), unit=robot.node.name, week=week.label
                ),
                lines=_lines(report),
                link=link,
                dedupe_key=f"battle:{week.label}",
            )
        )
    return posted


def _lines(report: BattleReport) -> list[Message]:
    total = report.total
    # Posted after the week ended: "本周" read on Monday would mean the new week.
    lines = [
        message(
            gettext_noop("上周（%(start)s 至 %(end)s）销售额 %(value)s，环比 %(change)s。"),
            start=report.start.isoformat(),
            end=report.end.isoformat(),
            value=Amount(total.value),
            change=Ratio(total.vs_previous) if total.vs_previous is not None else None,
        )
    ]
    if report.month_to_date is not None:
        lines.append(
            message(gettext_noop("本月累计 %(value)s。"), value=Amount(report.month_to_date.value))
        )
    if report.people:
        lines.append(message(gettext_noop("**个人排行**")))
        lines += [
            message(
                gettext_noop("%(rank)s. %(who)s %(value)s"),
                rank=e.rank or 0,
                who=e.label,
                value=Amount(e.value),
            )
            for e in report.people[:TOP]
        ]
    if len(report.teams) > 1:
        lines.append(message(gettext_noop("**团队排行**")))
        lines += [
            message(
                gettext_noop("%(rank)s. %(who)s %(value)s"),
                rank=e.rank or 0,
                who=e.label,
                value=Amount(e.value),
            )
            for e in report.teams[:TOP]
        ]
    return lines
