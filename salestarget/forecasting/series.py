"""The monthly series forecasting needs, read set-based from the monthly sales rollup.

Three reads, each one grouped query over ``SalesMonthly`` (never the sales lines): person ×
month, node × month and node × product line × month. A node's series is its whole subtree:
each node's own rows are added to its ancestors' (a loop over the grouped rows, a few per
node and month, not over facts).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Max, Sum

from salestarget.actuals.models import SalesMonthly
from salestarget.core.forecasting.accuracy import Array
from salestarget.org.models import OrgNode

SeriesKey = tuple[str, int | None, int | None, int | None]  # kind, node, person, product line
HISTORY_YEARS = 5


def month_add(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (both first days)."""
    return (end.year - start.year) * 12 + end.month - start.month


@dataclass
class SeriesSet:
    """Every series on one month axis (``months``, oldest first, ending before the forecast),
    with each person's team (for the group pattern of a short history)."""

    months: list[dt.date]
    keys: list[SeriesKey] = field(default_factory=list)
    values: list[Array] = field(default_factory=list)
    team_of: dict[int, int] = field(default_factory=dict)  # person → node

    def index(self) -> dict[SeriesKey, int]:
        return {key: i for i, key in enumerate(self.keys)}


def series_read(first_month: dt.date, *, years: int = HISTORY_YEARS) -> SeriesSet:
    """The series of the ``years`` before ``first_month`` (the first forecast month)."""
    start = month_add(first_month, -12 * years)
    months = [month_add(start, i) for i in range(12 * years)]
    out = SeriesSet(months=months)
    rows = SalesMonthly.objects.filter(month__gte=start, month__lt=first_month)
    paths = dict(OrgNode.objects.values_list("pk", "path"))
    ancestors = {
        pk: [int(p) for p in path.strip("/").split("/") if p] for pk, path in paths.items()
    }
    by_person: dict[int, Array] = defaultdict(lambda: np.zeros(len(months)))
    for person, month, amount in rows.values_list("person_id", "month").annotate(
        total=Sum("amount")
    ):
        by_person[person][months_between(start, month)] += float(amount)  # float ok: model input
    by_node: dict[int, Array] = defaultdict(lambda: np.zeros(len(months)))
    by_line: dict[tuple[int, int], Array] = defaultdict(lambda: np.zeros(len(months)))
    for node, line, month, amount in rows.values_list(
        "node_id", "product__line_id", "month"
    ).annotate(total=Sum("amount")):
        column = months_between(start, month)
        for ancestor in ancestors.get(node, [node]):
            by_node[ancestor][column] += float(amount)  # float ok: model input
            if line is not None:
                by_line[(ancestor, line)][column] += float(amount)  # float ok: model input
    for person, values in sorted(by_person.items()):
        out.keys.append(("person", None, person, None))
        out.values.append(values)
    for node, values in sorted(by_node.items()):
        out.keys.append(("node", node, None, None))
        out.values.append(values)
    for (node, line), values in sorted(by_line.items()):
        out.keys.append(("node_line", node, None, line))
        out.values.append(values)
    latest = rows.values_list("person_id", "node_id").annotate(last=Max("month"))
    seen: dict[int, dt.date] = {}
    for person, node, last in latest:
        if person not in seen or last > seen[person]:
            seen[person], out.team_of[person] = last, node
    return out
