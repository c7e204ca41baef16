"""The series of targets set at a grain the standing kinds do not cover: a person by a
product line or region, a product, a product category, two dimensions at once … (the
``cell`` kind, one series per distinct grain a current or coming revenue target has).

A grain is the target's coordinates (``GRAIN_FIELDS``), written canonically
(``grain_code``: ``"node:3|person:5|product_line:2"``) so a target finds its stored series.
Read set-based from ``SalesMonthly`` as the target's actual is (``targets.cells``): the
node's subtree, the region's subtree, the product's line and category, the person, the
customer type and the channel. The grains are grouped by which fields they name; each group
is one grouped read, restricted to the members its grains name, whose rows (not facts) are
added to every wanted grain they fall in (a few node and region ancestors each).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import product as combinations

import numpy as np
from django.db.models import QuerySet, Sum

from salestarget.actuals.models import SalesMonthly
from salestarget.catalog.models import Region
from salestarget.core.forecasting.accuracy import Array

# A target's coordinates in the order of the grain's code, and the rollup's column for each.
GRAIN_FIELDS = (
    "node",
    "person",
    "product_category",
    "product_line",
    "product",
    "region",
    "customer_type",
    "channel",
)
ROLLUP_COLUMNS = {
    "node": "node_id",
    "person": "person_id",
    "product_category": "product__line__category_id",
    "product_line": "product__line_id",
    "product": "product_id",
    "region": "region_id",
    "customer_type": "customer_type_id",
    "channel": "channel_id",
}
Grain = tuple[int | None, ...]  # one place per ``GRAIN_FIELDS``


def grain_of(target: object) -> Grain:
    return tuple(getattr(target, f"{f}_id", None) for f in GRAIN_FIELDS)


def grain_code(grain: Grain) -> str:
    """The canonical text of a grain: its named fields in order (``"node:3|channel:2"``)."""
    return "|".join(f"{f}:{v}" for f, v in zip(GRAIN_FIELDS, grain, strict=True) if v)


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def cell_series(
    rows: QuerySet[SalesMonthly],
    grains: Iterable[Grain],
    months: list[dt.date],
    node_ancestors: Mapping[int, list[int]],
) -> dict[Grain, Array]:
    """Each grain's monthly series over ``months`` from ``rows`` (the window's rollup
    rows): one grouped read per set of fields named."""
    column_of = {month: i for i, month in enumerate(months)}
    wanted = set(grains)
    out: dict[Grain, Array] = {g: np.zeros(len(months)) for g in wanted}
    groups: dict[tuple[int, ...], set[Grain]] = defaultdict(set)
    for grain in wanted:
        groups[tuple(i for i, v in enumerate(grain) if v and GRAIN_FIELDS[i] != "node")].add(grain)
    region_ancestors: dict[int, list[int]] = {}
    if any(GRAIN_FIELDS.index("region") in named for named in groups):
        region_ancestors = {pk: _path_ids(p) for pk, p in Region.objects.values_list("pk", "path")}
    for named, members in groups.items():
        chosen = rows
        for i in named:
            values = {g[i] for g in members}
            if GRAIN_FIELDS[i] == "region":  # the rollup's regions inside the wanted ones
                values = {r for r, up in region_ancestors.items() if values.intersection(up)}
            chosen = chosen.filter(**{f"{ROLLUP_COLUMNS[GRAIN_FIELDS[i]]}__in": values})
        columns = [ROLLUP_COLUMNS[GRAIN_FIELDS[i]] for i in named]
        for node, month, *found, amount in chosen.values_list(
            "node_id", "month", *columns
        ).annotate(total=Sum("amount")):
            column = column_of[month]
            places: list[list[int | None]] = [[*node_ancestors.get(node, [node]), None]]
            for i, value in zip(named, found, strict=True):
                up = region_ancestors.get(value, [value]) if GRAIN_FIELDS[i] == "region" else None
                places.append(list(up) if up is not None else [value])
            for at in combinations(*places):
                grain = _grain(named, at)
                if grain in members:
                    out[grain][column] += float(amount)  # float ok: model input
    return out


def _grain(named: tuple[int, ...], at: tuple[int | None, ...]) -> Grain:
    """The grain with the node ``at[0]`` and the named fields' values ``at[1:]``."""
    grain: list[int | None] = [None] * len(GRAIN_FIELDS)
    grain[0] = at[0]
    for i, value in zip(named, at[1:], strict=True):
        grain[i] = value
    return tuple(grain)
