"""A statement's way and finance's month runs over the API, through the same services as the
statement page and the month form: review (the manager of the subtree), approve and pay
(finance); calculate, estimate, close a month and post its deltas (finance). A step the
statement's status does not allow is a 422 naming the status."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.params import functions as ninja_params

from salestarget.incentives.api.access import finance_user, request_user
from salestarget.incentives.queries.statements import people_without_quota, statements_visible
from salestarget.incentives.services.calculation import month_parse, statement_calculate
from salestarget.incentives.services.closing import deltas_post
from salestarget.incentives.services.workflow import (
    period_close,
    statement_approve,
    statement_pay,
    statement_review,
)
from salestarget.org.scoping import request_scope
from salestarget.ui.params import path_id

router = Router()
StatementId = Annotated[int, path_id("the commission statement")]


def _month_param() -> Any:
    """The month in the path, documented (ninja's ``Path``, which strict mypy cannot call)."""
    return ninja_params.Path(..., max_length=10, description="the month, e.g. 2026-06")


Month = Annotated[str, _month_param()]


class StatementStepOut(Schema):
    id: int
    person_id: int
    period: str
    status: str
    total: Decimal
    as_of: dt.date | None


class PeriodRunOut(Schema):
    period: str
    statements: int  # how many statements the run calculated, closed or posted deltas to
    # Calculate and estimate: who is paid 0 by a component paying by attainment for want of a
    # quota (a target) in the month, as the statement list warns.
    without_quota: list[str] = []


class DeltasIn(Schema):
    reason: str = ""


def _run_out(request: HttpRequest, period: str, statements: int) -> dict[str, Any]:
    label = month_parse(period).label
    missing = people_without_quota(request_scope(request), label)
    return {"period": label, "statements": statements, "without_quota": missing}


def _statement(request: HttpRequest, statement_id: int) -> Any:
    return get_object_or_404(statements_visible(request_scope(request)), pk=statement_id)


@router.post("/statements/{statement_id}/review", response=StatementStepOut)
def statement_reviewed(request: HttpRequest, statement_id: StatementId) -> Any:
    """The manager of the person's subtree reviews a calculated statement."""
    statement = _statement(request, statement_id)
    return statement_review(statement=statement, by=request_user(request))


@router.post("/statements/{statement_id}/approve", response=StatementStepOut)
def statement_approved(request: HttpRequest, statement_id: StatementId) -> Any:
    statement = _statement(request, statement_id)
    return statement_approve(statement=statement, by=finance_user(request))


@router.post("/statements/{statement_id}/pay", response=StatementStepOut)
def statement_paid(request: HttpRequest, statement_id: StatementId) -> Any:
    statement = _statement(request, statement_id)
    return statement_pay(statement=statement, by=finance_user(request))


@router.post("/periods/{period}/calculate", response=PeriodRunOut)
def period_calculate(request: HttpRequest, period: Month) -> Any:
    """Calculate the month's statements (final); approved and paid ones are never rewritten."""
    done = statement_calculate(period=period, by=finance_user(request))
    return _run_out(request, period, len(done))


@router.post("/periods/{period}/estimate", response=PeriodRunOut)
def period_estimate(request: HttpRequest, period: Month) -> Any:
    """Estimate the month's statements from the data so far (today)."""
    done = statement_calculate(
        period=period, by=finance_user(request), final=False, as_of=timezone.localdate()
    )
    return _run_out(request, period, len(done))


@router.post("/periods/{period}/close", response=PeriodRunOut)
def period_closed(request: HttpRequest, period: Month) -> Any:
    """Approve and lock every calculated or reviewed statement of the month."""
    closed = period_close(period=period, by=finance_user(request))
    return {"period": month_parse(period).label, "statements": closed}


@router.post("/periods/{period}/deltas", response=PeriodRunOut)
def period_deltas(request: HttpRequest, period: Month, payload: DeltasIn) -> Any:
    """Recalculate a closed month and post each difference as a delta line (old, new,
    reason) in the person's next open month."""
    posted = deltas_post(period=period, reason=payload.reason or period, by=finance_user(request))
    return {"period": month_parse(period).label, "statements": len(posted)}
