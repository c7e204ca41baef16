"""The monthly series forecasting needs, read set-based from the monthly sales rollup.

Grouped queries over ``SalesMonthly`` (never the sales lines): person × month, node × month,
node × product line × month, and node × region, channel or customer type × month for the
members current and coming revenue targets are set by (one query for the targets, one
grouped read per dimension they use); and every other grain such a target has (a person by
a dimension, a product, a product category, two dimensions: ``series_cells``). A node's series is its whole subtree: each node's
own rows are added to its ancestors' (a loop over the grouped rows, a few per node and
month, not over facts).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np
from django.db.models import Max, QuerySet, Sum

from salestarget.actuals.models import SalesMonthly
from salestarget.core.forecasting.accuracy import Array
from salestarget.forecasting.series_cells import GRAIN_FIELDS, Grain, cell_series, grain_code
from salestarget.forecasting.series_keys import SeriesKey, key_of
from salestarget.forecasting.series_metrics import FORECAST_METRIC, metric_series
from salestarget.org.models import OrgNode

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
    # Each series' metric where it is not revenue (``series_metrics``), by place in ``keys``.
    metrics: dict[int, str] = field(default_factory=dict)

    def index(self) -> dict[SeriesKey, int]:
        """Revenue series' places by key."""
        return {key: i for i, key in enumerate(self.keys) if i not in self.metrics}

    def metric_of(self, place: int) -> str:
        return self.metrics.get(place, FORECAST_METRIC)


def series_read(first_month: dt.date, *, years: int = HISTORY_YEARS) -> SeriesSet:
    """The series of the ``years`` before ``first_month`` (the first forecast month): the
    revenue series, then the other metrics' the targets need (``series_metrics``)."""
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
    for (kind, node, member), values in sorted(
        _dimension_series(rows, first_month, start, len(months), ancestors).items()
    ):
        out.keys.append((kind, node, None, member))
        out.values.append(values)
    cells = cell_series(rows, cells_needed(first_month), months, ancestors)
    for grain, values in sorted(cells.items(), key=lambda item: grain_code(item[0])):
        out.keys.append(("cell", grain[0], grain[1], grain_code(grain)))
        out.values.append(values)
    latest = rows.values_list("person_id", "node_id").annotate(last=Max("month"))
    seen: dict[int, dt.date] = {}
    for person, node, last in latest:
        if person not in seen or last > seen[person]:
            seen[person], out.team_of[person] = last, node
    for metric, key, values in metric_series(first_month, months):
        out.metrics[len(out.keys)] = metric
        out.keys.append(key)
        out.values.append(values)
    return out


def dimensions_needed(first_month: dt.date) -> dict[str, set[tuple[int, int]]]:
    """``{dimension: {(node, member)}}`` of the revenue targets still running or to come
    that are set by exactly one of region, channel or customer type (and no person,
    product line or product)."""
    from salestarget.forecasting.models import DIMENSION_KINDS
    from salestarget.targets.models import Target

    fields = [f"{d}_id" for d in DIMENSION_KINDS]
    rows = Target.objects.filter(
        metric=FORECAST_METRIC,
        period_end__gte=first_month,
        person__isnull=True,
        product_line__isnull=True,
        product__isnull=True,
        product_category__isnull=True,
    ).values_list("node_id", *fields)
    needed: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for node, *members in rows.distinct():
        set_by = [(d, m) for d, m in zip(DIMENSION_KINDS, members, strict=True) if m]
        if len(set_by) == 1 and node is not None:
            needed[set_by[0][0]].add((node, set_by[0][1]))
    return needed


def cells_needed(first_month: dt.date) -> set[Grain]:
    """The grains of the revenue targets still running or to come that no standing kind
    covers (``queries.runs.key_of`` gives them a ``cell`` key): one query."""
    from salestarget.targets.models import Target

    fields = [f"{f}_id" for f in GRAIN_FIELDS]
    rows = Target.objects.filter(metric=FORECAST_METRIC, period_end__gte=first_month).values_list(
        *fields
    )
    found: set[Grain] = set()
    for values in rows.distinct():
        probe = SimpleNamespace(**dict(zip(fields, values, strict=True)))
        key = key_of(probe)
        if key is not None and key[0] == "cell":
            found.add(tuple(values))
    return found


def _dimension_series(
    rows: QuerySet[SalesMonthly],
    first_month: dt.date,
    start: dt.date,
    length: int,
    ancestors: dict[int, list[int]],
) -> dict[tuple[str, int, int], Array]:
    """Each needed node × member series: one grouped read per dimension, restricted to the
    members asked for, each row added to the ancestors that need it."""
    from salestarget.forecasting.models import DIMENSION_KINDS

    out: dict[tuple[str, int, int], Array] = {}
    for dim, wanted in dimensions_needed(first_month).items():
        kind = DIMENSION_KINDS[dim].value
        for key in wanted:
            out[(kind, *key)] = np.zeros(length)
        members = {m for _node, m in wanted}
        for node, member, month, amount in (
            rows.filter(**{f"{dim}_id__in": members})
            .values_list("node_id", f"{dim}_id", "month")
            .annotate(total=Sum("amount"))
        ):
            column = months_between(start, month)
            for ancestor in ancestors.get(node, [node]):
                if (ancestor, member) in wanted:
                    out[(kind, ancestor, member)][column] += float(amount)  # float ok: model input
    return out
