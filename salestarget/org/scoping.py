"""Who may see and change what: the one answer every query in the product goes through.

- admin: everything, read and write.
- executive (销售总监): the whole tree below the node they lead (normally the company).
- finance (财务/销售管理): reads the whole tree below their node (money included), keeps
  master data and actuals; does not set or split targets.
- manager (经理): their own subtree — the nodes they hold a manager membership on, and below.
- rep (销售代表): themself only.

A user without a person record is treated as admin only when they are a Django superuser;
otherwise they see nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from salestarget.org.models import Membership, OrgNode, Person, Role

WHOLE_TREE_ROLES = {Role.ADMIN, Role.EXECUTIVE, Role.FINANCE}


@dataclass(frozen=True)
class Scope:
    """What one user may reach at one date. Build with :func:`scope_for`."""

    role: str | None
    person_id: int | None
    # Subtree roots by path; empty with ``everything`` False means no nodes at all.
    root_paths: tuple[str, ...] = ()
    everything: bool = False
    home_node_id: int | None = None

    # --- what kind of access ---------------------------------------------------------------
    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role else ""

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_rep(self) -> bool:
        return self.role == Role.REP

    @property
    def can_plan(self) -> bool:
        """May set and split targets inside the scope (not finance, not reps)."""
        return self.role in {Role.ADMIN, Role.EXECUTIVE, Role.MANAGER}

    @property
    def can_edit_master_data(self) -> bool:
        return self.role in {Role.ADMIN, Role.FINANCE}

    @property
    def can_import_actuals(self) -> bool:
        return self.role in {Role.ADMIN, Role.FINANCE}

    @property
    def sees_anything(self) -> bool:
        return self.everything or bool(self.root_paths) or self.person_id is not None

    # --- filters ---------------------------------------------------------------------------
    def node_q(self, field: str = "") -> Q:
        """A filter on nodes (``field`` is the path to an OrgNode, "" for OrgNode itself)."""
        if self.everything:
            return Q()
        prefix = f"{field}__" if field else ""
        if not self.root_paths:
            return Q(pk__in=[]) if not field else Q(**{f"{prefix}pk__in": []})
        return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in self.root_paths))

    def nodes(self) -> QuerySet[OrgNode]:
        """The org nodes this user may see (and, if they can plan, change)."""
        return OrgNode.objects.filter(self.node_q())

    def node_ids(self) -> QuerySet[OrgNode, Any]:
        return self.nodes().values("pk")

    def people_q(self, field: str = "") -> Q:
        """A filter on people: a rep only themself; others the people in their subtree.

        Anyone who ever had a membership in the subtree stays visible, so the history of
        someone who moved out of a team remains readable by that team's manager.
        """
        prefix = f"{field}__" if field else ""
        if self.everything:
            return Q()
        if self.is_rep or not self.root_paths:
            pid = self.person_id if self.person_id is not None else -1
            return Q(**{f"{prefix}pk": pid})
        member_ids = Membership.objects.filter(self.node_q("node")).values("person_id")
        q = Q(**{f"{prefix}pk__in": member_ids})
        if self.person_id is not None:
            q |= Q(**{f"{prefix}pk": self.person_id})
        return q

    def people(self) -> QuerySet[Person]:
        return Person.objects.filter(self.people_q())

    def facts_q(self, node_field: str = "node", person_field: str = "person") -> Q:
        """A filter for facts and rollups that carry the crediting node and person."""
        if self.everything:
            return Q()
        if self.is_rep or not self.root_paths:
            pid = self.person_id if self.person_id is not None else -1
            return Q(**{f"{person_field}_id": pid})
        return Q(**{f"{node_field}_id__in": self.node_ids()})

    # --- single checks ---------------------------------------------------------------------
    def can_view_node(self, node: OrgNode) -> bool:
        return self.everything or any(node.path.startswith(p) for p in self.root_paths)

    def can_manage_node(self, node: OrgNode) -> bool:
        return self.can_plan and self.can_view_node(node)

    def can_view_person(self, person: Person) -> bool:
        if self.everything or person.pk == self.person_id:
            return True
        if self.is_rep:
            return False
        return self.people().filter(pk=person.pk).exists()

    def require_node(self, node: OrgNode, *, manage: bool = False) -> None:
        ok = self.can_manage_node(node) if manage else self.can_view_node(node)
        if not ok:
            raise PermissionDenied(f"node {node.code} is outside your scope")

    def require_person(self, person: Person) -> None:
        if not self.can_view_person(person):
            raise PermissionDenied(f"person {person.employee_no} is outside your scope")


NO_SCOPE = Scope(role=None, person_id=None)


def scope_for(user: AbstractBaseUser | AnonymousUser, at: dt.date | None = None) -> Scope:
    """The scope of ``user`` on ``at`` (today by default)."""
    if not user.is_authenticated or not user.is_active:
        return NO_SCOPE
    day = at or timezone.localdate()
    person = Person.objects.filter(user_id=user.pk, is_active=True).first()
    if person is None:
        if getattr(user, "is_superuser", False):
            return Scope(role=Role.ADMIN, person_id=None, everything=True)
        return NO_SCOPE
    if person.role == Role.ADMIN or getattr(user, "is_superuser", False):
        return Scope(role=Role.ADMIN, person_id=person.pk, everything=True)

    memberships = list(
        Membership.objects.active_at(day).filter(person=person).select_related("node")
    )
    home = memberships[0].node if memberships else None
    if person.role == Role.REP:
        return Scope(role=Role.REP, person_id=person.pk, home_node_id=home.pk if home else None)
    if person.role in WHOLE_TREE_ROLES:
        roots = [m.node for m in memberships] or []
    else:
        roots = [m.node for m in memberships if m.is_manager]
    paths = _outermost(tuple(sorted({n.path for n in roots})))
    everything = person.role in WHOLE_TREE_ROLES and any(n.parent_id is None for n in roots)
    return Scope(
        role=person.role,
        person_id=person.pk,
        root_paths=paths,
        everything=everything,
        home_node_id=home.pk if home else None,
    )


def _outermost(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path."""
    kept: list[str] = []
    for p in paths:  # sorted, so an ancestor comes before its descendants
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return tuple(kept)


def request_scope(request: object) -> Scope:
    """The scope for a request, computed once per request."""
    cached = getattr(request, "_salestarget_scope", None)
    if cached is None:
        cached = scope_for(request.user)  # type: ignore[attr-defined]
        request._salestarget_scope = cached  # type: ignore[attr-defined]
    return cached


# The system itself (the command line, a background import started without a user).
SYSTEM_SCOPE = Scope(role=Role.ADMIN, person_id=None, everything=True)
