"""Adjustments: list, request and decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import request_scope
from salestarget.targets import queries
from salestarget.targets.api.common import target_in_scope
from salestarget.targets.models.adjustments import AdjustmentRequest
from salestarget.targets.services import adjustments
from salestarget.ui.choices import choice_refused
from salestarget.ui.params import path_id

router = Router()
TargetId = Annotated[int, path_id("the target")]
AdjustmentId = Annotated[int, path_id("the adjustment request")]


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


@router.get("/adjustments", response=list[AdjustmentOut])
@paginate
def list_adjustments(
    request: AuthenticatedRequest,
    # A str, not a Literal: @paginate resolves this module's string annotations in its own.
    state: str | None = Query(
        None, description="only requests in this state: pending, approved, rejected"
    ),
) -> Any:
    if state and state not in AdjustmentRequest.State.values:
        raise choice_refused("state", state, AdjustmentRequest.State.values)
    qs = queries.adjustments_visible(request_scope(request)).order_by("-requested_at")
    return qs.filter(state=state) if state else qs


@router.post("/targets/{target_id}/adjustments", response={201: AdjustmentOut})
def request_adjustment(
    request: AuthenticatedRequest, target_id: TargetId, payload: AdjustmentIn
) -> Any:
    target = target_in_scope(request, target_id)
    return Status(
        201, adjustments.adjustment_request(target=target, by=request.user, **payload.dict())
    )


@router.post("/adjustments/{adjustment_id}/decision", response=AdjustmentOut)
def decide_adjustment(
    request: AuthenticatedRequest, adjustment_id: AdjustmentId, payload: DecisionIn
) -> Any:
    adjustment = get_object_or_404(
        queries.adjustments_visible(request_scope(request)), pk=adjustment_id
    )
    return adjustments.adjustment_decide(
        adjustment=adjustment, by=request.user, approve=payload.approve, note=payload.note
    )
