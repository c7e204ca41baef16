"""Calculated → reviewed → approved → paid; a closed month is never rewritten, a late
return becomes a delta line in the next open month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.incentives.models import LineKind, Statement, StatementStatus
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.closing import deltas_post
from salestarget.incentives.services.workflow import (
    period_close,
    statement_approve,
    statement_pay,
    statement_review,
)
from tests.tracking.conftest import sell

D = Decimal


def test_a_statement_is_reviewed_by_the_manager_then_approved_and_paid_by_finance(
    june, commission_plan
):
    commission_plan()
    statement_calculate(period="2026-06", by=june.finance.user)
    mine = Statement.objects.get(person=june.rep, period="2026-06")
    with pytest.raises(PermissionDenied):
        statement_review(statement=mine, by=june.manager_east.user)  # another subtree
    with pytest.raises(PermissionDenied):
        statement_review(statement=mine, by=june.rep.user)
    with pytest.raises(PermissionDenied):
        statement_approve(statement=mine, by=june.manager_north.user)
    statement_review(statement=mine, by=june.manager_north.user)
    statement_approve(statement=mine, by=june.finance.user)
    with pytest.raises(ValidationError, match="状态"):
        statement_review(statement=mine, by=june.manager_north.user)
    statement_pay(statement=mine, by=june.finance.user)
    assert mine.status == StatementStatus.PAID
    assert list(mine.audit.values_list("action", flat=True)) == [
        "calculate",
        "review",
        "approve",
        "pay",
    ]


def test_a_late_return_posts_a_delta_in_the_next_open_month_with_old_new_and_reason(
    june, commission_plan
):
    commission_plan()
    statement_calculate(period="2026-06", by=june.finance.user)
    assert period_close(period="2026-06", by=june.finance.user) == 2
    # A June sale of 25,000 is corrected away after June was paid.
    sell(june, dt.date(2026, 6, 20), "-25000")
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user)  # closed: left as paid
    june_statement = Statement.objects.get(person=june.rep, period="2026-06")
    assert june_statement.total == D("4400.00")
    (delta,) = deltas_post(period="2026-06", reason="更正导入 B-17", by=june.finance.user)
    assert delta.statement.period == "2026-07"
    assert (delta.old_value, delta.new_value, delta.amount) == (
        D("4400.00"),
        D("3000.00"),
        D("-1400.00"),
    )
    assert delta.reason == "更正导入 B-17"
    # Posting again finds nothing new; July's own calculation keeps the delta line.
    assert deltas_post(period="2026-06", reason="再次核对", by=june.finance.user) == []
    statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})
    july = Statement.objects.get(person=june.rep, period="2026-07")
    assert july.lines.filter(kind=LineKind.DELTA).count() == 1
    assert july.total == D("-1400.00")


def test_closing_refuses_a_month_with_estimates_and_anyone_but_finance(june, commission_plan):
    commission_plan()
    statement_calculate(period="2026-06", by=june.finance.user, final=False)
    with pytest.raises(PermissionDenied):
        period_close(period="2026-06", by=june.manager_north.user)
    with pytest.raises(ValidationError, match="预估"):
        period_close(period="2026-06", by=june.finance.user)
