"""Grade bonuses on statements: in the last month of a bonus period (a quarter, a half, a
year or the month itself), everyone a plan with a bonus table pays on that day earns
``target bonus × the multiplier of their grade``.

The grade comes from assessment's closed (or in-feedback) cycle that covers exactly the
bonus period (``assessment.queries.grading.grades_for_period``); a person no cycle grades
for it falls back to a grade finance typed in (``TypedGrade``). A grade the table does not
list pays nothing and says so on the statement."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from salestarget.assessment.queries.grading import grades_for_period
from salestarget.core.commission.bonuses import grade_bonus
from salestarget.core.commission.steps import Step, StepKind
from salestarget.core.periods import FiscalCalendar, Period, PeriodKind
from salestarget.incentives.models import BonusTable, LineKind, TypedGrade
from salestarget.incentives.queries.assignments import plan_spans
from salestarget.incentives.queries.engine import LineDraft
from salestarget.targets.fiscal_periods import fiscal_calendar

ZERO = Decimal(0)


def multipliers_of(table: BonusTable) -> dict[str, Decimal]:
    return {str(grade): Decimal(str(factor)) for grade, factor in table.multipliers.items()}


def grades_of(period: Period, person_ids: list[int]) -> dict[int, tuple[str, str]]:
    """``{person: (grade, source)}`` for ``period``: the assessment cycle's grade, else the
    typed one; ``source`` is ``"cycle"`` or ``"typed"``."""
    found = {
        pid: (grade, "cycle")
        for pid, grade in grades_for_period(
            start=period.start, end=period.end, person_ids=person_ids
        ).items()
    }
    typed = TypedGrade.objects.filter(
        period=period.label, person_id__in=[p for p in person_ids if p not in found]
    ).values_list("person_id", "grade")
    found.update({pid: (grade, "typed") for pid, grade in typed})
    return found


def bonus_period(
    table: BonusTable, month: Period, calendar: FiscalCalendar | None = None
) -> Period | None:
    """The bonus period ending with ``month``, or None when it ends later."""
    whole = (calendar or fiscal_calendar()).period_of(PeriodKind(table.period), month.start)
    return whole if whole.end == month.end else None


def bonus_drafts(
    month: Period, person_ids: set[int] | None, calendar: FiscalCalendar | None = None
) -> dict[int, list[LineDraft]]:
    """Bonus lines of ``month`` for the people paid on its last day under a plan with a
    bonus table whose period ends with the month."""
    tables = {
        t.plan_id: t
        for t in BonusTable.objects.select_related("plan").filter(
            plan__effective_from__lte=month.end
        )
    }
    # Most months end no bonus period: nobody to look up then.
    periods = {
        pid: p for pid, t in tables.items() if (p := bonus_period(t, month, calendar)) is not None
    }
    if not periods:
        return {}
    spans = plan_spans(month.end, month.end, person_ids)
    by_plan: dict[int, list[int]] = defaultdict(list)
    for person_id, found in spans.items():
        for span in found:
            if span.plan.pk in periods:
                by_plan[span.plan.pk].append(person_id)
    out: dict[int, list[LineDraft]] = defaultdict(list)
    for plan_id, people in by_plan.items():
        table, period = tables[plan_id], periods[plan_id]
        multipliers = multipliers_of(table)
        grades = grades_of(period, people)
        for person_id in people:
            if person_id not in grades:
                continue
            grade, source = grades[person_id]
            out[person_id].append(_line(person_id, table, period, grade, source, multipliers))
    return dict(out)


def _line(
    person_id: int,
    table: BonusTable,
    period: Period,
    grade: str,
    source: str,
    multipliers: dict[str, Decimal],
) -> LineDraft:
    label = _("%(period)s 绩效奖金（%(grade)s）") % {"period": period.label, "grade": grade}
    if source == "typed":
        label = _("%(period)s 绩效奖金（手工等级 %(grade)s）") % {
            "period": period.label,
            "grade": grade,
        }
    if grade in multipliers:
        paid = grade_bonus(target_bonus=table.target_bonus, grade=grade, multipliers=multipliers)
        amount, steps = paid.amount, paid.steps
    else:
        amount = ZERO
        steps = (
            Step.of(
                StepKind.GRADE_BONUS,
                ZERO,
                target_bonus=table.target_bonus,
                grade=grade,
                factor="—",
            ),
        )
    return LineDraft(
        person_id=person_id,
        kind=LineKind.BONUS,
        label=label,
        amount=amount,
        plan=table.plan,
        span=(period.start, period.end),
        steps=[s.as_data() for s in steps],
    )
