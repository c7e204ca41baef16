"""Good news (喜报) posted to the group robots of the team it happened in (``integrations``):
the same headline as the feed, with the figure that makes it news. An achievement flagged as
an outlier is not celebrated, here as anywhere."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_noop

from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.integrations.models import RobotEvent
from salestarget.integrations.services.robots import robot_post
from salestarget.notifications.messages import Amount, Message, Ratio, message
from salestarget.org.models import OrgNode, Person
from salestarget.tracking.models import GoodNews, NewsKind


def good_news_post(events: Sequence[GoodNews]) -> int:
    """Post each new, believable milestone to its team's robots; returns how many messages."""
    shown = [e for e in events if not e.outlier and e.node_id]
    if not shown:
        return 0
    nodes = OrgNode.objects.in_bulk({e.node_id for e in shown if e.node_id})
    people = Person.objects.in_bulk({e.person_id for e in shown if e.person_id})
    link = reverse("tracking:news")
    posted = 0
    for event in shown:
        node = nodes.get(event.node_id or 0)
        person = people.get(event.person_id or 0)
        who = person.name if person else (node.name if node else "")
        title, lines = _headline(event, who)
        posted += len(
            robot_post(
                node=node,
                event=RobotEvent.GOOD_NEWS,
                title=title,
                lines=lines,
                link=link,
                dedupe_key=f"news:{event.dedupe_key}",
            )
        )
    return posted


def _headline(event: GoodNews, who: str) -> tuple[Message, list[Message]]:
    if event.kind == NewsKind.ACHIEVED:
        title = message(
            gettext_noop("喜报：%(who)s 完成 %(period)s 目标 100%%！"), who=who, period=event.period
        )
        lines = []
        if event.value is not None and event.reference:
            lines.append(
                message(
                    gettext_noop("完成 %(actual)s，目标 %(target)s，完成率 %(achievement)s。"),
                    actual=Amount(event.value),
                    target=Amount(event.reference),
                    achievement=Ratio(DECIMAL_CONTEXT.divide(event.value, event.reference)),
                )
            )
        return title, lines
    if event.kind == NewsKind.RECORD:
        title = message(
            gettext_noop("喜报：%(who)s 在 %(period)s 创造个人月度销售纪录！"),
            who=who,
            period=event.period,
        )
        line = message(
            gettext_noop("本月 %(now)s，此前最好 %(best)s。"),
            now=Amount(event.value),
            best=Amount(event.reference),
        )
        return title, [line]
    if event.kind == NewsKind.PRIZE:
        return message(
            gettext_noop("喜报：%(who)s 在「%(title)s」中获奖！"), who=who, title=event.title
        ), []
    return message(
        gettext_noop("喜报：%(who)s 拿下 %(period)s 本月首单！"), who=who, period=event.period
    ), []
