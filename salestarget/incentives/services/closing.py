"""Late changes to a closed month (a return, a corrected import, a target adjustment): the
month is recalculated in memory, never rewritten; the difference to what was paid (and
already corrected) is posted as a delta line in the person's next open month, with the old
value, the new value and the reason."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Sum

from salestarget.core.commission.deltas import period_delta
from salestarget.incentives.models import LineKind, Statement, StatementLine, StatementStatus
from salestarget.incentives.permissions import require_finance
from salestarget.incentives.services.audit import audit
from salestarget.incentives.services.calculation import (
    all_drafts,
    month_parse,
    statement_total_refresh,
)
from salestarget.org.scoping import scope_for
from salestarget.targets.fiscal_periods import fiscal_calendar

ZERO = Decimal(0)


def next_open_statement(statement: Statement) -> Statement:
    """The person's first statement after ``statement`` that is still open (made, as an
    estimate, when the month has none yet)."""
    calendar = fiscal_calendar()
    month = calendar.parse(statement.period)
    while True:
        month = calendar.shift(month, 1)
        found, _created = Statement.objects.get_or_create(
            person_id=statement.person_id,
            period=month.label,
            defaults={"period_start": month.start, "period_end": month.end},
        )
        if not found.is_closed:
            return found


@transaction.atomic
def deltas_post(*, period: str, reason: str, by: User) -> list[StatementLine]:
    """Recalculate the closed statements of ``period`` and post each difference."""
    require_finance(scope_for(by))
    month = month_parse(period)
    closed = {
        s.person_id: s
        for s in Statement.objects.filter(period=month.label, status__in=StatementStatus.closed())
    }
    if not closed:
        return []
    drafts = all_drafts(month, person_ids=set(closed))
    posted = dict(
        StatementLine.objects.filter(
            kind=LineKind.DELTA, source_period=month.label, statement__person_id__in=list(closed)
        )
        .values("statement__person_id")
        .annotate(t=Sum("amount"))
        .values_list("statement__person_id", "t")
    )
    lines = []
    for person_id, statement in closed.items():
        new = sum((d.amount for d in drafts.get(person_id, [])), ZERO)
        # Dispute adjustments and earlier deltas on the closed month stay as they are.
        kept = statement.lines.filter(kind__in=[LineKind.DELTA, LineKind.ADJUSTMENT])
        kept_total = kept.aggregate(t=Sum("amount"))["t"] or ZERO
        old = statement.total - kept_total + (posted.get(person_id) or ZERO)
        delta = period_delta(old=old, new=new, reason=reason)
        if delta is None:
            continue
        target = next_open_statement(statement)
        line = StatementLine.objects.create(
            statement=target,
            kind=LineKind.DELTA,
            sort_order=10_000,
            label=month.label,
            amount=delta.difference,
            steps=[delta.step.as_data()],
            source_period=month.label,
            old_value=delta.old,
            new_value=delta.new,
            reason=reason,
        )
        statement_total_refresh(target)
        audit(target, by, "delta", f"{month.label}: {delta.old} → {delta.new} ({reason})")
        lines.append(line)
    return lines
