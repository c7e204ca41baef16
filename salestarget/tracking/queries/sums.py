"""Fact sums from the rollups, cached per facts version.

Two shapes of read:

* per **cell** (a target's coordinates): ``fact_sums`` / ``metric_values`` — the one
  set-based reader ``targets.cells.fact_sums_for``, cached;
* per **member** of a grouping (day, month, person, node, or a dimension such as product or
  channel) inside one node's subtree or one person: ``grouped_sums`` — one ``GROUP BY`` over
  ``PersonDaily`` (org and time groupings, every fact) or, for a dimension grouping (sales
  facts only), over ``SalesMonthly`` for the whole months of the span plus the sales lines'
  day-grain index for the days at its edges (``actuals.sales_reads``). The database does
  the grouping, so a drill-down into 10 million lines returns a few dozen rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from salestarget.actuals import sales_reads
from salestarget.actuals.models import PersonDaily
from salestarget.catalog.models import Product
from salestarget.core.metrics import MetricDefinition, evaluate
from salestarget.org.models import OrgNode
from salestarget.targets.cells import (
    PERSON_FACTS,
    SALES_FACTS,
    Cell,
    MonthStart,
    Sums,
    fact_sums_for,
)
from salestarget.tracking.cache import cached

# Groupings and the rollup column each reads.
TIME_GROUPS = {"day": "day", "month": "month"}
ORG_GROUPS = {"person": "person_id", "node": "node_id"}
DIMENSION_GROUPS = {
    "product_category": "product_id",
    "product_line": "product_id",
    "product": "product_id",
    "region": "region_id",
    "customer_type": "customer_type_id",
    "channel": "channel_id",
}


def fact_sums(
    names: Iterable[str], cells: Sequence[Cell], *, version: str
) -> list[tuple[Sums | None, int]]:
    wanted = tuple(sorted(set(names)))
    return cached(
        "cells", (wanted, tuple(cells)), lambda: fact_sums_for(wanted, cells), version=version
    )


def metric_values(
    metric: MetricDefinition, cells: Sequence[Cell], *, version: str
) -> list[Decimal | None]:
    return [
        None if sums is None else evaluate(metric, sums)
        for sums, _n in fact_sums(metric.fact_names, cells, version=version)
    ]


def available_facts(group: str) -> frozenset[str]:
    return SALES_FACTS if group in DIMENSION_GROUPS else PERSON_FACTS


def grouped_sums(
    names: Iterable[str],
    *,
    start: dt.date,
    end: dt.date,
    group: str,
    node: OrgNode | None = None,
    person_id: int | None = None,
    version: str,
) -> dict[Any, Sums] | None:
    """``{member: {fact: sum}}`` for the days ``start..end`` within ``node``'s subtree (or
    ``person_id``'s facts, or everything), grouped by ``group``. None when a fact is not
    recorded at that grouping (expenses by product …)."""
    wanted = tuple(sorted(set(names)))
    if set(wanted) - available_facts(group):
        return None
    key = (wanted, start, end, group, node.path if node else None, person_id)
    return cached(
        "grouped",
        key,
        lambda: _grouped(wanted, start, end, group, node, person_id),
        version=version,
    )


def _grouped(
    names: tuple[str, ...],
    start: dt.date,
    end: dt.date,
    group: str,
    node: OrgNode | None,
    person_id: int | None,
) -> dict[Any, Sums]:
    out: dict[Any, Sums] = defaultdict(lambda: {n: Decimal(0) for n in names})
    where = Q()
    if node is not None and not _is_only_root(node):
        where &= Q(node_id__in=OrgNode.objects.filter(path__startswith=node.path).values("pk"))
    if person_id is not None:
        where &= Q(person_id=person_id)
    sums = {f"s_{n}": Sum(n) for n in names}
    if group in DIMENSION_GROUPS:
        # Group by the rollup's own column (no joins over millions of rows), then map products
        # to their line or category here.
        column = DIMENSION_GROUPS[group]
        member = _product_parent(group)
        last = sales_reads.data_end()
        for rows, lines in sales_reads.sales_parts(start, end, last=last):
            grouped = rows.filter(where).values(column)
            for row in grouped.annotate(**sales_reads.sums(names, lines=lines)).order_by():
                _add(out[member(row[column])], row, names)
        return dict(out)
    qs: Any = PersonDaily.objects.filter(where, day__range=(start, end))
    if group == "month":
        qs = qs.annotate(month=MonthStart("day"))
        column = "month"
    elif group in TIME_GROUPS:
        column = TIME_GROUPS[group]
    else:
        column = ORG_GROUPS[group]
    for row in qs.values(column).annotate(**sums).order_by():
        member = row[column]
        if isinstance(member, dt.datetime):
            member = member.date()
        _add(out[member], row, names)
    return dict(out)


def _is_only_root(node: OrgNode) -> bool:
    return (
        node.parent_id is None
        and not OrgNode.objects.filter(parent__isnull=True).exclude(pk=node.pk).exists()
    )


def _product_parent(group: str) -> Any:
    """Product id → its line or category id (identity for other groupings)."""
    if group not in ("product_line", "product_category"):
        return lambda key: key
    field = "line_id" if group == "product_line" else "line__category_id"
    parents = dict(Product.objects.values_list("pk", field))
    return lambda key: parents.get(key, key)


def _add(target: Sums, row: dict[str, Any], names: tuple[str, ...]) -> None:
    for n in names:
        value = row[f"s_{n}"]
        if value is not None:
            target[n] += Decimal(value)


def evaluate_groups(
    metric: MetricDefinition, groups: dict[Any, Sums] | None
) -> dict[Any, Decimal | None]:
    if groups is None:
        return {}
    return {k: evaluate(metric, v) for k, v in groups.items()}
