"""Disputes (申诉): a rep disputes a line of their statement with a note; finance resolves it
with an adjustment line (in the same month while it is open, else the next open one) or a
reasoned rejection. Both sides are notified; every step is in the statement's audit."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.incentives.models import (
    Dispute,
    DisputeStatus,
    LineKind,
    Statement,
    StatementLine,
)
from salestarget.incentives.permissions import FINANCE_ROLES, require_finance
from salestarget.incentives.services.audit import audit
from salestarget.incentives.services.calculation import statement_total_refresh
from salestarget.incentives.services.closing import next_open_statement
from salestarget.notifications.messages import message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for


def _link(statement_id: int) -> str:
    return reverse("incentives:statement", args=[statement_id])


@transaction.atomic
def dispute_raise(*, line: StatementLine, note: str, by: User) -> Dispute:
    scope = scope_for(by)
    if scope.person_id != line.statement.person_id:
        raise PermissionDenied(_("只能对自己的提成明细提出申诉"))
    if not note.strip():
        raise ValidationError({"note": _("请写明申诉理由")})
    if line.disputes.filter(status=DisputeStatus.OPEN).exists():
        raise ValidationError({"note": _("这一行已有处理中的申诉")})
    dispute = Dispute.objects.create(
        statement_id=line.statement_id,
        line=line,
        line_label=line.label,
        raised_by=by,
        note=note.strip(),
    )
    audit(line.statement, by, "dispute", note.strip())
    finance = User.objects.filter(
        person__role__in=FINANCE_ROLES, person__is_active=True, is_active=True
    )
    notification_send(
        recipients=list(finance),
        kind="incentives.dispute",
        title=message(
            gettext_noop("%(person)s 对 %(period)s 提成明细提出申诉"),
            person=line.statement.person.name,
            period=line.statement.period,
        ),
        body=note.strip(),
        link=_link(line.statement_id),
    )
    return dispute


@transaction.atomic
def dispute_resolve(
    *,
    dispute: Dispute,
    by: User,
    resolution: str,
    adjustment: Decimal | None = None,
) -> Dispute:
    """Resolve with an ``adjustment`` (an amount added to the statement, negative to take
    back) or, when None, reject; either way ``resolution`` says why."""
    require_finance(scope_for(by))
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationError({"status": _("这条申诉已经处理过了")})
    if not resolution.strip():
        raise ValidationError({"resolution": _("请写明处理意见")})
    if adjustment is not None and adjustment == 0:
        raise ValidationError({"adjustment": _("调整金额不能为 0；不调整请选择驳回")})
    dispute.resolution = resolution.strip()
    dispute.resolved_by = by
    dispute.resolved_at = timezone.now()
    dispute.status = DisputeStatus.REJECTED if adjustment is None else DisputeStatus.ADJUSTED
    dispute.adjustment = adjustment
    dispute.save()
    if adjustment is not None:
        # Read afresh: the month may have closed since the caller loaded the line.
        statement = Statement.objects.select_for_update().get(pk=dispute.statement_id)
        target = statement if not statement.is_closed else next_open_statement(statement)
        StatementLine.objects.create(
            statement=target,
            kind=LineKind.ADJUSTMENT,
            sort_order=20_000,
            label=dispute.line_label,
            amount=adjustment,
            source_period=statement.period,
            reason=dispute.resolution,
        )
        statement_total_refresh(target)
    audit(dispute.statement, by, dispute.status, dispute.resolution)
    person = Person.objects.select_related("user").get(pk=dispute.statement.person_id)
    notification_send(
        recipients=[person.user],
        kind="incentives.dispute",
        title=message(
            gettext_noop("你的申诉已处理：%(status)s"), status=DisputeStatus(dispute.status).label
        ),
        body=dispute.resolution,
        link=_link(dispute.statement_id),
    )
    return dispute
