"""Reads of the organisation, always through the caller's scope."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Model, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from salestarget.org.models import ApiToken, Membership, OrgNode, Person
from salestarget.org.scoping import Scope


def current_node_subquery(field: str = "node_id") -> Subquery:
    """A field of the node of each person's membership active today, for ``annotate``."""
    today = timezone.localdate()
    return Subquery(
        Membership.objects.active_at(today)
        .filter(person=OuterRef("pk"))
        .order_by("-is_manager", "-valid_from")
        .values(field)[:1]
    )


def nodes_visible(scope: Scope, *, active: bool | None = None) -> QuerySet[OrgNode]:
    qs = scope.nodes().order_by("path")
    if active is not None:
        qs = qs.filter(is_active=active)
    return qs


def node_tree(scope: Scope, *, active: bool | None = None) -> list[OrgNode]:
    """The visible nodes in tree order, each with ``member_count`` (people belonging to it
    today), ``managers`` (their names) and ``indent`` (depth below the shallowest shown)."""
    today = timezone.localdate()
    current = Q(memberships__valid_from__lte=today) & (
        Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gt=today)
    )
    nodes: list[OrgNode] = list(
        nodes_visible(scope, active=active)
        .select_related("region")
        .annotate(member_count=Count("memberships", filter=current))
    )
    managers: dict[int, list[str]] = defaultdict(list)
    rows = (
        Membership.objects.active_at(today)
        .filter(is_manager=True, node__in=[n.pk for n in nodes])
        .order_by("person__name")
        .values_list("node_id", "person__name")
    )
    for node_id, name in rows:
        managers[node_id].append(name)
    for n in nodes:
        n.managers = managers.get(n.pk, [])  # type: ignore[attr-defined]
    return in_tree_order(nodes)


T = TypeVar("T", bound=Model)


def in_tree_order(items: list[T]) -> list[T]:
    """``items`` (with ``parent_id``, ``sort_order``, ``code``) depth first, siblings by sort
    order then code, each with ``indent``: its level below the shallowest item shown. An item
    whose parent is not among ``items`` starts a tree of its own."""
    present = {item.pk for item in items}
    children: dict[int | None, list[T]] = defaultdict(list)
    for item in items:
        parent_id = item.parent_id  # type: ignore[attr-defined]
        children[parent_id if parent_id in present else None].append(item)
    ordered: list[T] = []

    def visit(parent_id: int | None, level: int) -> None:
        for item in sorted(children[parent_id], key=lambda i: (i.sort_order, i.code)):  # type: ignore[attr-defined]
            item.indent = level  # type: ignore[attr-defined]
            ordered.append(item)
            visit(item.pk, level + 1)

    visit(None, 0)
    return ordered


def node_members(node: OrgNode) -> QuerySet[Membership]:
    """Who belongs to ``node`` today (managers first)."""
    return (
        Membership.objects.active_at(timezone.localdate())
        .filter(node=node)
        .select_related("person")
        .order_by("-is_manager", "person__name")
    )


def people_visible(
    scope: Scope,
    *,
    node_id: int | None = None,
    active: bool | None = None,
    search: str = "",
) -> QuerySet[Person]:
    """People in scope, each annotated with the ``node_id`` and ``node_name`` of today's
    membership; ``node_id`` narrows to the people belonging to that node's subtree today."""
    qs = (
        scope.people()
        .select_related("user")
        .annotate(node_id=current_node_subquery(), node_name=current_node_subquery("node__name"))
        .order_by("employee_no")
    )
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
    search = search.strip()
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(employee_no__icontains=search)
            | Q(user__username__icontains=search)
        )
    return qs


def person_history(person: Person) -> QuerySet[Membership]:
    return person.memberships.select_related("node").order_by("-valid_from")


def person_of_user(user: AbstractBaseUser | AnonymousUser) -> Person | None:
    if not user.is_authenticated:
        return None
    return Person.objects.filter(user_id=user.pk).first()


def person_with_node(person: Person) -> Person:
    return Person.objects.annotate(
        node_id=current_node_subquery(), node_name=current_node_subquery("node__name")
    ).get(pk=person.pk)


def api_tokens_of(user: AbstractBaseUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("-is_active", "-created_at")
