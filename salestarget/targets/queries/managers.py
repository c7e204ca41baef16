"""Who manages a unit on a day, and who sits above it: the people reminded, escalated to and
named on documents."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salestarget.org.models import Membership, OrgNode, Person


def node_managers(node: OrgNode, day: dt.date | None = None) -> list[Person]:
    day = day or timezone.localdate()
    return [
        m.person
        for m in Membership.objects.active_at(day)
        .filter(node=node, is_manager=True, person__is_active=True)
        .select_related("person__user")
    ]


def managers_above(node: OrgNode, day: dt.date | None = None) -> list[Person]:
    """The managers of the nearest ancestor of ``node`` that has any."""
    ancestors = OrgNode.objects.filter(pk__in=node.ancestor_ids[:-1]).order_by("-depth")
    for ancestor in ancestors:
        found = node_managers(ancestor, day)
        if found:
            return found
    return []
