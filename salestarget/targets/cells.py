"""Actuals for target cells, read from the rollups, set-based, many cells at once.

A ``Cell`` is what a target covers: a span of days and, optionally, an org node (with its
subtree), a person, a product (category / line / product), a region (with its subtree), a
customer type and a channel. ``actuals_for(metric, cells)`` returns the metric's actual for
each cell; ``fact_sums_for(names, cells)`` the underlying fact sums.

How it reads: cells are grouped by the rollup they need (``PersonDaily`` when no product,
region, customer type or channel is named; otherwise ``SalesMonthly`` for whole months and
the sales lines' day-grain index for the days at a span's edges, see
``actuals.sales_reads``; ``MarketSize`` for market size). Each group is one aggregate query over the union of the
cells' spans and subtrees, grouped by the columns the cells distinguish; the grouped rows
(not facts) are then added into the cells they fall in, found through an index by month or
day. So the cost is one query per group plus a pass over grouped rollup rows.

Facts a source does not have (expenses by product, acquisition spend) make the metric
``None`` for that cell rather than a wrong number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals import sales_reads
from salestarget.actuals.models import MarketSize, PersonDaily, SalesLine, SalesMonthly
from salestarget.catalog.models import Product, Region
from salestarget.core.metrics import ACTIVITY_COUNTS, MetricDefinition, evaluate
from salestarget.org.models import OrgNode

SALES_FACTS = frozenset(
    {"amount", "gross_amount", "returned_amount", "quantity", "cost", "uncosted_amount"}
)
PERSON_FACTS = SALES_FACTS | {
    "expense",
    "payment",
    "won",
    "closed",
    "survey_score_sum",
    "survey_count",
    "new_customers",
    *(a.fact for a in ACTIVITY_COUNTS),
}
DIMENSIONS = (
    "product_category_id",
    "product_line_id",
    "product_id",
    "region_id",
    "customer_type_id",
    "channel_id",
)


class MonthStart(TruncMonth):
    """The first day of a date's month, computed by the database itself (Django's ``TruncMonth``
    calls back into Python for every row on SQLite)."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'start of month')", params


@dataclass(frozen=True)
class Cell:
    start: dt.date
    end: dt.date
    node_id: int | None = None
    person_id: int | None = None
    product_category_id: int | None = None
    product_line_id: int | None = None
    product_id: int | None = None
    region_id: int | None = None
    customer_type_id: int | None = None
    channel_id: int | None = None

    @classmethod
    def of(cls, target: Any) -> Cell:
        """The cell a ``Target`` (or anything with the same attributes) covers."""
        return cls(
            start=target.period_start,
            end=target.period_end,
            node_id=target.node_id,
            person_id=target.person_id,
            **{d: getattr(target, d) for d in DIMENSIONS},
        )

    def spanning(self, start: dt.date, end: dt.date) -> Cell:
        return replace(self, start=start, end=end)

    @property
    def has_dimensions(self) -> bool:
        return any(getattr(self, d) for d in DIMENSIONS)

    @property
    def month_aligned(self) -> bool:
        return self.start.day == 1 and (self.end + dt.timedelta(days=1)).day == 1


Sums = dict[str, Decimal]


def actuals_for(
    metric: MetricDefinition, cells: Sequence[Cell], *, none_without_rows: bool = False
) -> list[Decimal | None]:
    """The metric's actual in each cell (None: no value, e.g. a ratio over zero sales).

    With ``none_without_rows`` a cell where no rollup row matched is None too: "no history"
    for a new team or product, as opposed to a history of zero.
    """
    results = fact_sums_for(metric.fact_names, cells)
    values: list[Decimal | None] = []
    for sums, matched in results:
        if sums is None or (none_without_rows and not matched):
            values.append(None)
        else:
            values.append(evaluate(metric, sums))
    return values


def facts_through(start: dt.date, end: dt.date) -> dt.date | None:
    """The last day with facts when ``start..end`` runs past it: the span's actuals are "so
    far", not the whole span (last year's figures while next year is planned before this one
    ends). None when the span's facts are complete, or none of its days has facts yet."""
    last = sales_reads.data_end()
    if last is None or not start <= last < end:
        return None
    return last


def fact_sums_for(names: Iterable[str], cells: Sequence[Cell]) -> list[tuple[Sums | None, int]]:
    """For each cell, the sums of the fact ``names`` and how many rollup rows matched.

    The sums are None when a fact is not available at the cell's grain.
    """
    # A span covering whole months and some edge days (a year to date) is read as its whole
    # months from the monthly grain plus its edge days from the daily grain, then added up.
    parts, owners = _month_parts(cells, sales_reads.data_end())
    if len(parts) == len(cells):
        return _fact_sums(names, parts)
    merged: list[tuple[Sums | None, int]] = [({}, 0) for _ in cells]
    for (sums, matched), owner in zip(_fact_sums(names, parts), owners, strict=True):
        total, count = merged[owner]
        if sums is None or total is None:
            merged[owner] = (None, count + matched)
            continue
        for name, value in sums.items():
            total[name] = total.get(name, Decimal(0)) + value
        merged[owner] = (total, count + matched)
    return merged


def _month_parts(cells: Sequence[Cell], last: dt.date | None) -> tuple[list[Cell], list[int]]:
    """Each cell as its whole months and its edge days (``sales_reads.month_split``: a month
    in progress up to the last day with facts is whole), with their owners."""
    parts: list[Cell] = []
    owners: list[int] = []
    for i, cell in enumerate(cells):
        months, edges = sales_reads.month_split(cell.start, cell.end, last=last)
        spans = list(edges)
        if months:
            month_end = sales_reads.month_after(months[1]) - dt.timedelta(days=1)
            spans.insert(0, (months[0], month_end))
        for start, end in spans:
            parts.append(cell.spanning(start, end))
            owners.append(i)
    return parts, owners


def _fact_sums(names: Iterable[str], cells: Sequence[Cell]) -> list[tuple[Sums | None, int]]:
    wanted = frozenset(names)
    out: list[tuple[Sums | None, int]] = [({n: Decimal(0) for n in wanted}, 0) for _ in cells]
    if not cells:
        return out
    maps = _Maps.load(cells)
    rollup_facts = wanted & PERSON_FACTS
    groups: dict[str, list[int]] = defaultdict(list)
    for i, cell in enumerate(cells):
        unavailable = wanted - PERSON_FACTS - {"market_size"}
        if cell.has_dimensions:
            unavailable |= rollup_facts - SALES_FACTS
        if unavailable:
            out[i] = (None, 0)
            continue
        if rollup_facts:
            if cell.has_dimensions:
                groups["sales_month" if cell.month_aligned else "sales_day"].append(i)
            else:
                groups["person_month" if cell.month_aligned else "person_day"].append(i)
    matched = [0] * len(cells)
    for source, indexes in groups.items():
        _add_rollup(
            source, sorted(rollup_facts), [cells[i] for i in indexes], indexes, out, matched, maps
        )
    if "market_size" in wanted:
        _add_market_size(
            [i for i, o in enumerate(out) if o[0] is not None], cells, out, matched, maps
        )
    return [(sums, matched[i]) for i, (sums, _m) in enumerate(out)]


# -- lookups of the small trees (org, products, regions) --------------------------------------


@dataclass
class _Maps:
    node_ancestors: dict[int, frozenset[int]]
    node_region: dict[int, int | None]
    # product -> (line, category); rows without a product look up None
    product_parents: dict[int | None, tuple[int | None, int | None]]
    region_ancestors: dict[int | None, frozenset[int]]

    @classmethod
    def load(cls, cells: Sequence[Cell]) -> _Maps:
        nodes = OrgNode.objects.values_list("pk", "path", "region_id")
        node_ancestors = {pk: _path_ids(path) for pk, path, _r in nodes}
        node_region: dict[int, int | None] = {pk: region for pk, _p, region in nodes}
        needs_products = any(
            c.product_category_id or c.product_line_id or c.product_id for c in cells
        )
        products: dict[int | None, tuple[int | None, int | None]] = (
            {
                pk: (line, cat)
                for pk, line, cat in Product.objects.values_list(
                    "pk", "line_id", "line__category_id"
                )
            }
            if needs_products
            else {}
        )
        regions: dict[int | None, frozenset[int]] = {
            pk: _path_ids(path) for pk, path in Region.objects.values_list("pk", "path")
        }
        return cls(node_ancestors, node_region, products, regions)


def _path_ids(path: str) -> frozenset[int]:
    return frozenset(int(p) for p in path.strip("/").split("/") if p)


# -- rollup reading ----------------------------------------------------------------------------


def _add_rollup(
    source: str,
    facts: list[str],
    cells: list[Cell],
    indexes: list[int],
    out: list[tuple[Sums | None, int]],
    matched: list[int],
    maps: _Maps,
) -> None:
    by_month = source.endswith("month")
    if source == "sales_month":
        qs: Any = SalesMonthly.objects.all()
        bucket_field = "month"
    elif source == "sales_day":  # the days at a span's edges: the lines' day-grain index
        qs = SalesLine.objects.all()
        bucket_field = "sold_on"
    elif source == "person_month":
        qs = PersonDaily.objects.annotate(bucket=MonthStart("day"))
        bucket_field = "bucket"
    else:
        qs = PersonDaily.objects.all()
        bucket_field = "day"
    date_field = {"sales_month": "month", "sales_day": "sold_on"}.get(source, "day")
    qs = qs.filter(_spans_q(date_field, cells, by_month))
    if all(c.node_id for c in cells):
        node_ids = {c.node_id for c in cells}
        paths = OrgNode.objects.filter(pk__in=node_ids).values_list("path", flat=True)
        qs = qs.filter(
            node__in=OrgNode.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))
        )
    if all(c.person_id for c in cells):
        qs = qs.filter(person_id__in={c.person_id for c in cells})
    group = [bucket_field, "node_id", "person_id"]
    if source.startswith("sales"):
        if any(c.product_category_id or c.product_line_id or c.product_id for c in cells):
            group.append("product_id")
        for dim in ("region_id", "customer_type_id", "channel_id"):
            if any(getattr(c, dim) for c in cells):
                group.append(dim)
    aggregates = sales_reads.sums(facts, lines=source == "sales_day")
    rows = qs.values(*group).annotate(**aggregates).order_by()

    by_person, by_node, others = _cell_index(cells, by_month)
    for row in rows:
        bucket = row[bucket_field]
        if isinstance(bucket, dt.datetime):
            bucket = bucket.date()
        # Only the cells that can hold the row: its person's, its node's ancestors', and the
        # cells naming neither (``_row_in_cell`` still checks every coordinate).
        candidates = list(by_person.get((bucket, row["person_id"]), ()))
        candidates += others.get(bucket, ())
        for ancestor in maps.node_ancestors.get(row["node_id"], ()):
            candidates += by_node.get((bucket, ancestor), ())
        for local in candidates:
            cell = cells[local]
            if not _row_in_cell(row, cell, maps):
                continue
            target_index = indexes[local]
            sums = out[target_index][0]
            assert sums is not None
            for f in facts:
                value = row[f"s_{f}"]
                if value is not None:
                    sums[f] += Decimal(value)
            matched[target_index] += 1


def _spans_q(date_field: str, cells: list[Cell], by_month: bool) -> Q:
    """The days the cells cover, as a few date ranges (this year to date and the same days
    last year are two ranges, not the whole year between them)."""
    spans = sorted((c.start.replace(day=1) if by_month else c.start, c.end) for c in cells)
    merged: list[list[dt.date]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if len(merged) > 20:  # many scattered spans: one range is cheaper to plan
        merged = [[merged[0][0], max(e for _s, e in merged)]]
    return reduce(or_, (Q(**{f"{date_field}__range": (a, b)}) for a, b in merged))


def _cell_index(
    cells: list[Cell], by_month: bool
) -> tuple[
    dict[tuple[dt.date, int], list[int]],
    dict[tuple[dt.date, int], list[int]],
    dict[dt.date, list[int]],
]:
    """The cells by (bucket, person), by (bucket, node) for cells naming a node but no
    person, and by bucket for the rest."""
    by_person: dict[tuple[dt.date, int], list[int]] = defaultdict(list)
    by_node: dict[tuple[dt.date, int], list[int]] = defaultdict(list)
    others: dict[dt.date, list[int]] = defaultdict(list)
    for bucket, locals_ in _bucket_index(cells, by_month).items():
        for local in locals_:
            cell = cells[local]
            if cell.person_id:
                by_person[(bucket, cell.person_id)].append(local)
            elif cell.node_id:
                by_node[(bucket, cell.node_id)].append(local)
            else:
                others[bucket].append(local)
    return by_person, by_node, others


def _bucket_index(cells: list[Cell], by_month: bool) -> dict[dt.date, list[int]]:
    index: dict[dt.date, list[int]] = defaultdict(list)
    for i, cell in enumerate(cells):
        day = cell.start.replace(day=1) if by_month else cell.start
        while day <= cell.end:
            index[day].append(i)
            if by_month:
                day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            else:
                day += dt.timedelta(days=1)
    return index


def _row_in_cell(row: dict[str, Any], cell: Cell, maps: _Maps) -> bool:
    if cell.node_id and cell.node_id not in maps.node_ancestors.get(row["node_id"], ()):
        return False
    if cell.person_id and row["person_id"] != cell.person_id:
        return False
    if cell.product_id or cell.product_line_id or cell.product_category_id:
        product = row.get("product_id")
        line, category = maps.product_parents.get(product, (None, None))
        if cell.product_id and product != cell.product_id:
            return False
        if cell.product_line_id and line != cell.product_line_id:
            return False
        if cell.product_category_id and category != cell.product_category_id:
            return False
    if cell.region_id and cell.region_id not in maps.region_ancestors.get(row.get("region_id"), ()):
        return False
    if cell.customer_type_id and row.get("customer_type_id") != cell.customer_type_id:
        return False
    return not (cell.channel_id and row.get("channel_id") != cell.channel_id)


def _add_market_size(
    indexes: list[int],
    cells: Sequence[Cell],
    out: list[tuple[Sums | None, int]],
    matched: list[int],
    maps: _Maps,
) -> None:
    """Market size of the cell's region (or its org node's region), by month."""
    regional = []
    for i in indexes:
        cell = cells[i]
        region = cell.region_id or (maps.node_region.get(cell.node_id) if cell.node_id else None)
        if region is None:
            out[i] = (None, matched[i])
        else:
            regional.append((i, region))
    if not regional:
        return
    start = min(cells[i].start for i, _r in regional).replace(day=1)
    end = max(cells[i].end for i, _r in regional)
    rows = (
        MarketSize.objects.filter(month__range=(start, end))
        .values("region_id", "month")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    for row in rows:
        month = row["month"]
        ancestors = maps.region_ancestors.get(row["region_id"], frozenset())
        for i, region in regional:
            cell = cells[i]
            if region in ancestors and cell.start.replace(day=1) <= month <= cell.end:
                sums = out[i][0]
                assert sums is not None
                sums["market_size"] += Decimal(row["s"])
                matched[i] += 1
