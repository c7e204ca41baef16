"""Org master data over the API: the tree and the people, as far as the caller's scope reaches."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from salestarget.org import queries
from salestarget.org.scoping import request_scope

router = Router(tags=["org"])


class OrgNodeOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    depth: int
    is_active: bool


class MembershipOut(Schema):
    node_id: int
    valid_from: dt.date
    valid_to: dt.date | None
    is_manager: bool


class PersonOut(Schema):
    id: int
    employee_no: str
    name: str
    email: str
    role: str
    is_active: bool
    node_id: int | None = None


class MeOut(Schema):
    username: str
    role: str | None
    person: PersonOut | None
    scope_node_ids: list[int]


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, object]:
    scope = request_scope(request)
    person = queries.person_of_user(request.user)
    return {
        "username": request.user.get_username(),
        "role": scope.role,
        "person": queries.person_with_node(person) if person else None,
        "scope_node_ids": list(scope.nodes().values_list("pk", flat=True)),
    }


@router.get("/nodes", response=list[OrgNodeOut])
@paginate
def list_nodes(request: HttpRequest, active: bool | None = None) -> object:
    return queries.nodes_visible(request_scope(request), active=active)


@router.get("/nodes/{node_id}", response=OrgNodeOut)
def get_node(request: HttpRequest, node_id: int) -> object:
    return get_object_or_404(queries.nodes_visible(request_scope(request)), pk=node_id)


@router.get("/people", response=list[PersonOut])
@paginate
def list_people(
    request: HttpRequest, node_id: int | None = None, active: bool | None = None
) -> object:
    return queries.people_visible(request_scope(request), node_id=node_id, active=active)


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> object:
    return get_object_or_404(queries.people_visible(request_scope(request)), pk=person_id)


@router.get("/people/{person_id}/memberships", response=list[MembershipOut])
def person_memberships(request: HttpRequest, person_id: int) -> object:
    person = get_object_or_404(queries.people_visible(request_scope(request)), pk=person_id)
    return person.memberships.order_by("valid_from")
