"""Returns of sales made in an earlier month, under plans with a clawback window.

A return keeps the order and line number of the line it returns (the importers and the demo
do), which finds the original sale. Under a plan with ``clawback_days`` a return whose sale was
not made earlier in the same month does not lower the month's measure (``late_returns`` adds
it back); when its sale lies within the window, the month that paid the sale is paid again
without it: a clawback line takes back that month's payout less its payout on the measure
less what came back (``core.commission.clawback``), from the person who was paid.

"What paid the sale" is the sale's month's statement line (``queries.paid_lines``): the plan
version, the component and its slice, its measure total, quota and gate values, so a person
who changed plan since, or a plan that got a new version, is taken back from under what paid
them, on every component the sale counted for. The window is the paying plan's (or, when
that plan had none, the current one's: the return is kept out of this month all the same).

All of a month's returns of the sales one line paid make one clawback line (a rep's hundred
returns of a month are a handful of lines: one per component and paying month): one payout
difference per line, never per return. What earlier months' returns already took off the
same paying line is read from their statements' clawback lines (the record), or from the
facts for a month never calculated, so that the parts add up over the months. The returns
behind a clawback line are listed by ``queries.statements.lines_behind``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from salestarget.core.commission.clawback import clawback, within_window
from salestarget.core.commission.components import ComponentInput, ComponentRule
from salestarget.core.periods import Period, PeriodKind
from salestarget.fields import units_to_decimal
from salestarget.incentives.models import (
    CommissionPlan,
    LineKind,
    Statement,
    StatementLine,
    StatementStatus,
)
from salestarget.incentives.queries.engine import LineDraft
from salestarget.incentives.queries.paid_lines import Key, PaidLine, paid_lines
from salestarget.incentives.queries.returns import MonthReturns, ReturnedSale
from salestarget.incentives.rules import component_rule
from salestarget.targets.fiscal_periods import fiscal_calendar

ZERO = Decimal(0)


@dataclass
class Returned:
    """What came back in a month of the sales one line paid: within its window, after it."""

    line: PaidLine
    window: int
    inside_units: int = 0  # in the amount column's units (``fields.units_to_decimal``)
    outside_units: int = 0

    @property
    def inside(self) -> Decimal:
        return units_to_decimal(self.inside_units) if self.inside_units else ZERO

    @property
    def outside(self) -> Decimal:
        return units_to_decimal(self.outside_units)


def month_returns(month: Period, *, as_of: dt.date | None = None) -> MonthReturns | None:
    """The month's late returns for a month run (read once, when first asked for), with
    their sales back to the longest clawback window of any plan; None when no plan has one."""
    longest = CommissionPlan.objects.aggregate(n=Max("clawback_days"))["n"] or 0
    if not longest:
        return None
    end = min(month.end, as_of) if as_of else month.end
    return MonthReturns(month.start, end, month.start - dt.timedelta(days=longest))


def clawback_drafts(
    month: Period, drafts: dict[int, list[LineDraft]], returns: MonthReturns | None
) -> dict[int, list[LineDraft]]:
    """Clawback lines for the people in ``drafts`` whose earlier sales came back this month
    (``returns``) while a plan with a clawback window pays them (the engine kept those
    returns out)."""
    keeping: dict[int, int] = {}  # person → the longest window of this month's plans
    for lines in drafts.values():
        for d in lines:
            if d.kind == LineKind.COMPONENT and d.plan is not None and d.plan.clawback_days:
                keeping[d.person_id] = max(keeping.get(d.person_id, 0), d.plan.clawback_days)
    if not keeping or returns is None:
        return {}
    since = returns.since
    found = [r for r in returns.sales() if r.orig_person in keeping]
    if not found:
        return {}
    paid = paid_lines(found)
    groups: dict[Key, Returned] = {}
    for row in found:
        for line in paid.get(row.orig_id, ()):
            _add(groups, line, row, keeping)
    before = _returned_before(month, [g.line for g in groups.values()], keeping, since)
    out: dict[int, list[LineDraft]] = defaultdict(list)
    rules: dict[int, ComponentRule] = {}
    for key in sorted(groups, key=lambda k: (k[0], k[2], _order(groups[k].line))):
        group = groups[key]
        line = group.line
        rule = rules.get(line.component.pk)
        if rule is None:
            rule = rules[line.component.pk] = component_rule(line.component)
        result = clawback(
            rule,
            ComponentInput(line.measure, line.quota, line.gate_values),
            returned=group.inside,
            returned_before=before.get(key, ZERO),
            outside=group.outside,
            window_days=group.window,
        )
        out[line.person_id].append(
            LineDraft(
                person_id=line.person_id,
                kind=LineKind.CLAWBACK,
                label=line.component.name,
                amount=result.amount,
                plan=line.plan,
                component=line.component,
                span=(line.start, line.end),
                measure_total=-group.inside,
                quota=line.quota,
                steps=[s.as_data() for s in result.steps],
            )
        )
    return dict(out)


def _order(line: PaidLine) -> tuple[int, int, int]:
    return (line.plan.pk, line.component.sort_order, line.component.pk)


def _add(
    groups: dict[Key, Returned], line: PaidLine, row: ReturnedSale, keeping: dict[int, int]
) -> None:
    """Count ``row`` under the group of the line that paid its sale; the window is the
    paying plan's, else the longest of the person's plans this month."""
    group = groups.get(line.key)
    if group is None:
        window = line.plan.clawback_days or keeping.get(line.person_id, 0)
        group = groups[line.key] = Returned(line, window)
    back = min(-row.units, row.orig_units)  # never more than the sale
    if within_window(sold_on=row.orig_day, returned_on=row.sold_on, window_days=group.window):
        group.inside_units += back
    else:
        group.outside_units += back


def _returned_before(
    month: Period, lines: list[PaidLine], keeping: dict[int, int], since: dt.date
) -> dict[Key, Decimal]:
    """What the months between each line's month and ``month`` took off it (within its
    window), from those months' clawback lines; a month a person was never calculated for
    (no statement but an estimate) is read from its returns instead."""
    earlier = [line for line in lines if line.end < month.start - dt.timedelta(days=1)]
    if not earlier:
        return {}
    by_owner: dict[tuple[int, int], list[PaidLine]] = defaultdict(list)
    for line in earlier:
        by_owner[(line.person_id, line.component.pk)].append(line)
    people = {line.person_id for line in earlier}
    first = min(line.end for line in earlier)
    stored = (
        StatementLine.objects.filter(
            kind=LineKind.CLAWBACK,
            statement__person_id__in=people,
            statement__period_start__gt=first,
            statement__period_end__lt=month.start,
            component_id__in={line.component.pk for line in earlier},
        )
        .exclude(statement__status=StatementStatus.ESTIMATED)
        .exclude(steps__0__kind="clawback_outside")  # a return after the window took nothing
        .values_list("statement__person_id", "component_id", "span_start", "measure_total")
    )
    out: dict[Key, Decimal] = defaultdict(Decimal)
    for person_id, component_id, start, measure in stored:
        for line in by_owner.get((person_id, component_id), ()):
            if start is not None and line.start <= start <= line.end:
                out[line.key] -= measure or ZERO
    for between, people_missing in _never_run(month, earlier, people).items():
        owed = [line for line in earlier if line.person_id in people_missing]
        for key, group in _month_returns(between, owed, keeping, since).items():
            out[key] += group.inside
    return dict(out)


def _never_run(month: Period, lines: list[PaidLine], people: set[int]) -> dict[Period, set[int]]:
    """The months between the lines' months and ``month`` with people never calculated."""
    calendar = fiscal_calendar()
    months: list[Period] = []
    at = calendar.shift(calendar.period_of(PeriodKind.MONTH, min(line.end for line in lines)), 1)
    while at.start < month.start:
        months.append(at)
        at = calendar.shift(at, 1)
    ran = set(
        Statement.objects.filter(person_id__in=people, period__in=[m.label for m in months])
        .exclude(status=StatementStatus.ESTIMATED)
        .values_list("person_id", "period")
    )
    missing: dict[Period, set[int]] = {}
    for between in months:
        wanted = {
            line.person_id
            for line in lines
            if line.end < between.start and (line.person_id, between.label) not in ran
        }
        if wanted:
            missing[between] = wanted
    return missing


def _month_returns(
    month: Period, lines: Iterable[PaidLine], keeping: dict[int, int], since: dt.date
) -> dict[Key, Returned]:
    """What came back in ``month`` of the sales ``lines`` paid (their months are earlier)."""
    by_person: dict[int, list[PaidLine]] = defaultdict(list)
    for line in lines:
        if line.end < month.start:
            by_person[line.person_id].append(line)
    groups: dict[Key, Returned] = {}
    for row in MonthReturns(month.start, month.end, since).sales():
        for line in by_person.get(row.orig_person, ()):
            if line.counts(row.orig_day, row.orig_product_line, row.orig_customer_type):
                _add(groups, line, row, keeping)
    return groups
