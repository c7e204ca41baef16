"""Measure totals per person for a span of days, set-based.

Each read is one ``GROUP BY person`` over a maintained rollup: ``PersonDaily`` (every fact)
or, when a component looks at one product line or customer type (a SPIF), ``SalesMonthly``
for the window's whole months and the sales lines' day-grain index for its edge days
(``actuals.sales_reads``).
Credit splits move the amount of the few split orders between people (one grouped query
over those orders' lines). Nothing here loops over sales lines in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from salestarget.actuals import sales_reads
from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.catalog.models import Product
from salestarget.core.commission.crediting import overlay_credit, split_credit
from salestarget.core.metrics import MetricDefinition, evaluate
from salestarget.incentives.models import CreditKind, CreditSplit
from salestarget.targets.cells import SALES_FACTS

Sums = dict[str, Decimal]
# Up to this many people a read filters by person in SQL; a month run for everyone reads
# the window's rows and keeps its people (the rollups hold one row per person and day, and
# an id list of a thousand costs more to prepare than the rows it would leave out).
FEW = 50


@dataclass(frozen=True)
class Window:
    """The days a component measures, and the slice of sales it looks at."""

    start: dt.date
    end: dt.date
    product_line_id: int | None = None
    customer_type_id: int | None = None

    @property
    def sliced(self) -> bool:
        return self.product_line_id is not None or self.customer_type_id is not None

    def lines_q(self, day_field: str | None = "sold_on") -> Q:
        """The filter for rollup rows (``day``) or sales lines (``sold_on``) in this window
        (``None``: the slice only)."""
        q = Q(**{f"{day_field}__range": (self.start, self.end)}) if day_field else Q()
        if self.product_line_id is not None:
            q &= Q(product_id__in=Product.objects.filter(line_id=self.product_line_id).values("pk"))
        if self.customer_type_id is not None:
            q &= Q(customer_type_id=self.customer_type_id)
        return q


Split = tuple[str, int, Decimal, str]  # order, person, share, kind (CreditSplit's columns)


def fact_sums(
    names: Iterable[str],
    window: Window,
    person_ids: Iterable[int],
    *,
    splits: list[Split] | None = None,
) -> dict[int, Sums]:
    """``{person: {fact: sum}}`` over ``window`` for ``person_ids``, split credit applied
    (``splits``: the credit splits when the caller has read them already)."""
    wanted = sorted(set(names))
    people = sorted(set(person_ids))
    if window.sliced and set(wanted) - SALES_FACTS:
        raise ValidationError({"measure": _("按产品线或客户类型计算的提成项只能使用销售类指标")})
    if window.sliced:
        last = sales_reads.data_end()
        parts = sales_reads.sales_parts(window.start, window.end, last=last)
        reads = [
            (found.filter(window.lines_q(None)), sales_reads.sums(wanted, lines=lines))
            for found, lines in parts
        ]
    else:
        found = PersonDaily.objects.filter(window.lines_q("day"))
        reads = [(found, {f"s_{n}": Sum(n) for n in wanted})]
    out: dict[int, Sums] = defaultdict(lambda: {n: Decimal(0) for n in wanted})
    wanted_people = set(people)
    for found, aggregates in reads:
        if len(people) <= FEW:
            found = found.filter(person_id__in=people)
        for row in found.values("person_id").annotate(**aggregates).order_by():
            if row["person_id"] not in wanted_people:
                continue
            for n in wanted:
                if row[f"s_{n}"] is not None:
                    out[row["person_id"]][n] += Decimal(row[f"s_{n}"])
    if "amount" in wanted:
        for person_id, moved in credit_moves(window, people, splits=splits).items():
            out[person_id]["amount"] += moved
    return {pid: dict(out[pid]) for pid in people}


def measure_values(
    metric: MetricDefinition, window: Window, person_ids: Iterable[int]
) -> dict[int, Decimal | None]:
    return {
        pid: evaluate(metric, sums)
        for pid, sums in fact_sums(metric.fact_names, window, person_ids).items()
    }


def credit_moves(
    window: Window, person_ids: list[int], *, splits: list[Split] | None = None
) -> dict[int, Decimal]:
    """How much amount split and overlay credit moves to or from each person in ``window``:
    the order's seller gives up what the split gives others; overlay adds on top."""
    if splits is None:
        splits = list(CreditSplit.objects.values_list("order_no", "person_id", "share", "kind"))
    if not splits:
        return {}
    orders = {order for order, *_rest in splits}
    totals = (
        SalesLine.objects.filter(window.lines_q(), order_no__in=orders)
        .values("order_no", "person_id")
        .annotate(amount=Sum("amount"))
        .order_by()
    )
    by_order: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for row in totals:
        by_order[row["order_no"]][row["person_id"]] = Decimal(row["amount"])
    moves: dict[int, Decimal] = defaultdict(Decimal)
    wanted = set(person_ids)
    for order, sellers in by_order.items():
        amount = sum(sellers.values(), Decimal(0))
        split = {str(p): s for o, p, s, k in splits if o == order and k == CreditKind.SPLIT}
        overlay = {str(p): s for o, p, s, k in splits if o == order and k == CreditKind.OVERLAY}
        if split:
            for seller, part in sellers.items():
                moves[seller] -= part
            for who, part in split_credit(amount, split).items():
                moves[int(who)] += part
        for who, part in overlay_credit(amount, overlay).items():
            moves[int(who)] += part
    return {pid: value for pid, value in moves.items() if pid in wanted}


def qualifying_deals(window: Window, person_ids: Iterable[int], minimum: Decimal) -> dict[int, int]:
    """Orders of at least ``minimum`` per person in ``window`` (one grouped query)."""
    people = sorted(set(person_ids))
    orders = (
        SalesLine.objects.filter(window.lines_q(), person_id__in=people)
        .values("person_id", "order_no")
        .annotate(total=Sum("amount"))
        .filter(total__gte=minimum)
        .order_by()
    )
    found: dict[int, int] = defaultdict(int)
    for row in orders:  # qualifying orders, already grouped by the database
        found[row["person_id"]] += 1
    return {pid: found.get(pid, 0) for pid in people}
