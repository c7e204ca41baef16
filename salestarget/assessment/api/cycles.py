"""Cycles over the API: the cycles one may see, with the company's grade settings, and
opening one (``cycle_open``: those who run assessments, for a node in their scope) — whose
answer names the quantitative items some people have no target for in the period
(``untargeted``: those lines cannot be scored until the targets are set)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from salestarget.assessment.models import OPEN_STEPS, AssessmentCycle
from salestarget.assessment.permissions import can_run
from salestarget.assessment.queries.cards import cycles_visible
from salestarget.assessment.queries.review_progress import review_progress
from salestarget.assessment.queries.scoring import untargeted_items
from salestarget.assessment.services.cycles import cycle_open
from salestarget.org.scoping import request_scope
from salestarget.ui.params import Id, path_id

router = Router()
CycleId = Annotated[int, path_id("the assessment cycle")]

Score = Annotated[Decimal, Field(ge=0, le=10_000, max_digits=7, decimal_places=2)]
Share = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
GradeCode = Annotated[str, Field(min_length=1, max_length=20)]


class CycleOut(Schema):
    id: int
    name: str
    kind: str
    period: str
    period_start: dt.date
    period_end: dt.date
    step: str
    root_id: int
    grade_bands: list[tuple[str, Decimal]]
    distribution: dict[str, Decimal]
    enforcement: str
    min_group_size: int
    distribution_by: str


class UntargetedOut(Schema):
    item_id: int
    item: str
    metric: str
    person_ids: list[int]


class CycleOpened(CycleOut):
    untargeted: list[UntargetedOut] = Field(
        description="quantitative items some people have no target for in the period: "
        "their lines are not scored (the weight goes to the other items) until one is set"
    )


class GroupProgressOut(Schema):
    group: str = Field(description="self, manager, peer or customer")
    submitted: int
    owed: int = Field(description="asked for and not yet answered")


class OwingOut(Schema):
    name: str
    owed: int


class ReviewProgressOut(Schema):
    step: str
    open: bool = Field(description="whether reviews are still being given (self-review, reviews)")
    groups: list[GroupProgressOut]
    owing: list[OwingOut] = Field(description="the reviewers owing most, at most 20")
    owing_people: int = Field(description="how many people owe any review")
    customers_owed: int


class CycleIn(Schema):
    period: str = Field(max_length=30, description="2026-10, FY2026-Q4, FY2026-H1 or FY2026")
    root: Id
    roles: list[str] = Field(max_length=10)
    name: str = Field("", max_length=200)
    self_review_by: dt.datetime
    reviews_by: dt.datetime
    proposal_by: dt.datetime
    calibration_by: dt.datetime
    feedback_by: dt.datetime
    grade_bands: list[tuple[GradeCode, Score]] | None = Field(
        None, max_length=20, description="[[grade, lowest score], …], best first"
    )
    distribution: dict[GradeCode, Share] | None = Field(
        None, description="{grade: percent}, adding up to 100"
    )
    enforcement: Literal["warning", "enforced"] | None = None
    min_group_size: int | None = Field(None, ge=1, le=100_000)
    distribution_by: Literal["all", "unit", "node", "role"] | None = None


def _out(c: AssessmentCycle) -> dict[str, object]:
    return {
        "id": c.pk,
        "name": c.name,
        "kind": c.kind,
        "period": c.period,
        "period_start": c.period_start,
        "period_end": c.period_end,
        "step": c.step,
        "root_id": c.root_id,
        "grade_bands": [(str(code), Decimal(str(low))) for code, low in c.grade_bands],
        "distribution": {str(k): Decimal(str(v)) for k, v in c.distribution.items()},
        "enforcement": c.enforcement,
        "min_group_size": c.min_group_size,
        "distribution_by": c.distribution_by,
    }


def _text(value: Decimal) -> str:
    return f"{value.normalize():f}"


@router.get("/cycles", response=list[CycleOut])
def cycles(request: HttpRequest) -> list[dict[str, object]]:
    return [
        _out(c) for c in cycles_visible(request_scope(request)).distinct().order_by("-period_start")
    ]


@router.post("/cycles", response={201: CycleOpened})
def cycle_create(request: HttpRequest, payload: CycleIn) -> Status[dict[str, object]]:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    root = request_scope(request).nodes().filter(pk=payload.root).first()
    if root is None:
        raise ValidationError({"root": f"node {payload.root} is unknown or outside your scope"})
    cycle = cycle_open(
        period=payload.period,
        root=root,
        roles=payload.roles,
        name=payload.name,
        deadlines={
            f: getattr(payload, f)
            for f in (
                "self_review_by",
                "reviews_by",
                "proposal_by",
                "calibration_by",
                "feedback_by",
            )
        },
        enforcement=payload.enforcement or "",
        min_group_size=payload.min_group_size,
        grade_bands=(
            None
            if payload.grade_bands is None
            else [[code, _text(low)] for code, low in payload.grade_bands]
        ),
        distribution=(
            None
            if payload.distribution is None
            else {code: _text(share) for code, share in payload.distribution.items()}
        ),
        distribution_by=payload.distribution_by or "",
        by=user,
    )
    untargeted = [
        {
            "item_id": u.item.pk,
            "item": u.item.name,
            "metric": u.item.metric,
            "person_ids": [pk for pk, _name in u.people],
        }
        for u in untargeted_items(cycle)
    ]
    return Status(201, {**_out(cycle), "untargeted": untargeted})


@router.get("/cycles/{pk}/review-progress", response=ReviewProgressOut)
def cycle_review_progress(request: HttpRequest, pk: CycleId) -> dict[str, object]:
    """Per reviewer group how many reviews are in and how many are owed, and who owes most:
    for those who run the cycle (the cycle page's 评价进度)."""
    cycle = AssessmentCycle.objects.select_related("root").filter(pk=pk).first()
    if cycle is None or not can_run(request_scope(request), cycle.root):
        raise Http404
    progress = review_progress(cycle)
    return {
        "step": cycle.step,
        "open": cycle.step in OPEN_STEPS,
        "groups": [vars(g) for g in progress.groups],
        "owing": [vars(o) for o in progress.owing],
        "owing_people": progress.owing_people,
        "customers_owed": progress.customers_owed,
    }
