"""Calculating statements: the engine's drafts saved as statement lines.

Rerunning replaces the computed lines of an open statement with the same figures (the
engine is pure over the same facts), keeps its delta and dispute-adjustment lines, and never
touches an approved or paid statement: a change there becomes a delta line
(``services.closing``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from salestarget.core.periods import Period
from salestarget.fields import ExactDecimalField
from salestarget.incentives.models import (
    AuditEntry,
    Competition,
    LineKind,
    Statement,
    StatementLine,
    StatementStatus,
)
from salestarget.incentives.queries.bonuses import bonus_drafts
from salestarget.incentives.queries.clawbacks import clawback_drafts
from salestarget.incentives.queries.competitions import prize_drafts
from salestarget.incentives.queries.engine import LineDraft, month_drafts
from salestarget.incentives.services.competitions import competition_announce
from salestarget.incentives.services.line_rows import line_row, lines_clear, lines_insert
from salestarget.targets.fiscal_periods import period_parse

KEPT = (LineKind.DELTA, LineKind.ADJUSTMENT)


def month_parse(period: str) -> Period:
    month = period_parse(period)
    if month.kind != "month":
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"period": _("提成按月计算，请填写月份，例如 2026-03")})
    return month


def all_drafts(
    month: Period, *, person_ids: set[int] | None = None, as_of: dt.date | None = None
) -> dict[int, list[LineDraft]]:
    drafts = month_drafts(month, person_ids=person_ids, as_of=as_of)
    for extra in (
        clawback_drafts(month, drafts, as_of=as_of),
        prize_drafts(month, person_ids),
        bonus_drafts(month, person_ids),
    ):
        for person_id, lines in extra.items():
            drafts.setdefault(person_id, []).extend(lines)
    return drafts


@transaction.atomic
def statement_calculate(
    *,
    period: str,
    by: User | None,
    person_ids: set[int] | None = None,
    as_of: dt.date | None = None,
    final: bool = True,
) -> list[Statement]:
    """Calculate ``period``'s statements (everyone a plan pays, or ``person_ids``).
    ``final`` False marks them estimated (data so far, ``as_of``). Set-based writes: a few
    queries for the whole month, whatever the number of people."""
    month = month_parse(period)
    drafts = all_drafts(month, person_ids=person_ids, as_of=as_of)
    existing = {
        s.person_id: s
        for s in Statement.objects.filter(period=month.label, person_id__in=list(drafts))
    }
    Statement.objects.bulk_create(
        Statement(person_id=pid, period=month.label, period_start=month.start, period_end=month.end)
        for pid in drafts
        if pid not in existing
    )
    statements = [
        s
        for s in Statement.objects.filter(period=month.label, person_id__in=list(drafts))
        if not s.is_closed
    ]
    ids = [s.pk for s in statements]
    lines_clear(ids, kept=KEPT)
    lines_insert(row for s in statements for row in _rows(s.pk, drafts[s.person_id]))
    status = StatementStatus.CALCULATED if final else StatementStatus.ESTIMATED
    chosen = Statement.objects.filter(pk__in=ids)
    # A reviewed statement whose figures are recalculated needs its review again.
    chosen.filter(status=StatementStatus.REVIEWED).update(reviewed_by=None, reviewed_at=None)
    lines_total = (
        StatementLine.objects.filter(statement_id=OuterRef("pk"))
        .values("statement_id")
        .annotate(t=Sum("amount"))
        .values("t")
    )
    chosen.update(
        status=status,
        as_of=as_of or month.end,
        calculated_at=timezone.now(),
        total=Coalesce(Subquery(lines_total), Value(0), output_field=ExactDecimalField()),
    )
    statements = list(chosen.select_related("person"))
    if final:
        _results_announce(month)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            statement=s,
            by=by if by is not None and by.pk else None,
            action="calculate",
            detail=str(s.total),
        )
        for s in statements
    )
    return statements


def _results_announce(month: Period) -> None:
    """A final run of the month a competition ended in posts its results as good news."""
    ended = Competition.objects.filter(
        ends__range=(month.start, month.end), ends__lt=timezone.localdate()
    )
    for competition in ended:
        competition_announce(competition=competition, by=None)


def _rows(statement_id: int, lines: list[LineDraft]) -> list[tuple[Any, ...]]:
    return [
        line_row(
            statement_id=statement_id,
            kind=d.kind,
            sort_order=i,
            plan_id=d.plan.pk if d.plan else None,
            component_id=d.component.pk if d.component else None,
            label=d.label,
            span=d.span,
            measure_total=d.measure_total,
            quota=d.quota,
            attainment=d.attainment,
            amount=d.amount,
            steps=d.steps,
        )
        for i, d in enumerate(lines)
    ]


def statement_total_refresh(statement: Statement) -> Decimal:
    total = statement.lines.aggregate(t=Sum("amount"))["t"] or Decimal(0)
    statement.total = total
    statement.save()
    return total
