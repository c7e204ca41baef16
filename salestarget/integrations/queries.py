"""Reads of the integrations pages: the robots a leader may set up, and their log."""

from __future__ import annotations

from django.db.models import QuerySet

from salestarget.integrations.models import GroupRobot, PersonalSend, RobotSend
from salestarget.org.scoping import Scope


def robots_managed(scope: Scope) -> QuerySet[GroupRobot]:
    """The robots of the nodes the caller leads (none for those who do not plan)."""
    if not scope.can_plan:
        return GroupRobot.objects.none()
    return GroupRobot.objects.filter(scope.node_q("node")).select_related("node")


def robot_sends(robot: GroupRobot, limit: int = 50) -> list[RobotSend]:
    return list(robot.sends.order_by("-created_at", "-pk")[:limit])


def personal_sends(user_id: int, limit: int = 30) -> list[PersonalSend]:
    """The person's own log: the newest messages sent (or held) for them."""
    return list(PersonalSend.objects.filter(user_id=user_id).order_by("-created_at", "-pk")[:limit])
