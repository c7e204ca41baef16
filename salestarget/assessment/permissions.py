"""Who may do what in assessment, on top of ``org.scoping``.

- Running cycles (open, advance, compute, calibration sessions): admin, executive and
  finance (销售管理部 runs assessments) over nodes in their scope.
- A scorecard is seen by its person, and by whoever's scope covers the person (their
  managers up the tree, and the whole-tree roles); a rep never sees another rep's.
- Grades are proposed by a manager whose subtree holds the person, never by the person.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from salestarget.assessment.models import Scorecard
from salestarget.org.models import OrgNode, Role
from salestarget.org.scoping import Scope

RUNNERS = {Role.ADMIN, Role.EXECUTIVE, Role.FINANCE}


def can_run(scope: Scope, node: OrgNode) -> bool:
    return scope.role in RUNNERS and scope.can_view_node(node)


def require_run(scope: Scope, node: OrgNode) -> None:
    if not can_run(scope, node):
        raise PermissionDenied(f"you may not run assessments for {node.code}")


def is_own(scope: Scope, card: Scorecard) -> bool:
    return scope.person_id is not None and card.person_id == scope.person_id


def can_view_card(scope: Scope, card: Scorecard) -> bool:
    if is_own(scope, card) or scope.everything:
        return True
    if scope.is_rep:
        return False
    return scope.can_view_node(card.node)


def require_view_card(scope: Scope, card: Scorecard) -> None:
    if not can_view_card(scope, card):
        raise PermissionDenied(f"scorecard {card.pk} is outside your scope")


def can_lead_card(scope: Scope, card: Scorecard) -> bool:
    """May propose a grade, hold the interview, open an improvement plan: someone above the
    person in the tree (or a runner), never the person themself."""
    if is_own(scope, card):
        return False
    if can_run(scope, card.node):
        return True
    return scope.role == Role.MANAGER and scope.can_view_node(card.node)


def require_lead_card(scope: Scope, card: Scorecard) -> None:
    if not can_lead_card(scope, card):
        raise PermissionDenied(f"you do not lead scorecard {card.pk}")
