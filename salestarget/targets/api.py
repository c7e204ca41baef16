"""Targets over the API (/api/targets/): plans, the tree, decomposition preview and save,
drafts, workflow transitions, adjustments and history, through the same services and scoping
as the pages. A stale version answers 409 with what changed since."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import request_scope
from salestarget.targets import queries
from salestarget.targets.models import DraftRound, TargetDraft
from salestarget.targets.permissions import can_manage
from salestarget.targets.services import adjustments, drafts, workflow
from salestarget.targets.services.decomposition import (
    Preview,
    PreviewRow,
    SplitSpec,
    decomposition_preview,
    plan_decompose,
)
from salestarget.targets.services.history import VersionConflictError
from salestarget.targets.services.plans import plan_create, plan_delete, plan_update, target_update

router = Router(tags=["targets"])


# -- schemas ------------------------------------------------------------------------------------


class PlanIn(Schema):
    name: str
    metric: str
    period: str
    scope_node_id: int
    owner_id: int
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


class SplitIn(Schema):
    axes: list[str]
    method: str = "equal"
    uplift_pct: Decimal = Decimal(0)
    weights: dict[str, Decimal] = {}
    capacity: dict[str, dict[str, Decimal]] = {}
    column_method: str = "history"
    column_weights: dict[str, Decimal] = {}
    history_years: int = 1
    round_id: int | None = None
    version: int | None = None
    reason: str = ""

    def spec(self) -> SplitSpec:
        return SplitSpec(
            axes=tuple(self.axes),
            method=self.method,
            uplift_pct=self.uplift_pct,
            weights=dict(self.weights),
            capacity={k: dict(v) for k, v in self.capacity.items()},
            column_method=self.column_method,
            column_weights=dict(self.column_weights),
            history_years=self.history_years,
            round_id=self.round_id,
        )


class PreviewRowOut(Schema):
    key: str
    label: str
    value: Decimal
    share: Decimal | None
    base_value: Decimal | None
    challenge_value: Decimal | None
    last_year: Decimal | None
    growth: Decimal | None
    old_value: Decimal | None
    is_new: bool
    cells: list[PreviewRowOut] = []


PreviewRowOut.model_rebuild()


class PreviewOut(Schema):
    method: str
    base_total: Decimal
    uplift_pct: Decimal
    uplift_amount: Decimal
    total: Decimal
    rows: list[PreviewRowOut]
    notes: list[str]
    replaces: bool
    removed: list[str]


class SplitOut(Schema):
    created: int
    updated: int
    removed: int
    summary: list[str]
    preview: PreviewOut


class NoteIn(Schema):
    note: str = ""


class RoundIn(Schema):
    deadline: dt.datetime | None = None
    note: str = ""


class DraftOut(Schema):
    id: int
    round_id: int
    person_id: int
    base_value: Decimal | None
    challenge_value: Decimal | None
    obstacles: str
    resources: str
    status: str
    agreed_value: Decimal | None
    manager_note: str
    version: int


class RoundOut(Schema):
    id: int
    target_id: int
    status: str
    deadline: dt.datetime | None
    drafts: list[DraftOut]


class DraftIn(Schema):
    base_value: Decimal
    challenge_value: Decimal
    obstacles: str = ""
    resources: str = ""


class ReviewIn(Schema):
    action: str
    agreed_value: Decimal | None = None
    note: str = ""


class AdjustmentIn(Schema):
    new_value: Decimal
    new_base_value: Decimal | None = None
    new_challenge_value: Decimal | None = None
    reason_category: str
    reason: str
    redistribute: bool = True


class AdjustmentOut(Schema):
    id: int
    target_id: int | None
    target_label: str
    old_value: Decimal
    new_value: Decimal
    reason_category: str
    reason: str
    redistribute: bool
    state: str
    requested_by_id: int | None
    decided_by_id: int | None


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class ChangeOut(Schema):
    id: int
    target_id: int | None
    target_label: str
    kind: str
    field: str
    old_value: Decimal | None
    new_value: Decimal | None
    old_status: str
    new_status: str
    version: int
    reason: str
    by: str | None
    at: dt.datetime

    @staticmethod
    def resolve_by(obj: Any) -> str | None:
        return obj.by.get_username() if obj.by else None


# -- helpers ------------------------------------------------------------------------------------


def _conflict(exc: VersionConflictError) -> Status:
    return Status(409, exc.as_dict())


def _target(request: HttpRequest, target_id: int) -> Any:
    target = (
        queries.targets_visible(request_scope(request))
        .select_related("plan")
        .filter(pk=target_id)
        .first()
    )
    if target is None:
        raise Http404
    return target


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


def _row_out(row: PreviewRow) -> dict[str, Any]:
    return {
        "key": row.key,
        "label": row.label,
        "value": row.value,
        "share": row.share,
        "base_value": row.base_value,
        "challenge_value": row.challenge_value,
        "last_year": row.last_year,
        "growth": row.growth,
        "old_value": row.old_value,
        "is_new": row.is_new,
        "cells": [_row_out(c) for c in row.cells],
    }


def _preview_out(preview: Preview) -> dict[str, Any]:
    return {
        "method": preview.method,
        "base_total": preview.base_total,
        "uplift_pct": preview.spec.uplift_pct,
        "uplift_amount": preview.uplift_amount,
        "total": preview.total,
        "rows": [_row_out(r) for r in preview.rows],
        "notes": preview.notes,
        "replaces": preview.replaces,
        "removed": [t.label for t in preview.removed],
    }


def _round(request: HttpRequest, round_id: int) -> tuple[DraftRound, bool]:
    rnd = get_object_or_404(DraftRound.objects.select_related("target__node"), pk=round_id)
    scope = request_scope(request)
    manager = can_manage(scope, rnd.target)
    if not manager and not rnd.drafts.filter(person_id=scope.person_id).exists():
        raise Http404
    return rnd, manager


def _round_out(rnd: DraftRound, manager: bool, person_id: int | None) -> dict[str, Any]:
    qs = rnd.drafts.all() if manager else rnd.drafts.filter(person_id=person_id)
    return {
        "id": rnd.pk,
        "target_id": rnd.target_id,
        "status": rnd.status,
        "deadline": rnd.deadline,
        "drafts": list(qs),
    }


# -- plans and targets --------------------------------------------------------------------------


@router.get("/plans", response=list[PlanOut])
@paginate
def list_plans(request: HttpRequest) -> Any:
    return [_plan_out(p) for p in queries.plans_visible(request_scope(request))]


@router.post("/plans", response={201: PlanOut})
def create_plan(request: HttpRequest, payload: PlanIn) -> Any:
    scope = request_scope(request)
    node = scope.nodes().filter(pk=payload.scope_node_id).first()
    owner = scope.people().filter(pk=payload.owner_id).first()
    errors = {}
    if node is None:
        errors["scope_node_id"] = ["unknown or outside your scope"]
    if owner is None:
        errors["owner_id"] = ["unknown or outside your scope"]
    if errors:
        raise ValidationError(errors)
    assert isinstance(node, OrgNode)
    assert isinstance(owner, Person)
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
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = get_object_or_404(queries.plans_visible(request_scope(request)), pk=plan_id)
    return _plan_out(plan)


@router.patch("/plans/{plan_id}", response=PlanOut)
def patch_plan(request: HttpRequest, plan_id: int, payload: PlanPatch) -> Any:
    scope = request_scope(request)
    plan = get_object_or_404(queries.plans_visible(scope), pk=plan_id)
    fields = payload.dict(exclude_unset=True)
    if "owner_id" in fields:
        owner = scope.people().filter(pk=fields.pop("owner_id")).first()
        if owner is None:
            raise ValidationError({"owner_id": ["unknown or outside your scope"]})
        fields["owner"] = owner
    return _plan_out(plan_update(plan=plan, by=request.user, **fields))


@router.delete("/plans/{plan_id}", response={204: None})
def delete_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = get_object_or_404(queries.plans_visible(request_scope(request)), pk=plan_id)
    plan_delete(plan=plan, by=request.user)
    return Status(204, None)


@router.get("/plans/{plan_id}/targets", response=list[TargetOut])
def plan_targets(request: HttpRequest, plan_id: int) -> Any:
    scope = request_scope(request)
    plan = get_object_or_404(queries.plans_visible(scope), pk=plan_id)
    return queries.plan_targets(plan, scope)


@router.post("/plans/{plan_id}/{action}", response=PlanOut)
def plan_transition(request: HttpRequest, plan_id: int, action: str, payload: NoteIn) -> Any:
    plan = get_object_or_404(queries.plans_visible(request_scope(request)), pk=plan_id)
    if action == "submit":
        workflow.plan_submit(plan=plan, by=request.user)
    elif action == "approve":
        workflow.plan_approve(plan=plan, by=request.user, note=payload.note)
    elif action == "return":
        workflow.plan_return(plan=plan, by=request.user, note=payload.note)
    elif action == "lock":
        workflow.plan_lock(plan=plan, by=request.user)
    else:
        raise Http404
    return _plan_out(plan)


@router.get("/plans/{plan_id}/history", response=list[ChangeOut])
@paginate
def plan_history(request: HttpRequest, plan_id: int) -> Any:
    scope = request_scope(request)
    plan = get_object_or_404(queries.plans_visible(scope), pk=plan_id)
    return queries.plan_history(plan, scope).order_by("at", "pk")


@router.get("/targets/{target_id}", response=TargetOut)
def get_target(request: HttpRequest, target_id: int) -> Any:
    return _target(request, target_id)


@router.patch("/targets/{target_id}", response={200: TargetOut, 409: dict})
def patch_target(request: HttpRequest, target_id: int, payload: TargetPatch) -> Any:
    target = _target(request, target_id)
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
        return _conflict(exc)


@router.get("/targets/{target_id}/history", response=list[ChangeOut])
def target_history(request: HttpRequest, target_id: int) -> Any:
    return queries.target_history(_target(request, target_id)).order_by("at", "pk")


@router.post("/targets/{target_id}/decompose/preview", response=PreviewOut)
def preview_split(request: HttpRequest, target_id: int, payload: SplitIn) -> Any:
    target = _target(request, target_id)
    return _preview_out(decomposition_preview(target=target, spec=payload.spec(), by=request.user))


@router.post("/targets/{target_id}/decompose", response={201: SplitOut, 409: dict})
def save_split(request: HttpRequest, target_id: int, payload: SplitIn) -> Any:
    target = _target(request, target_id)
    try:
        outcome = plan_decompose(
            target=target,
            spec=payload.spec(),
            by=request.user,
            expected_version=payload.version,
            reason=payload.reason,
        )
    except VersionConflictError as exc:
        return _conflict(exc)
    return Status(
        201,
        {
            "created": outcome.created,
            "updated": outcome.updated,
            "removed": outcome.removed,
            "summary": outcome.summary,
            "preview": _preview_out(outcome.preview),
        },
    )


@router.post("/targets/{target_id}/split/{action}", response=dict)
def split_transition(request: HttpRequest, target_id: int, action: str, payload: NoteIn) -> Any:
    target = _target(request, target_id)
    if action == "submit":
        count = workflow.split_submit(target=target, by=request.user)
    elif action == "approve":
        count = workflow.split_approve(target=target, by=request.user, note=payload.note)
    elif action == "return":
        count = workflow.split_return(target=target, by=request.user, note=payload.note)
    else:
        raise Http404
    return {"moved": count}


# -- drafts -------------------------------------------------------------------------------------


@router.post("/targets/{target_id}/rounds", response={201: RoundOut})
def open_round(request: HttpRequest, target_id: int, payload: RoundIn) -> Any:
    target = _target(request, target_id)
    rnd = drafts.round_open(
        target=target, by=request.user, deadline=payload.deadline, note=payload.note
    )
    return Status(201, _round_out(rnd, True, None))


@router.get("/rounds/{round_id}", response=RoundOut)
def get_round(request: HttpRequest, round_id: int) -> Any:
    rnd, manager = _round(request, round_id)
    return _round_out(rnd, manager, request_scope(request).person_id)


@router.put("/rounds/{round_id}/my-draft", response=DraftOut)
def submit_my_draft(request: HttpRequest, round_id: int, payload: DraftIn) -> Any:
    rnd, _manager = _round(request, round_id)
    draft = rnd.drafts.filter(person_id=request_scope(request).person_id).first()
    if draft is None:
        raise PermissionDenied("you are not asked for a draft in this round")
    return drafts.draft_submit(draft=draft, by=request.user, **payload.dict())


@router.post("/drafts/{draft_id}/review", response=DraftOut)
def review_draft(request: HttpRequest, draft_id: int, payload: ReviewIn) -> Any:
    draft = get_object_or_404(TargetDraft.objects.select_related("round"), pk=draft_id)
    _rnd, manager = _round(request, draft.round_id)
    if not manager:
        raise PermissionDenied("only the manager reviews drafts")
    return drafts.draft_review(draft=draft, by=request.user, **payload.dict())


# -- adjustments --------------------------------------------------------------------------------


@router.get("/adjustments", response=list[AdjustmentOut])
@paginate
def list_adjustments(request: HttpRequest, state: str | None = None) -> Any:
    qs = queries.adjustments_visible(request_scope(request)).order_by("-requested_at")
    return qs.filter(state=state) if state else qs


@router.post("/targets/{target_id}/adjustments", response={201: AdjustmentOut})
def request_adjustment(request: HttpRequest, target_id: int, payload: AdjustmentIn) -> Any:
    target = _target(request, target_id)
    return Status(
        201, adjustments.adjustment_request(target=target, by=request.user, **payload.dict())
    )


@router.post("/adjustments/{adjustment_id}/decision", response=AdjustmentOut)
def decide_adjustment(request: HttpRequest, adjustment_id: int, payload: DecisionIn) -> Any:
    adjustment = get_object_or_404(
        queries.adjustments_visible(request_scope(request)), pk=adjustment_id
    )
    return adjustments.adjustment_decide(
        adjustment=adjustment, by=request.user, approve=payload.approve, note=payload.note
    )
