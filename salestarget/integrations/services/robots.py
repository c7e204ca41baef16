"""Posting to group robots: the one way an app tells a team's chat group something.

The app that owns the figures composes the message (title and lines as ``notifications``
messages, rendered in each robot's language) and names the node it is about;
``robot_post`` hands it to the robots of that node and of the nodes above it — never to a
robot of another subtree — and the worker delivers it, retrying with backoff
(``robot_send_deliver``). Every message is kept in the robot's log (``RobotSend``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from salestarget.integrations.delivery import robot_send_deliver
from salestarget.integrations.links import absolute
from salestarget.integrations.models import GroupRobot, RobotEvent, RobotKind, RobotSend
from salestarget.integrations.tasks import robot_deliver_enqueue
from salestarget.notifications.messages import Text, render, stored
from salestarget.org.models import OrgNode
from salestarget.org.scoping import scope_for

log = logging.getLogger(__name__)


def robot_save(
    *,
    by: AbstractBaseUser,
    node: OrgNode,
    name: str,
    kind: str,
    url: str,
    secret: str | None,
    language: str,
    events: Sequence[str],
    is_active: bool = True,
    robot: GroupRobot | None = None,
) -> GroupRobot:
    """Create a robot, or change ``robot``; ``secret`` None keeps the one saved. Only the
    managers of ``node`` (and of the nodes above it) may."""
    scope = scope_for(by)
    if robot is not None:
        scope.require_node(robot.node, manage=True)
    scope.require_node(node, manage=True)
    if kind not in RobotKind.values:
        raise ValidationError({"kind": _("未知的机器人类型。")})
    unknown = set(events) - set(RobotEvent.values)
    if unknown:
        raise ValidationError({"events": _("未知的事件。")})
    robot = robot or GroupRobot(created_by=by)  # type: ignore[misc]
    robot.node = node
    robot.name = name.strip()
    robot.kind = kind
    robot.url = url.strip()
    if secret is not None:
        robot.secret = secret.strip()
    robot.language = language
    for event in (e for e in RobotEvent.values if e != RobotEvent.TEST):
        setattr(robot, event, event in events)
    robot.is_active = is_active
    if robot.kind == RobotKind.WECOM and not robot.secret and "key=" not in robot.url:
        raise ValidationError({"secret": _("企业微信机器人需要 Webhook 地址中的 key。")})
    robot.full_clean()
    robot.save()
    return robot


def robot_delete(*, by: AbstractBaseUser, robot: GroupRobot) -> None:
    scope_for(by).require_node(robot.node, manage=True)
    robot.delete()


def robots_for(node: OrgNode, event: str) -> list[GroupRobot]:
    """The active robots that may hear about ``node``: its own and those of the nodes above
    it (whose groups' scope holds it), that take ``event``."""
    paths = [node.path[: i + 1] for i, ch in enumerate(node.path) if ch == "/" and i > 0]
    robots = GroupRobot.objects.filter(is_active=True, node__path__in=paths, **{event: True})
    return list(robots.select_related("node"))


def compose(title: Text, lines: Sequence[Text], link: str) -> tuple[str, str]:
    """The title and the markdown text in the active language: a heading, a line each, and
    the link to the page with the whole story."""
    title_text = render(stored(title))
    body = [render([part]) for part in stored(list(lines))]
    text = "\n\n".join([f"### {title_text}", *body])
    if link:
        details = gettext("查看详情")
        text += f"\n\n[{details}]({absolute(link)})"
    return title_text, text


def robot_post(
    *,
    node: OrgNode | None,
    event: str,
    title: Text,
    lines: Sequence[Text] = (),
    link: str = "",
    dedupe_key: str = "",
) -> list[RobotSend]:
    """Post a message about ``node``'s subtree to the robots that may hear it."""
    if node is None:
        return []
    return robots_send(
        robots=robots_for(node, event),
        event=event,
        title=title,
        lines=lines,
        link=link,
        dedupe_key=dedupe_key,
    )


def robots_send(
    *,
    robots: Sequence[GroupRobot],
    event: str,
    title: Text,
    lines: Sequence[Text] = (),
    link: str = "",
    dedupe_key: str = "",
) -> list[RobotSend]:
    """Log one message per robot (once per ``dedupe_key``) and have the worker deliver each
    when the caller's transaction commits."""
    created: list[RobotSend] = []
    for robot in robots:
        with translation.override(robot.language):
            title_text, text = compose(title, lines, link)
        send = RobotSend(
            robot=robot,
            event=event,
            title=title_text[:200],
            text=text,
            link=absolute(link) if link else "",
            dedupe_key=dedupe_key,
        )
        try:
            with transaction.atomic():
                send.save()
        except IntegrityError:  # sent before under this key
            continue
        created.append(send)
    if created:
        ids = [s.pk for s in created]
        transaction.on_commit(lambda: _enqueue(ids))
    return created


def _enqueue(ids: list[int]) -> None:
    for pk in ids:
        robot_deliver_enqueue(pk)


def robot_test(*, by: AbstractBaseUser, robot: GroupRobot) -> RobotSend:
    """Send a test message now (not through the worker) so the manager sees at once whether
    the robot takes it."""
    scope_for(by).require_node(robot.node, manage=True)
    with translation.override(robot.language):
        title, text = compose(
            gettext("SalesTarget 测试消息"),
            [
                gettext("%(node)s 的群机器人已连接，战报、喜报和提醒会发到这里。")
                % {"node": robot.node.name}
            ],
            "/",
        )
    send = RobotSend.objects.create(
        robot=robot, event=RobotEvent.TEST, title=title[:200], text=text, link=absolute("/")
    )
    return robot_send_deliver(send_id=send.pk, retry=False)


def robot_require_manager(*, by: AbstractBaseUser) -> None:
    """Robots are set up by those who lead a node (managers, executives, the admin)."""
    if not scope_for(by).can_plan:
        raise PermissionDenied
