"""Writes to the organisation: nodes keep their materialised paths, people their history."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.org.models import Membership, OrgNode, Person
from salestarget.trees import tree_node_save


def org_node_save(*, node: OrgNode) -> OrgNode:
    """Create or update a node; moving it under another parent re-paths its whole subtree."""
    return tree_node_save(node)


@transaction.atomic
def person_move(
    *, person: Person, to_node: OrgNode, on: dt.date, is_manager: bool = False
) -> Membership:
    """Move ``person`` to ``to_node`` from ``on``: the current membership ends the day before.

    Sales dated before ``on`` stay credited to the old node; from ``on`` to the new one.
    """
    if not to_node.is_active:
        raise ValidationError({"to_node": _("目标组织已停用。")})
    later = Membership.objects.filter(person=person, valid_from__gte=on)
    if later.exists():
        raise ValidationError(
            {"on": _("该人员在 %(day)s 或之后已有任职记录，请先处理。") % {"day": on}}
        )
    Membership.objects.active_at(on).filter(person=person).update(valid_to=on)
    return Membership.objects.create(
        person=person, node=to_node, valid_from=on, is_manager=is_manager
    )
