"""What paid a sale: the component lines of its month that counted it, as they were paid.

A returned sale is taken back under what paid it (``queries.clawbacks``): the plan version in
force for its person on its day, each monthly rate-table component of that plan whose slice
holds the sale and whose measure the sale's amount moves, with the measure total, the quota
and the gate values that month's statement line paid on. The statement lines are the record; a month never
calculated is calculated for those people (``month_drafts``, nothing written), so a return
of a sale whose month was never run still finds what the sale would have earned.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from typing import Any

from salestarget.core.periods import Period, PeriodKind
from salestarget.incentives.models import (
    CommissionPlan,
    ComponentKind,
    ComponentPeriod,
    LineKind,
    PlanComponent,
    Statement,
    StatementLine,
    StatementStatus,
)
from salestarget.incentives.queries.engine import month_drafts, moved_by_deal
from salestarget.incentives.queries.returns import ReturnedSale
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.fiscal_periods import fiscal_calendar

ZERO = Decimal(0)
GATE_STEPS = ("gate_met", "gate_missed")
Key = tuple[int, int, dt.date]  # a person, the component that paid them, its first day


@dataclass(frozen=True)
class PaidLine:
    """One component as it paid a person over its days of a month."""

    person_id: int
    plan: CommissionPlan
    component: PlanComponent
    start: dt.date
    end: dt.date
    quota: Decimal
    measure: Decimal  # the measure total the month paid on
    gate_values: Mapping[str, Decimal | None]
    line_id: int | None = None  # the stored statement line, when it was stored

    @cached_property
    def key(self) -> Key:
        return (self.person_id, self.component.pk, self.start)

    def counts(
        self, day: dt.date, product_line_id: int | None, customer_type_id: int | None
    ) -> bool:
        """Whether a sale on ``day`` of that product line and customer type counted here."""
        c = self.component
        return (
            self.start <= day <= self.end
            and c.product_line_id in (None, product_line_id)
            and c.customer_type_id in (None, customer_type_id)
        )


def gate_values(steps: Iterable[Any]) -> dict[str, Decimal | None]:
    """The gate measures' values a stored line's steps recorded ("" when there was none)."""
    out: dict[str, Decimal | None] = {}
    for step in steps:
        if isinstance(step, dict) and step.get("kind") in GATE_STEPS:
            values = step.get("values", {})
            value = values.get("value", "")
            out[str(values.get("measure"))] = None if value in ("", None) else Decimal(value)
    return out


def _clawable(component: PlanComponent) -> bool:
    """A monthly rate table on a measure the sale's amount moves: what a return takes from."""
    return (
        component.kind == ComponentKind.RATE_TABLE
        and component.period == ComponentPeriod.MONTH
        and not component.cumulative
        and moved_by_deal(metric_definition(component.measure))
    )


def paid_lines(returns: list[ReturnedSale]) -> dict[int, list[PaidLine]]:
    """``{original sale id: [the lines that paid it]}`` for the sales ``returns`` return."""
    calendar = fiscal_calendar()
    # The sales returned, each once (a sale returned in parts comes back several times),
    # as (person, month, day, product line, customer type).
    sales: dict[int, tuple[int, str, dt.date, int | None, int | None]] = {}
    months: dict[str, Period] = {}
    by_day: dict[dt.date, Period] = {}
    for r in returns:
        day = r.orig_day
        month = by_day.get(day) or by_day.setdefault(day, calendar.period_of(PeriodKind.MONTH, day))
        months[month.label] = month
        sales[r.orig_id] = (
            r.orig_person,
            month.label,
            day,
            r.orig_product_line,
            r.orig_customer_type,
        )
    people = {row[0] for row in sales.values()}
    by_month = _stored(people, set(months))
    # An estimate is no record of what was paid (its days may stop before the sale).
    ran = set(
        Statement.objects.filter(person_id__in=people, period__in=months)
        .exclude(status=StatementStatus.ESTIMATED)
        .values_list("person_id", "period")
    )
    missing: dict[str, set[int]] = defaultdict(set)
    for row in sales.values():
        if (row[0], row[1]) not in ran:
            missing[row[1]].add(row[0])
    for label, person_ids in missing.items():
        by_month.update(_calculated(months[label], person_ids))
    gated = _with_gates(line for lines in by_month.values() for line in lines)
    # Sales of one person, day and slice are paid by the same lines: matched once.
    matched: dict[tuple[int, str, dt.date, int | None, int | None], list[PaidLine]] = {}
    out: dict[int, list[PaidLine]] = {}
    for pk, row in sales.items():
        found = matched.get(row)
        if found is None:
            person_id, label, day, line_id, kind = row
            found = matched[row] = [
                gated.get(line.line_id or 0, line)
                for line in by_month.get((person_id, label), ())
                if line.counts(day, line_id, kind)
            ]
        out[pk] = found
    return out


def _stored(people: set[int], labels: set[str]) -> dict[tuple[int, str], list[PaidLine]]:
    """The stored lines of monthly rate tables, as plain values (a month-end reads a few
    hundred): the steps of the gated ones are read after (``_with_gates``)."""
    rows = (
        StatementLine.objects.filter(
            kind=LineKind.COMPONENT,
            statement__person_id__in=people,
            statement__period__in=labels,
            component__kind=ComponentKind.RATE_TABLE,
            component__period=ComponentPeriod.MONTH,
            component__cumulative=False,
        )
        .exclude(statement__status=StatementStatus.ESTIMATED)
        .values_list(
            "pk",
            "statement__person_id",
            "statement__period",
            "component_id",
            "span_start",
            "span_end",
            "quota",
            "measure_total",
        )
    )
    found = list(rows)
    components = {
        c.pk: c
        for c in PlanComponent.objects.filter(pk__in={r[3] for r in found}).select_related("plan")
        if _clawable(c)
    }
    out: dict[tuple[int, str], list[PaidLine]] = defaultdict(list)
    for pk, person_id, period, component_id, start, end, quota, measure in found:
        component = components.get(component_id)
        if component is None or start is None or end is None:
            continue
        out[(person_id, period)].append(
            PaidLine(
                person_id,
                component.plan,
                component,
                start,
                end,
                quota or ZERO,
                measure or ZERO,
                {},
                pk,
            )
        )
    return out


def _with_gates(lines: Iterable[PaidLine]) -> dict[int, PaidLine]:
    """``{line id: line}`` with the gate values its stored steps recorded, for the stored
    lines of gated components (one query)."""
    wanted = {line.line_id: line for line in lines if line.line_id and line.component.gates}
    steps = StatementLine.objects.filter(pk__in=list(wanted)).values_list("pk", "steps")
    return {pk: replace(wanted[pk], gate_values=gate_values(found)) for pk, found in steps}


def _calculated(month: Period, person_ids: set[int]) -> dict[tuple[int, str], list[PaidLine]]:
    out: dict[tuple[int, str], list[PaidLine]] = defaultdict(list)
    for person_id, drafts in month_drafts(month, person_ids=person_ids).items():
        for d in drafts:
            if (
                d.kind != LineKind.COMPONENT
                or d.plan is None
                or d.component is None
                or d.span is None
                or not _clawable(d.component)
            ):
                continue
            out[(person_id, month.label)].append(
                PaidLine(
                    person_id=person_id,
                    plan=d.plan,
                    component=d.component,
                    start=d.span[0],
                    end=d.span[1],
                    quota=d.quota or ZERO,
                    measure=d.measure_total or ZERO,
                    gate_values=gate_values(d.steps),
                )
            )
    return out
