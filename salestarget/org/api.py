"""Org master data over the API: the tree and the people, as far as the caller's scope reaches.

Reads follow the caller's scope (outside it: 404). Writes are for admin and finance (else
403) and go through ``org.services``, so they check exactly what the pages check (422 with
the errors by field).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from salestarget.org import queries, services
from salestarget.org.models import CompanySettings, OrgNode, Person, ProgressBasis
from salestarget.org.scoping import request_scope
from salestarget.ui.params import patch_nulls_refused, path_id, query_id

router = Router(tags=["org"])
NodeId = Annotated[int, path_id("the org node")]
PersonId = Annotated[int, path_id("the person")]


def _batches() -> None:
    """POST /api/org/nodes/batch and /api/org/people/batch (the import's checks). First, so
    that "batch" is not taken for a node's or a person's id by the routes below."""
    from salestarget.importing.api import master_batch_endpoint
    from salestarget.org.importing.nodes import ORG_NODES
    from salestarget.org.importing.people import PEOPLE

    master_batch_endpoint(router, "/nodes/batch", ORG_NODES)
    master_batch_endpoint(router, "/people/batch", PEOPLE)


_batches()


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
def list_nodes(
    request: HttpRequest,
    active: bool | None = Query(
        None, description="true: only active nodes, false: only deactivated ones; default all"
    ),
) -> object:
    return queries.nodes_visible(request_scope(request), active=active)


@router.get("/nodes/{node_id}", response=OrgNodeOut)
def get_node(request: HttpRequest, node_id: NodeId) -> object:
    return get_object_or_404(queries.nodes_visible(request_scope(request)), pk=node_id)


@router.get("/people", response=list[PersonOut])
@paginate
def list_people(
    request: HttpRequest,
    node_id: int | None = query_id("only the people of this org node and the nodes below it"),
    active: bool | None = Query(
        None, description="true: only people in post, false: only those who left; default all"
    ),
) -> object:
    return queries.people_visible(request_scope(request), node_id=node_id, active=active)


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: PersonId) -> object:
    return get_object_or_404(queries.people_visible(request_scope(request)), pk=person_id)


@router.get("/people/{person_id}/memberships", response=list[MembershipOut])
def person_memberships(request: HttpRequest, person_id: PersonId) -> object:
    person = get_object_or_404(queries.people_visible(request_scope(request)), pk=person_id)
    return person.memberships.order_by("valid_from")


# --- writes (admin and finance; the same services and rules as the pages) --------------------


class OrgNodeIn(Schema):
    parent_id: int | None
    code: str
    name: str
    kind: str
    region_id: int | None = None
    sort_order: int = 0


class OrgNodePatch(Schema):
    parent_id: int | None = None
    code: str | None = None
    name: str | None = None
    kind: str | None = None
    region_id: int | None = None
    sort_order: int | None = None


class PersonIn(Schema):
    employee_no: str
    name: str
    email: str = ""
    phone: str = ""
    role: str = "rep"
    hired_on: dt.date | None = None
    node_id: int
    valid_from: dt.date
    is_manager: bool = False


class PersonPatch(Schema):
    employee_no: str | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None
    hired_on: dt.date | None = None
    left_on: dt.date | None = None


class PersonMoveIn(Schema):
    to_node_id: int
    on: dt.date
    is_manager: bool = False


class PersonAccountIn(Schema):
    role: str
    username: str = ""
    password: str = ""


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class ErrorOut(Schema):
    detail: str


WRITE_ERRORS: dict[int, object] = {403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def apply_patch(obj: Model, payload: Schema) -> None:
    """Set the fields the request sent (and only those) on ``obj``; a ``null`` for a column
    that holds no null is a 422 naming the field, not a database error."""
    sent = payload.dict(exclude_unset=True)
    patch_nulls_refused(obj, sent)
    for name, value in sent.items():
        setattr(obj, name, value)


def _node_or_error(node_id: int, field: str) -> OrgNode:
    node = OrgNode.objects.filter(pk=node_id).first()
    if node is None:
        raise ValidationError({field: _("组织 %(id)s 不存在。") % {"id": node_id}})
    return node


@router.post("/nodes", response={201: OrgNodeOut, **WRITE_ERRORS})
def create_node(request: HttpRequest, payload: OrgNodeIn) -> object:
    node = OrgNode()
    apply_patch(node, payload)
    return Status(201, services.org_node_create(by=request_scope(request), node=node))


@router.patch("/nodes/{node_id}", response={200: OrgNodeOut, **WRITE_ERRORS})
def update_node(request: HttpRequest, node_id: NodeId, payload: OrgNodePatch) -> object:
    scope = request_scope(request)
    node = get_object_or_404(queries.nodes_visible(scope), pk=node_id)
    apply_patch(node, payload)
    return services.org_node_update(by=scope, node=node)


@router.post("/nodes/{node_id}/deactivate", response={200: OrgNodeOut, **WRITE_ERRORS})
def deactivate_node(request: HttpRequest, node_id: NodeId) -> object:
    scope = request_scope(request)
    node = get_object_or_404(queries.nodes_visible(scope), pk=node_id)
    return services.org_node_deactivate(by=scope, node=node)


@router.post("/nodes/{node_id}/activate", response={200: OrgNodeOut, **WRITE_ERRORS})
def activate_node(request: HttpRequest, node_id: NodeId) -> object:
    scope = request_scope(request)
    node = get_object_or_404(queries.nodes_visible(scope), pk=node_id)
    return services.org_node_activate(by=scope, node=node)


@router.post("/people", response={201: PersonOut, **WRITE_ERRORS})
def create_person(request: HttpRequest, payload: PersonIn) -> object:
    scope = request_scope(request)
    data = payload.dict()
    membership = {k: data.pop(k) for k in ("node_id", "valid_from", "is_manager")}
    person = services.person_create(
        by=scope,
        person=Person(**data),
        node=_node_or_error(membership["node_id"], "node_id"),
        valid_from=membership["valid_from"],
        is_manager=membership["is_manager"],
    )
    return Status(201, queries.person_with_node(person))


def _person(request: HttpRequest, person_id: PersonId) -> Person:
    return get_object_or_404(queries.people_visible(request_scope(request)), pk=person_id)


@router.patch("/people/{person_id}", response={200: PersonOut, **WRITE_ERRORS})
def update_person(request: HttpRequest, person_id: PersonId, payload: PersonPatch) -> object:
    person = _person(request, person_id)
    apply_patch(person, payload)
    services.person_update(by=request_scope(request), person=person)
    return queries.person_with_node(person)


@router.post("/people/{person_id}/move", response={201: MembershipOut, **WRITE_ERRORS})
def move_person(request: HttpRequest, person_id: PersonId, payload: PersonMoveIn) -> object:
    """Move a person to another node from a date; their history keeps the old node."""
    person = _person(request, person_id)
    membership = services.person_transfer(
        by=request_scope(request),
        person=person,
        to_node=_node_or_error(payload.to_node_id, "to_node_id"),
        on=payload.on,
        is_manager=payload.is_manager,
    )
    return Status(201, membership)


@router.post("/people/{person_id}/deactivate", response={200: PersonOut, **WRITE_ERRORS})
def deactivate_person(
    request: HttpRequest,
    person_id: PersonId,
    on: dt.date | None = Query(None, description="the first day without the person; default today"),
) -> object:
    """Somebody leaves from ``on`` (today by default): no node from then, login disabled."""
    person = _person(request, person_id)
    services.person_deactivate(by=request_scope(request), person=person, on=on)
    return queries.person_with_node(person)


@router.post("/people/{person_id}/activate", response={200: PersonOut, **WRITE_ERRORS})
def activate_person(request: HttpRequest, person_id: PersonId) -> object:
    person = _person(request, person_id)
    services.person_activate(by=request_scope(request), person=person)
    return queries.person_with_node(person)


@router.put("/people/{person_id}/account", response={200: PersonOut, **WRITE_ERRORS})
def set_person_account(
    request: HttpRequest, person_id: PersonId, payload: PersonAccountIn
) -> object:
    """Set a person's role and login (admin only)."""
    person = _person(request, person_id)
    services.person_account_set(by=request_scope(request), person=person, **payload.dict())
    return queries.person_with_node(person)


# --- company settings ------------------------------------------------------------------------


class CompanySettingsOut(Schema):
    name: str = Field(description="the company's name")
    currency: str = Field(description="ISO 4217 code of the one currency amounts are in")
    currency_decimals: int = Field(description="decimals of a money target (0 … 4)")
    fiscal_year_start_month: int = Field(description="the month a fiscal year starts (1 … 12)")
    default_progress_basis: str = Field(
        description="how time progress is counted when a plan says nothing: "
        + ", ".join(ProgressBasis.values)
    )
    outlier_achievement_bound: int = Field(
        description="an achievement above this percentage is flagged as an outlier (0: off)"
    )
    outlier_target_floor: int = Field(
        description="a target below this percentage of its peers' median is flagged (0: off)"
    )


class CompanySettingsPatch(Schema):
    name: str | None = None
    currency: str | None = None
    currency_decimals: int | None = None
    fiscal_year_start_month: int | None = None
    default_progress_basis: str | None = None
    outlier_achievement_bound: int | None = None
    outlier_target_floor: int | None = None

    model_config = ConfigDict(extra="forbid")


@router.get("/settings", response=CompanySettingsOut)
def company_settings(request: HttpRequest) -> object:
    """The company-wide settings, as every page reads them (anyone signed in)."""
    return CompanySettings.current()


@router.patch("/settings", response={200: CompanySettingsOut, **WRITE_ERRORS})
def update_company_settings(request: HttpRequest, payload: CompanySettingsPatch) -> object:
    """Change the fields sent (the administrator only)."""
    company = CompanySettings.current()
    apply_patch(company, payload)
    return services.company_settings_update(by=request_scope(request), company=company)
