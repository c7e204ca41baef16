"""A statement's way: calculated → reviewed by the manager → approved by finance → paid and
locked. ``period_close`` approves and locks a whole month at once."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.incentives.models import AuditEntry, Statement, StatementStatus
from salestarget.incentives.permissions import can_review, require_finance
from salestarget.incentives.services.audit import audit
from salestarget.incentives.services.calculation import month_parse
from salestarget.org.scoping import scope_for


def _require_status(statement: Statement, *allowed: str) -> None:
    if statement.status not in allowed:
        raise ValidationError(
            {
                "status": _("提成明细当前状态为“%(status)s”，不能执行此操作")
                % {"status": statement.get_status_display()}
            }
        )


@transaction.atomic
def statement_review(*, statement: Statement, by: User) -> Statement:
    scope = scope_for(by)
    if not can_review(scope) or statement.person_id == scope.person_id:
        raise PermissionDenied(_("只有上级经理可以审核提成明细"))
    scope.require_person(statement.person)
    _require_status(statement, StatementStatus.CALCULATED)
    statement.status = StatementStatus.REVIEWED
    statement.reviewed_by, statement.reviewed_at = by, timezone.now()
    statement.save()
    audit(statement, by, "review")
    return statement


@transaction.atomic
def statement_approve(*, statement: Statement, by: User) -> Statement:
    require_finance(scope_for(by))
    _require_status(statement, StatementStatus.CALCULATED, StatementStatus.REVIEWED)
    statement.status = StatementStatus.APPROVED
    statement.approved_by, statement.approved_at = by, timezone.now()
    statement.save()
    audit(statement, by, "approve")
    return statement


@transaction.atomic
def statement_pay(*, statement: Statement, by: User) -> Statement:
    require_finance(scope_for(by))
    _require_status(statement, StatementStatus.APPROVED)
    statement.status = StatementStatus.PAID
    statement.paid_at = timezone.now()
    statement.save()
    audit(statement, by, "pay")
    return statement


@transaction.atomic
def period_close(*, period: str, by: User) -> int:
    """Approve every calculated or reviewed statement of ``period`` and lock it as paid;
    estimated statements must be calculated first. Returns how many were closed."""
    require_finance(scope_for(by))
    month = month_parse(period)
    open_ = Statement.objects.filter(period=month.label)
    if open_.filter(status=StatementStatus.ESTIMATED).exists():
        raise ValidationError(
            {"period": _("%(period)s 还有预估的提成明细，请先正式计算") % {"period": month.label}}
        )
    now = timezone.now()
    closing = list(open_.filter(status__in=[StatementStatus.CALCULATED, StatementStatus.REVIEWED]))
    Statement.objects.filter(pk__in=[s.pk for s in closing]).update(
        status=StatementStatus.PAID, approved_by=by, approved_at=now, paid_at=now
    )
    AuditEntry.objects.bulk_create(AuditEntry(statement=s, by=by, action="close") for s in closing)
    return len(closing)
