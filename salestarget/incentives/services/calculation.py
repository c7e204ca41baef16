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
from django.db.models import QuerySet, Sum
from django.utils import timezone

from salestarget.core.periods import FiscalCalendar, Period
from salestarget.incentives.models import (
    Competition,
    LineKind,
    Statement,
    StatementStatus,
)
from salestarget.incentives.queries.bonuses import bonus_drafts
from salestarget.incentives.queries.clawbacks import clawback_drafts, month_returns
from salestarget.incentives.queries.competitions import prize_drafts
from salestarget.incentives.queries.engine import LineDraft, month_drafts
from salestarget.incentives.services.competitions import competition_announce
from salestarget.incentives.services.line_rows import AMOUNT, LineRows, lines_clear, lines_insert
from salestarget.incentives.services.statement_rows import (
    kept_units,
    statements_mark,
    statements_open,
)
from salestarget.targets.fiscal_periods import fiscal_calendar, period_parse

KEPT = (LineKind.DELTA, LineKind.ADJUSTMENT)


def month_parse(period: str, calendar: FiscalCalendar | None = None) -> Period:
    month = period_parse(period, calendar=calendar)
    if month.kind != "month":
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"period": _("提成按月计算，请填写月份，例如 2026-03")})
    return month


def all_drafts(
    month: Period,
    *,
    person_ids: set[int] | None = None,
    as_of: dt.date | None = None,
    calendar: FiscalCalendar | None = None,
) -> dict[int, list[LineDraft]]:
    calendar = calendar or fiscal_calendar()
    returns = month_returns(month, as_of=as_of)
    drafts = month_drafts(
        month, person_ids=person_ids, as_of=as_of, calendar=calendar, returns=returns
    )
    for extra in (
        clawback_drafts(month, drafts, returns),
        prize_drafts(month, person_ids),
        bonus_drafts(month, person_ids, calendar),
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
) -> QuerySet[Statement]:
    """Calculate ``period``'s statements (everyone a plan pays, or ``person_ids``) and
    return them (a query: callers that only count them load nothing). ``final`` False marks
    them estimated (data so far, ``as_of``). Set-based: a constant number of queries for the
    whole month, whatever the number of people."""
    calendar = fiscal_calendar()
    month = month_parse(period, calendar)
    drafts = all_drafts(month, person_ids=person_ids, as_of=as_of, calendar=calendar)
    chosen = statements_open(month, drafts)
    ids = list(chosen.values())
    lines_clear(ids, kept=KEPT)
    totals = kept_units(month, ids, KEPT)
    rows = []
    adapt = LineRows()
    for person_id, pk in chosen.items():
        mine = _rows(adapt, pk, drafts[person_id])
        totals[pk] = totals.get(pk, 0) + sum(row[AMOUNT] for row in mine)
        rows.extend(mine)
    lines_insert(rows)
    statements_mark(
        totals,
        status=StatementStatus.CALCULATED if final else StatementStatus.ESTIMATED,
        as_of=as_of or month.end,
        by_id=by.pk if by is not None and by.pk else None,
    )
    if final:
        _results_announce(month)
    return Statement.objects.filter(pk__in=ids).order_by("pk")


def _results_announce(month: Period) -> None:
    """A final run of the month a competition ended in posts its results as good news."""
    ended = Competition.objects.filter(
        ends__range=(month.start, month.end), ends__lt=timezone.localdate()
    )
    for competition in ended:
        competition_announce(competition=competition, by=None)


def _rows(adapt: LineRows, statement_id: int, lines: list[LineDraft]) -> list[tuple[Any, ...]]:
    return [
        adapt.row(
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
