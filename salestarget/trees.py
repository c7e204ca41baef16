"""Materialised paths for the product's trees (org nodes, regions).

A node's path is its ancestors' ids and its own, "/1/5/17/", so a subtree is
``path__startswith`` on both SQLite and PostgreSQL, with no recursive query.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _


@transaction.atomic
def tree_node_save(node: Any) -> Any:
    """Save ``node`` (a model with ``parent`` and ``path``, maybe ``depth``) and re-path its
    subtree in one statement when its parent changed."""
    parent = node.parent
    if node.pk and parent is not None and node.path and parent.path.startswith(node.path):
        raise ValidationError({"parent": _("不能把节点移动到它自己的下级之下。")})
    old_path: str = node.path
    node.save()
    new_path = f"{parent.path if parent is not None else '/'}{node.pk}/"
    if new_path == old_path:
        return node
    model: type[models.Model] = type(node)
    has_depth = hasattr(node, "depth")
    depth = new_path.count("/") - 2
    fields: dict[str, Any] = {"path": new_path}
    if has_depth:
        fields["depth"] = depth
    model._default_manager.filter(pk=node.pk).update(**fields)
    if old_path:
        below: dict[str, Any] = {
            "path": Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
        }
        if has_depth:
            below["depth"] = F("depth") + (depth - node.depth)
        model._default_manager.filter(path__startswith=old_path).exclude(pk=node.pk).update(**below)
    node.path = new_path
    if has_depth:
        node.depth = depth
    return node
