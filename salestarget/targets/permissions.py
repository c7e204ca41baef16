"""Who may plan, split, draft and approve which targets, on top of ``org.scoping``.

- See: admin, executives and finance the whole tree below their node; a manager the targets
  of their subtree; a rep only the targets that name them.
- Plan and split (``can_manage``): admin, executives and managers, inside their subtree only.
  Finance reads and never changes targets; reps only submit their own drafts.
- Approve (``is_above``): the role above the target's holder. A manager approves what lies
  strictly below the nodes they lead (a team's split, a rep's target), never their own node's
  split. An executive is the top of the chain and approves anything in their scope, including
  the company plan they set themselves (there is nobody above them in the product; the
  approval is recorded in the history like any other). Admin may approve anything.
- Adjustments are never decided by the person who requested them.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from salestarget.org.models import OrgNode, Role
from salestarget.org.scoping import Scope, scope_for
from salestarget.targets.models import AdjustmentRequest, Target


def target_q(scope: Scope, prefix: str = "") -> Q:
    """A filter for the targets ``scope`` may see (``prefix`` is the path to a Target)."""
    p = f"{prefix}__" if prefix else ""
    if scope.everything:
        return Q()
    own = Q(**{f"{p}person_id": scope.person_id if scope.person_id is not None else -1})
    if scope.is_rep or not scope.root_paths:
        return own
    return scope.node_q(f"{p}node") | own


def can_view(scope: Scope, target: Target) -> bool:
    if scope.everything:
        return True
    if target.person_id is not None and target.person_id == scope.person_id:
        return True
    if scope.is_rep:
        return False
    return target.node is not None and scope.can_view_node(target.node)


def can_manage(scope: Scope, target: Target) -> bool:
    """May edit and split ``target`` (while it is not frozen)."""
    return target.node is not None and scope.can_manage_node(target.node)


def is_above(scope: Scope, node: OrgNode, *, person_level: bool = False) -> bool:
    """Whether ``scope`` holds the role above the holder of a target at ``node``.

    ``person_level``: the target belongs to a person in ``node`` (then whoever leads
    ``node`` is above them).
    """
    if scope.is_admin:
        return True
    if scope.role == Role.EXECUTIVE:
        return scope.can_view_node(node)
    if scope.role != Role.MANAGER:
        return False
    if person_level:
        return scope.can_view_node(node)
    return any(node.path.startswith(p) and node.path != p for p in scope.root_paths)


def require_view(scope: Scope, target: Target) -> None:
    if not can_view(scope, target):
        raise PermissionDenied(f"target {target.pk} is outside your scope")


def require_manage(scope: Scope, target: Target) -> None:
    if not can_manage(scope, target):
        raise PermissionDenied(f"you may not plan or split target {target.pk}")


def request_anchor(requester: Scope, target: Target) -> OrgNode | None:
    """The node a request about ``target`` comes from: the outermost node of the requester's
    scope that holds the target (the company for whole-tree roles). Whoever decides the request
    must stand above it, so a request is never decided at or below the requester's level."""
    if target.node is None:
        return None
    if requester.everything:
        top = target.node.ancestor_ids[0]
        return OrgNode.objects.filter(pk=top).first()
    for path in requester.root_paths:
        if target.node.path.startswith(path):
            return OrgNode.objects.filter(path=path).first()
    return target.node


def can_decide_request(decider: Scope, requester: Scope, target: Target) -> bool:
    """``decider`` holds a higher role than ``requester`` for ``target``."""
    anchor = request_anchor(requester, target)
    if anchor is None:
        return False
    if requester.everything:  # an executive's request: another executive or the admin
        return decider.is_admin or (
            decider.role == Role.EXECUTIVE and decider.can_view_node(anchor)
        )
    return is_above(decider, anchor)


def can_decide_adjustment(by: User, adjustment: AdjustmentRequest) -> bool:
    """A higher role than the requester's, for this target; never the requester."""
    target = adjustment.target
    requester = adjustment.requested_by
    if target is None or requester is None or requester.pk == by.pk:
        return False
    return can_decide_request(scope_for(by), scope_for(requester), target)
