"""Decomposition: preview and save a split, and move it through its workflow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Path, Router, Schema, Status

from salestarget.http import AuthenticatedRequest
from salestarget.targets.api.common import NoteIn, conflict, target_in_scope
from salestarget.targets.queries.decomposition import (
    DecompositionSpec,
    Preview,
    PreviewRow,
    decomposition_preview,
)
from salestarget.targets.services import workflow
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.history import VersionConflictError
from salestarget.ui.choices import choice_refused
from salestarget.ui.params import path_id

router = Router()
TargetId = Annotated[int, path_id("the target")]


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
    reason: str = ""

    def spec(self) -> DecompositionSpec:
        return DecompositionSpec(
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


class SplitSaveIn(SplitIn):
    # Required: a split without it would silently replace one saved in between (409 instead).
    version: int


class PreviewRowOut(Schema):
    key: str
    label: str
    value: Decimal
    share: Decimal | None
    base_value: Decimal | None
    challenge_value: Decimal | None
    last_year: Decimal | None = Field(
        description="the same span last year (what a split by last year's share weighs); "
        "when `last_year_paced`, finished at the year before's pace"
    )
    growth: Decimal | None
    last_year_partial: bool = Field(
        default=False,
        description="its year-ago span runs past the last day with facts and there was no "
        "year before to finish it by: `last_year` is last year so far and `growth` is against "
        "an incomplete year (see `last_year_through`)",
    )
    last_year_paced: bool = Field(
        default=False,
        description="its year-ago span runs past the last day with facts, and `last_year` is "
        "finished at the year before's pace: the facts so far × the year before's whole span "
        "÷ the year before's figure to the same day; a span with no facts yet: the year "
        "before's span × last year's pace since the start of the split's year-ago span (sums "
        "only)",
    )
    last_year_so_far: Decimal | None = Field(
        default=None,
        description="the facts behind a paced `last_year`, to `last_year_through` (null when "
        "not paced, or no facts yet)",
    )
    old_value: Decimal | None
    is_new: bool
    outlier: list[str] = Field(
        default=[],
        description="why the share is warned about before saving: target_zero, or "
        "target_below_floor (below the company's floor share of the split's median)",
    )
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
    last_year_through: dt.date | None = Field(
        default=None,
        description="the last day with facts when last year's span runs past it: every "
        "`last_year` marked `last_year_partial` stops on that day and its growth reads too "
        "high, every one marked `last_year_paced` is finished from that day at the year "
        "before's pace; null when last year is complete",
    )


class SplitOut(Schema):
    created: int
    updated: int
    removed: int
    summary: list[str]
    preview: PreviewOut


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
        "last_year_partial": row.last_year_partial,
        "last_year_paced": row.last_year_paced,
        "last_year_so_far": row.last_year_so_far,
        "old_value": row.old_value,
        "is_new": row.is_new,
        "outlier": [r.value for r in row.outlier],
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
        "last_year_through": preview.last_year_through,
    }


@router.post("/targets/{target_id}/decompose/preview", response=PreviewOut)
def preview_split(request: AuthenticatedRequest, target_id: TargetId, payload: SplitIn) -> Any:
    target = target_in_scope(request, target_id)
    return _preview_out(decomposition_preview(target=target, spec=payload.spec(), by=request.user))


@router.post("/targets/{target_id}/decompose", response={201: SplitOut, 409: dict})
def save_split(request: AuthenticatedRequest, target_id: TargetId, payload: SplitSaveIn) -> Any:
    target = target_in_scope(request, target_id)
    try:
        outcome = target_decompose(
            target=target,
            spec=payload.spec(),
            by=request.user,
            expected_version=payload.version,
            reason=payload.reason,
        )
    except VersionConflictError as exc:
        return conflict(exc)
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


SPLIT_ACTIONS = ("submit", "approve", "return")


@router.post("/targets/{target_id}/split/{action}", response=dict)
def split_transition(
    request: AuthenticatedRequest,
    target_id: TargetId,
    payload: NoteIn,
    action: str = Path(..., description="the step of the split: submit, approve or return"),
) -> Any:
    target = target_in_scope(request, target_id)
    if action not in SPLIT_ACTIONS:
        raise choice_refused("action", action, SPLIT_ACTIONS)
    if action == "submit":
        count = workflow.decomposition_submit(target=target, by=request.user)
    elif action == "approve":
        count = workflow.decomposition_approve(target=target, by=request.user, note=payload.note)
    else:
        count = workflow.decomposition_return(target=target, by=request.user, note=payload.note)
    return {"moved": count}
