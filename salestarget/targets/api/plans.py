"""Plans and targets: create, read, edit, delete, the plan's workflow and history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Router, Schema, Status
from ninja.pagination import paginate

from salestarget.http import AuthenticatedRequest
from salestarget.org.models import OrgNode
from salestarget.org.scoping import request_scope
from salestarget.targets import queries
from salestarget.targets.api.common import ChangeOut, NoteIn, conflict, target_in_scope
from salestarget.targets.services import workflow
from salestarget.targets.services.history import VersionConflictError
from salestarget.targets.services.plans import plan_create, plan_delete, plan_update, target_update
from salestarget.ui.choices import choice_refused
from salestarget.ui.params import DB_MAX, patch_nulls_refused, path_id

router = Router()
PlanId = Annotated[int, path_id("the target plan")]
TargetId = Annotated[int, path_id("the target")]


class PlanIn(Schema):
    name: str
    metric: str
    period: str
    scope_node_id: int
    owner_id: int | None = Field(
        None, description="the person who owns the plan; default: the unit's manager, else you"
    )
    value: Decimal
    base_value: Decimal | None = None
    challenge_value: Decimal | None = None
    progress_basis: str = ""
    proposal_method: str = ""
    description: str = ""


class PlanPatch(Schema):
    name: str | None = None
    description: str | None = None
    owner_id: int | None = None
    progress_basis: str | None = None
    threshold_ahead: Decimal | None = None
    threshold_on_track: Decimal | None = None
    threshold_at_risk: Decimal | None = None


class PlanOut(Schema):
    id: int
    name: str
    metric: str
    period: str
    scope_node_id: int
    owner_id: int
    status: str
    version: int
    root_target_id: int | None = None


class TargetOut(Schema):
    id: int
    plan_id: int
    parent_id: int | None
    label: str
    metric: str
    period: str
    period_start: dt.date
    period_end: dt.date
    node_id: int | None
    person_id: int | None
    product_category_id: int | None
    product_line_id: int | None
    product_id: int | None
    region_id: int | None
    customer_type_id: int | None
    channel_id: int | None
    value: Decimal
    base_value: Decimal | None
    challenge_value: Decimal | None
    split_axes: str
    split_method: str
    uplift_pct: Decimal
    status: str
    version: int


class TargetPatch(Schema):
    version: int
    value: Decimal | None = None
    base_value: Decimal | None = None
    challenge_value: Decimal | None = None
    reason: str = ""


def _plan_out(plan: Any) -> dict[str, Any]:
    root = plan.root
    return {
        "id": plan.pk,
        "name": plan.name,
        "metric": plan.metric,
        "period": plan.period,
        "scope_node_id": plan.scope_node_id,
        "owner_id": plan.owner_id,
        "status": plan.status,
        "version": plan.version,
        "root_target_id": root.pk if root else None,
    }


@router.get("/plans", response=list[PlanOut])
@paginate
def list_plans(request: AuthenticatedRequest) -> Any:
    return [_plan_out(p) for p in queries.plans_visible(request_scope(request))]


@router.post("/plans", response={201: PlanOut})
def create_plan(request: AuthenticatedRequest, payload: PlanIn) -> Any:
    scope = request_scope(request)
    node = scope.nodes().filter(pk=payload.scope_node_id).first()
    owner = None
    if payload.owner_id is not None:
        owner = scope.people().filter(pk=payload.owner_id).first()
    errors = {}
    if node is None:
        errors["scope_node_id"] = ["unknown or outside your scope"]
    if payload.owner_id is not None and owner is None:
        errors["owner_id"] = ["unknown or outside your scope"]
    if errors:
        raise ValidationError(errors)
    assert isinstance(node, OrgNode)
    plan = plan_create(
        by=request.user,
        name=payload.name,
        metric=payload.metric,
        period=payload.period,
        scope_node=node,
        owner=owner,
        value=payload.value,
        base_value=payload.base_value,
        challenge_value=payload.challenge_value,
        progress_basis=payload.progress_basis,
        proposal_method=payload.proposal_method,
        description=payload.description,
    )
    return Status(201, _plan_out(plan))


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request: AuthenticatedRequest, plan_id: PlanId) -> Any:
    plan = get_object_or_404(queries.plans_visible(request_scope(request)), pk=plan_id)
    return _plan_out(plan)


@router.patch("/plans/{plan_id}", response=PlanOut)
def patch_plan(request: AuthenticatedRequest, plan_id: PlanId, payload: PlanPatch) -> Any:
    scope = request_scope(request)
    plan = get_object_or_404(queries.plans_visible(scope), pk=plan_id)
    fields = payload.dict(exclude_unset=True)
    patch_nulls_refused(plan, fields)
    if "owner_id" in fields:
        owner = scope.people().filter(pk=fields.pop("owner_id")).first()
        if owner is None:
            raise ValidationError({"owner_id": ["unknown or outside your scope"]})
        fields["owner"] = owner
    return _plan_out(plan_update(plan=plan, by=request.user, **fields))


@router.delete("/plans/{plan_id}", response={204: None})
def delete_plan(request: AuthenticatedRequest, plan_id: PlanId) -> Any:
    plan = get_object_or_404(queries.plans_visible(request_scope(request)), pk=plan_id)
    plan_delete(plan=plan, by=request.user)
    return Status(204, None)


@router.get("/plans/{plan_id}/targets", response=list[TargetOut])
def plan_targets(request: AuthenticatedRequest, plan_id: PlanId) -> Any:
    scope = request_scope(request)
    plan = get_object_or_404(queries.plans_visible(scope), pk=plan_id)
    return queries.plan_targets(plan, scope)


# Before /plans/{plan_id}/{action}: Django tries the URL patterns in order, and the
# action's (POST only) would answer this GET with a 405.
@router.get("/plans/{plan_id}/history", response=list[ChangeOut])
@paginate
def plan_history(
    request: AuthenticatedRequest,
    plan_id: int = Path(..., ge=1, le=DB_MAX, description="id of the target plan (1 … 2⁶³−1)"),
) -> Any:
    scope = request_scope(request)
    plan = get_object_or_404(queries.plans_visible(scope), pk=plan_id)
    return queries.plan_history(plan, scope).order_by("at", "pk")


PLAN_ACTIONS = ("submit", "approve", "return", "lock")


@router.post("/plans/{plan_id}/{action}", response=PlanOut)
def plan_transition(
    request: AuthenticatedRequest,
    plan_id: PlanId,
    payload: NoteIn,
    action: str = Path(..., description="the step: submit, approve, return (to draft) or lock"),
) -> Any:
    plan = get_object_or_404(queries.plans_visible(request_scope(request)), pk=plan_id)
    if action not in PLAN_ACTIONS:
        raise choice_refused("action", action, PLAN_ACTIONS)
    if action == "submit":
        workflow.plan_submit(plan=plan, by=request.user)
    elif action == "approve":
        workflow.plan_approve(plan=plan, by=request.user, note=payload.note)
    elif action == "return":
        workflow.plan_return(plan=plan, by=request.user, note=payload.note)
    else:
        workflow.plan_lock(plan=plan, by=request.user)
    return _plan_out(plan)


@router.get("/targets/{target_id}", response=TargetOut)
def get_target(request: AuthenticatedRequest, target_id: TargetId) -> Any:
    return target_in_scope(request, target_id)


@router.patch("/targets/{target_id}", response={200: TargetOut, 409: dict})
def patch_target(request: AuthenticatedRequest, target_id: TargetId, payload: TargetPatch) -> Any:
    target = target_in_scope(request, target_id)
    figures = payload.dict(exclude_unset=True, include={"value", "base_value", "challenge_value"})
    try:
        return target_update(
            target=target,
            by=request.user,
            expected_version=payload.version,
            reason=payload.reason,
            **figures,
        )
    except VersionConflictError as exc:
        return conflict(exc)


@router.get("/targets/{target_id}/history", response=list[ChangeOut])
def target_history(request: AuthenticatedRequest, target_id: TargetId) -> Any:
    return queries.target_history(target_in_scope(request, target_id)).order_by("at", "pk")
