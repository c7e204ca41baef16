"""REST API of incentives at /api/incentives/: statements (with lines and their steps),
disputes, plans and the what-if, scoped exactly as the pages are: a rep reads their own
statements, a manager their subtree's (read-only), finance everything."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from salestarget.incentives.models import CommissionPlan, StatementLine
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.statements import disputes_visible, statements_visible
from salestarget.incentives.services.disputes import dispute_raise, dispute_resolve
from salestarget.incentives.services.whatif import what_if_extra
from salestarget.org.scoping import request_scope
from salestarget.ui.params import Id

router = Router(tags=["incentives"])


class StatementLineOut(Schema):
    id: int
    kind: str
    label: str
    amount: Decimal
    measure_total: Decimal | None
    quota: Decimal | None
    attainment: Decimal | None
    steps: list[dict[str, Any]]
    source_period: str
    old_value: Decimal | None
    new_value: Decimal | None
    reason: str


class StatementOut(Schema):
    id: int
    person_id: int
    person: str
    period: str
    status: str
    total: Decimal
    as_of: dt.date | None

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return str(obj.person.name)


class StatementDetailOut(StatementOut):
    lines: list[StatementLineOut]

    @staticmethod
    def resolve_lines(obj: Any) -> list[Any]:
        return list(obj.lines.all())


class DisputeIn(Schema):
    note: str


class ResolveIn(Schema):
    resolution: str
    adjustment: Decimal | None = None


class DisputeOut(Schema):
    id: int
    line_id: int
    status: str
    note: str
    resolution: str
    adjustment: Decimal | None


class WhatIfOut(Schema):
    extra: Decimal
    now: Decimal
    then: Decimal
    more: Decimal


class CommissionPlanOut(Schema):
    id: int
    code: str
    version: int
    name: str
    status: str
    effective_from: dt.date
    effective_to: dt.date | None
    clawback_days: int


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@router.get("/statements", response=list[StatementOut])
def statement_list(request: HttpRequest, period: str = "") -> Any:
    statements = statements_visible(request_scope(request)).order_by("-period", "person__name")
    return statements.filter(period=period) if period else statements[:500]


@router.get("/statements/{statement_id}", response=StatementDetailOut)
def statement_get(request: HttpRequest, statement_id: Id) -> Any:
    return get_object_or_404(statements_visible(request_scope(request)), pk=statement_id)


@router.get("/statements/{statement_id}/what-if", response=WhatIfOut)
def statement_what_if(request: HttpRequest, statement_id: Id, extra: Decimal) -> Any:
    statement = get_object_or_404(statements_visible(request_scope(request)), pk=statement_id)
    answer = what_if_extra(statement=statement, extra=extra)
    return {"extra": answer.extra, "now": answer.now, "then": answer.then, "more": answer.more}


@router.post("/lines/{line_id}/disputes", response={201: DisputeOut})
def line_dispute(request: HttpRequest, line_id: Id, payload: DisputeIn) -> Any:
    visible = statements_visible(request_scope(request))
    line = get_object_or_404(StatementLine.objects.filter(statement__in=visible), pk=line_id)
    return 201, dispute_raise(line=line, note=payload.note, by=_user(request))


@router.get("/disputes", response=list[DisputeOut])
def dispute_list(request: HttpRequest) -> Any:
    return disputes_visible(request_scope(request)).order_by("-raised_at")[:500]


@router.post("/disputes/{dispute_id}/resolve", response=DisputeOut)
def dispute_decide(request: HttpRequest, dispute_id: Id, payload: ResolveIn) -> Any:
    dispute = get_object_or_404(disputes_visible(request_scope(request)), pk=dispute_id)
    return dispute_resolve(
        dispute=dispute,
        by=_user(request),
        resolution=payload.resolution,
        adjustment=payload.adjustment,
    )


@router.get("/plans", response=list[CommissionPlanOut])
def plan_list(request: HttpRequest) -> Any:
    if not is_finance(request_scope(request)):
        raise PermissionDenied("plans are kept by finance")
    return CommissionPlan.objects.all()
