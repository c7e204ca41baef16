"""The forecast run pages read, and its stored series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import numpy as np

from salestarget.core.forecasting import Band
from salestarget.forecasting.models import (
    DIMENSION_KINDS,
    ForecastRun,
    SeriesKind,
    StoredForecast,
)
from salestarget.forecasting.series import SeriesKey
from salestarget.forecasting.series_cells import grain_code, grain_of


def latest_run() -> ForecastRun | None:
    return ForecastRun.objects.filter(status=ForecastRun.Status.DONE).order_by("-pk").first()


def key_of(target: object) -> SeriesKey | None:
    """The series a target's forecast comes from: a person, a node's subtree, a node's
    product line, a node's region, channel or customer type (one of them), or for any other
    coordinates (a product, a product category, a person with a dimension, two dimensions)
    the target's own grain (a ``cell``); None for a target naming nothing."""
    grain = grain_of(target)
    if not any(grain):
        return None
    cell = (SeriesKind.CELL.value, grain[0], grain[1], grain_code(grain))
    if any(getattr(target, f"{d}_id", None) for d in ("product_category", "product")):
        return cell
    person = getattr(target, "person_id", None)
    node = getattr(target, "node_id", None)
    line = getattr(target, "product_line_id", None)
    members = {
        dim: value for dim in DIMENSION_KINDS if (value := getattr(target, f"{dim}_id", None))
    }
    if members:
        if person or line or not node or len(members) > 1:
            return cell
        ((dim, value),) = members.items()
        return (DIMENSION_KINDS[dim].value, node, None, value)
    if person and not line:
        return (SeriesKind.PERSON.value, None, person, None)
    if node and line and not person:
        return (SeriesKind.NODE_LINE.value, node, None, line)
    if node and not person:
        return (SeriesKind.NODE.value, node, None, None)
    return cell


def stored_key(row: StoredForecast) -> SeriesKey:
    """A stored series' key: the fourth place is the product line, the dimension's member
    for a node × dimension series, or a cell's grain code."""
    fourth: int | str | None = row.member
    if row.kind == SeriesKind.NODE_LINE:
        fourth = row.product_line_id
    elif row.kind == SeriesKind.CELL:
        fourth = row.grain
    return (row.kind, row.node_id, row.person_id, fourth)


def stored_for(run: ForecastRun, keys: Iterable[SeriesKey]) -> dict[SeriesKey, StoredForecast]:
    """The run's stored series for ``keys``: one query per kind of series (an IN list, not an
    OR per key: a plan's tree asks for thousands, past SQLite's expression depth)."""
    wanted = set(keys)
    found: dict[SeriesKey, StoredForecast] = {}
    for kind in {k[0] for k in wanted}:
        mine = [k for k in wanted if k[0] == kind]
        rows = StoredForecast.objects.filter(run=run, kind=kind)
        if kind == SeriesKind.PERSON.value:
            rows = rows.filter(person_id__in={k[2] for k in mine})
        elif kind == SeriesKind.CELL.value:
            rows = rows.filter(grain__in={k[3] for k in mine})
        else:
            rows = rows.filter(node_id__in={k[1] for k in mine})
        for r in rows:
            key = stored_key(r)
            if key in wanted:
                found[key] = r
    return found


def band_of(stored: StoredForecast) -> Band:
    def arr(values: list[str]) -> np.ndarray:
        return np.asarray([float(v) for v in values], dtype=np.float64)  # float ok: statistics

    return Band(
        mean=arr(stored.mean),
        lo80=arr(stored.lo80),
        hi80=arr(stored.hi80),
        lo95=arr(stored.lo95),
        hi95=arr(stored.hi95),
    )


def history_of(stored: StoredForecast) -> list[tuple[dt.date, Decimal]]:
    from salestarget.forecasting.series import month_add

    return [(month_add(stored.history_start, i), Decimal(v)) for i, v in enumerate(stored.history)]
