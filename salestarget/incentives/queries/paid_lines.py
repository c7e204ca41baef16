"""What paid a sale: the component lines of its month that counted it, as they were paid.

A returned sale is taken back under what paid it (``queries.clawbacks``): the plan version in
force for its person on its day, each monthly rate-table component of that plan whose slice
holds the sale and whose measure the sale's amount moves, with the quota and the gate values
that month's statement line used. The statement lines are the record; a month never
calculated is calculated for those people (``month_drafts``, nothing written), so a return
of a sale whose month was never run still finds what the sale would have earned.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Sum

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.catalog.models import Product
from salestarget.core.periods import Period, PeriodKind
from salestarget.fields import units_to_decimal
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
from salestarget.incentives.queries.measures import Window
from salestarget.incentives.queries.returns import ReturnedSale
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.fiscal_periods import fiscal_calendar

ZERO = Decimal(0)
GATE_STEPS = ("gate_met", "gate_missed")
Key = tuple[int, int, dt.date]  # a sale id, the component that paid it, the component's first day


@dataclass(frozen=True)
class PaidLine:
    """One component as it paid a person over its days of a month."""

    person_id: int
    plan: CommissionPlan
    component: PlanComponent
    start: dt.date
    end: dt.date
    quota: Decimal
    gate_values: Mapping[str, Decimal | None]
    line_id: int | None = None  # the stored statement line, when it was stored

    def key(self, sale_id: int) -> Key:
        return (sale_id, self.component.pk, self.start)

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
    # The sales returned, each once (a sale returned in parts comes back several times).
    sales: dict[int, dict[str, Any]] = {
        r.orig_id: {
            "person_id": r.orig_person,
            "sold_on": r.orig_day,
            "product__line_id": r.orig_product_line,
            "customer_type_id": r.orig_customer_type,
        }
        for r in returns
    }
    months: dict[str, Period] = {}
    by_day: dict[dt.date, Period] = {}
    for row in sales.values():
        day = row["sold_on"]
        month = by_day.get(day) or by_day.setdefault(day, calendar.period_of(PeriodKind.MONTH, day))
        months[month.label] = month
        row["month"] = month.label
    people = {row["person_id"] for row in sales.values()}
    by_month = _stored(people, set(months))
    # An estimate is no record of what was paid (its days may stop before the sale).
    ran = set(
        Statement.objects.filter(person_id__in=people, period__in=months)
        .exclude(status=StatementStatus.ESTIMATED)
        .values_list("person_id", "period")
    )
    missing: dict[str, set[int]] = defaultdict(set)
    for row in sales.values():
        if (row["person_id"], row["month"]) not in ran:
            missing[row["month"]].add(row["person_id"])
    for label, person_ids in missing.items():
        by_month.update(_calculated(months[label], person_ids))
    out: dict[int, list[PaidLine]] = {}
    for pk, row in sales.items():
        out[pk] = [
            line
            for line in by_month.get((row["person_id"], row["month"]), ())
            if line.counts(row["sold_on"], row["product__line_id"], row["customer_type_id"])
        ]
    gated = _with_gates([line for lines in out.values() for line in lines])
    return {pk: [gated.get(line.line_id or 0, line) for line in lines] for pk, lines in out.items()}


def _stored(people: set[int], labels: set[str]) -> dict[tuple[int, str], list[PaidLine]]:
    """The stored lines of monthly rate tables, as plain values (a month-end reads a few
    hundred): their steps are read later, for the lines a sale matched (``_with_gates``)."""
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
        )
    )
    found = list(rows)
    components = {
        c.pk: c
        for c in PlanComponent.objects.filter(pk__in={r[3] for r in found}).select_related("plan")
        if _clawable(c)
    }
    out: dict[tuple[int, str], list[PaidLine]] = defaultdict(list)
    for pk, person_id, period, component_id, start, end, quota in found:
        component = components.get(component_id)
        if component is None or start is None or end is None:
            continue
        out[(person_id, period)].append(
            PaidLine(person_id, component.plan, component, start, end, quota or ZERO, {}, pk)
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
                    gate_values=gate_values(d.steps),
                )
            )
    return out


def running_before(paid: list[tuple[ReturnedSale, PaidLine]]) -> dict[Key, Decimal]:
    """What each returned sale's person had sold in its paid line's days and slice before
    it (earlier days, then earlier lines of its day), keyed by ``PaidLine.key``.

    The earlier days come from the daily rollup (a running sum per person over a month of
    rollup rows; a slice's from its lines grouped per person and day), the sale's own day from one self-join through the (person, day) index:
    the work follows the returns and the rollup, never the month's sales lines."""
    groups: dict[Window, list[tuple[ReturnedSale, PaidLine]]] = defaultdict(list)
    for row, line in paid:
        c = line.component
        groups[Window(line.start, line.end, c.product_line_id, c.customer_type_id)].append(
            (row, line)
        )
    out: dict[Key, Decimal] = {}
    for window, found in groups.items():
        people = {line.person_id for _row, line in found}
        days = _days_running(window, people)
        same_day = _same_day_before(window, sorted({row.orig_id for row, _l in found}))
        for row, line in found:
            known = days.get(line.person_id, ([], []))
            # The running total through the last day before the sale's.
            at = bisect_left(known[0], row.orig_day)
            earlier = known[1][at - 1] if at else ZERO
            out[line.key(row.orig_id)] = earlier + same_day.get(row.orig_id, ZERO)
    return out


def _days_running(
    window: Window, people: set[int]
) -> dict[int, tuple[list[dt.date], list[Decimal]]]:
    """Per person, the days of ``window`` they sold on and their running total through each."""
    # A slice (a product line, a customer type) has no daily rollup: its lines, grouped by
    # the database per person and day through the day-grain index.
    rows: list[tuple[int, dt.date, Decimal]]
    if window.sliced:
        rows = list(
            SalesLine.objects.filter(window.lines_q("sold_on"), person_id__in=people)
            .values("person_id", "sold_on")
            .annotate(amount=Sum("amount"))
            .order_by("person_id", "sold_on")
            .values_list("person_id", "sold_on", "amount")
        )
    else:
        rows = list(
            PersonDaily.objects.filter(window.lines_q("day"), person_id__in=people)
            .values("person_id", "day")
            .annotate(amount=Sum("amount"))
            .order_by("person_id", "day")
            .values_list("person_id", "day", "amount")
        )
    out: dict[int, tuple[list[dt.date], list[Decimal]]] = {}
    for person_id, day, amount in rows:  # rollup rows: a person's days, not sales lines
        days, totals = out.setdefault(person_id, ([], []))
        days.append(day)
        totals.append((totals[-1] if totals else ZERO) + Decimal(amount))
    return out


def _same_day_before(window: Window, ids: list[int]) -> dict[int, Decimal]:
    """What each sale's person sold on its day, in ``window``'s slice, in lines before it.
    Raw SQL: the ORM joins a table to itself only through a relation."""
    table = connection.ops.quote_name(SalesLine._meta.db_table)
    where = ""
    params: list[Any] = []
    if window.product_line_id is not None:
        products = connection.ops.quote_name(Product._meta.db_table)
        where += f" AND s.product_id IN (SELECT id FROM {products} WHERE line_id = %s)"
        params.append(window.product_line_id)
    if window.customer_type_id is not None:
        where += " AND s.customer_type_id = %s"
        params.append(window.customer_type_id)
    sql = (
        f"SELECT o.id, SUM(s.amount) FROM {table} o JOIN {table} s"
        f" ON s.person_id = o.person_id AND s.sold_on = o.sold_on AND s.id < o.id{where}"
        f" WHERE o.id IN ({', '.join(['%s'] * len(ids))}) GROUP BY o.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids])
        # The column holds 1/10,000 units (``ExactDecimalField``).
        return {pk: units_to_decimal(int(units)) for pk, units in cursor.fetchall() if units}
