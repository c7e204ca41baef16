"""Reads of the organisation, always through the caller's scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from salestarget.org.models import Membership, OrgNode, Person
from salestarget.org.scoping import Scope


def current_node_subquery() -> Subquery:
    """The node of each person's membership active today, for ``annotate(node_id=...)``."""
    today = timezone.localdate()
    return Subquery(
        Membership.objects.active_at(today)
        .filter(person=OuterRef("pk"))
        .order_by("-is_manager", "-valid_from")
        .values("node_id")[:1]
    )


def nodes_visible(scope: Scope, *, active: bool | None = None) -> QuerySet[OrgNode]:
    qs = scope.nodes().order_by("path")
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


def people_visible(
    scope: Scope, *, node_id: int | None = None, active: bool | None = None
) -> QuerySet[Person]:
    qs = scope.people().annotate(node_id=current_node_subquery()).order_by("employee_no")
    if node_id is not None:
        node = OrgNode.objects.filter(pk=node_id).first()
        if node is None:
            return qs.none()
        today = timezone.localdate()
        qs = qs.filter(
            pk__in=Membership.objects.active_at(today)
            .filter(node__path__startswith=node.path)
            .values("person_id")
        )
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


def person_of_user(user: AbstractBaseUser | AnonymousUser) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def person_with_node(person: Person) -> Person:
    return Person.objects.annotate(node_id=current_node_subquery()).get(pk=person.pk)
