"""Draft rounds: open one, read it, submit one's own draft, review a draft."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import request_scope
from salestarget.targets.api.common import target_in_scope
from salestarget.targets.models import DraftRound, TargetDraft
from salestarget.targets.permissions import can_manage
from salestarget.targets.services import drafts
from salestarget.ui.params import path_id

router = Router()
TargetId = Annotated[int, path_id("the target")]
RoundId = Annotated[int, path_id("the draft round")]
DraftId = Annotated[int, path_id("the draft")]


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


def _round(request: AuthenticatedRequest, round_id: RoundId) -> tuple[DraftRound, bool]:
    rnd = get_object_or_404(DraftRound.objects.select_related("target__node"), pk=round_id)
    scope = request_scope(request)
    manager = can_manage(scope, rnd.target)
    if not manager and not _own_drafts(rnd, scope.person_id).exists():
        raise Http404
    return rnd, manager


def _own_drafts(rnd: DraftRound, person_id: int | None) -> QuerySet[TargetDraft]:
    # A caller without a person record has no draft (every draft names a person).
    return rnd.drafts.filter(person_id=person_id) if person_id is not None else rnd.drafts.none()


def _round_out(rnd: DraftRound, manager: bool, person_id: int | None) -> dict[str, Any]:
    qs = rnd.drafts.all() if manager else _own_drafts(rnd, person_id)
    return {
        "id": rnd.pk,
        "target_id": rnd.target_id,
        "status": rnd.status,
        "deadline": rnd.deadline,
        "drafts": list(qs),
    }


@router.post("/targets/{target_id}/rounds", response={201: RoundOut})
def open_round(request: AuthenticatedRequest, target_id: TargetId, payload: RoundIn) -> Any:
    target = target_in_scope(request, target_id)
    rnd = drafts.round_open(
        target=target, by=request.user, deadline=payload.deadline, note=payload.note
    )
    return Status(201, _round_out(rnd, True, None))


@router.get("/rounds/{round_id}", response=RoundOut)
def get_round(request: AuthenticatedRequest, round_id: RoundId) -> Any:
    rnd, manager = _round(request, round_id)
    return _round_out(rnd, manager, request_scope(request).person_id)


@router.put("/rounds/{round_id}/my-draft", response=DraftOut)
def submit_my_draft(request: AuthenticatedRequest, round_id: RoundId, payload: DraftIn) -> Any:
    rnd, _manager = _round(request, round_id)
    draft = _own_drafts(rnd, request_scope(request).person_id).first()
    if draft is None:
        raise PermissionDenied("you are not asked for a draft in this round")
    return drafts.draft_submit(draft=draft, by=request.user, **payload.dict())


@router.post("/drafts/{draft_id}/review", response=DraftOut)
def review_draft(request: AuthenticatedRequest, draft_id: DraftId, payload: ReviewIn) -> Any:
    draft = get_object_or_404(TargetDraft.objects.select_related("round"), pk=draft_id)
    _rnd, manager = _round(request, draft.round_id)
    if not manager:
        raise PermissionDenied("only the manager reviews drafts")
    return drafts.draft_review(draft=draft, by=request.user, **payload.dict())
