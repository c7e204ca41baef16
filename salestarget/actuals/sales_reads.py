"""Sales sums by dimension (product, region, customer type, channel) over any span of days.

Pages ask the fine dimensions by day only at the edges of a span: a breakdown or a product
target to date (the month in progress), last year's same days, a SPIF window or a ``?at=``
date inside a month. So no daily rollup keeps them (it held about 0.7 rows per sales line,
written on every import). A span is read as

- its whole months from ``SalesMonthly`` (kept current on every write, so a month in progress
  is there too: an edge that runs from the 1st to the last day with facts, or past it, is
  that month's row, exactly);
- its other edge days from the sales lines' day-grain index (``salesline_day_grain``: day,
  node, person, the dimensions and the summed columns), which the database keeps on every
  write in place of the plain date index it replaced; a read of a few days' lines never
  touches the table's rows.

Org and time groupings (days, months, people, units) read ``PersonDaily``, the stored daily
grain (day × node × person, every fact).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, Count, F, Max, Q, QuerySet, Sum, Value, When

from salestarget.actuals.models import PersonDaily, SalesLine, SalesMonthly
from salestarget.fields import ExactDecimalField

Span = tuple[dt.date, dt.date]


def data_end() -> dt.date | None:
    """The last day holding any fact (one probe of the daily rollup's grain index)."""
    day: dt.date | None = PersonDaily.objects.aggregate(d=Max("day"))["d"]
    return day


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_after(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def month_split(
    start: dt.date, end: dt.date, *, last: dt.date | None
) -> tuple[Span | None, list[Span]]:
    """``start..end`` as whole months (the first days of the first and last of them) and the
    day spans left at its edges. A last edge from the 1st to ``last`` (the last day with
    facts) or beyond counts as its whole month: nothing later is stored."""
    if last is not None and end >= last and start <= month_start(end):
        end = month_after(end) - dt.timedelta(days=1)
    first_full = start if start.day == 1 else month_after(start)
    after = end + dt.timedelta(days=1)
    end_full = after if after.day == 1 else month_start(after)  # the day after whole months
    if first_full >= end_full:
        return None, [(start, end)]
    edges = []
    if start < first_full:
        edges.append((start, first_full - dt.timedelta(days=1)))
    if end_full <= end:
        edges.append((end_full, end))
    return (first_full, month_start(end_full - dt.timedelta(days=1))), edges


def _exact(expression: Any) -> Any:
    return Sum(expression, output_field=ExactDecimalField())


def _when(condition: Q, then: Any) -> Any:
    return Case(When(condition, then=then), default=Value(0), output_field=ExactDecimalField())


# Each rollup sum (``rollup_columns.SALES_LIST``) over sales lines, as the rollups add them.
LINE_SUMS: dict[str, Any] = {
    "amount": lambda: _exact(F("amount")),
    "gross_amount": lambda: _exact(_when(Q(amount__gt=0), F("amount"))),
    "returned_amount": lambda: _exact(_when(Q(amount__lt=0), -F("amount"))),
    "quantity": lambda: _exact(F("quantity")),
    "cost": lambda: _exact(F("cost")),  # a null (unknown) cost adds nothing
    "lines": lambda: Count("*"),  # not the id: the index alone answers
    "uncosted_amount": lambda: _exact(_when(Q(cost__isnull=True), F("amount"))),
}


def sums(names: Iterable[str], *, lines: bool, prefix: str = "s_") -> dict[str, Any]:
    """``{prefix + fact: aggregate}`` over sales lines (``lines``) or a sales rollup."""
    if lines:
        return {f"{prefix}{n}": LINE_SUMS[n]() for n in names}
    return {f"{prefix}{n}": Sum(n) for n in names}


def sales_parts(
    start: dt.date, end: dt.date, *, last: dt.date | None
) -> list[tuple[QuerySet[Any], bool]]:
    """The reads that make up ``start..end`` at the fine dimensions: (rows filtered to their
    part of the span, whether they are sales lines). Callers filter them further by node,
    person or dimension (the columns are named alike) and aggregate with :func:`sums`."""
    months, edges = month_split(start, end, last=last)
    parts: list[tuple[QuerySet[Any], bool]] = []
    if months:
        parts.append((SalesMonthly.objects.filter(month__range=months), False))
    for a, b in edges:
        parts.append((SalesLine.objects.filter(sold_on__range=(a, b)), True))
    return parts
