"""The forecast run pages read, and its stored series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import numpy as np

from salestarget.core.forecasting import Band
from salestarget.forecasting.models import ForecastRun, SeriesKind, StoredForecast
from salestarget.forecasting.series_keys import SeriesKey
from salestarget.forecasting.series_metrics import FORECAST_METRIC


def latest_run() -> ForecastRun | None:
    return ForecastRun.objects.filter(status=ForecastRun.Status.DONE).order_by("-pk").first()


def stored_key(row: StoredForecast) -> SeriesKey:
    """A stored series' key: the fourth place is the product line, the dimension's member
    for a node × dimension series, or a cell's grain code."""
    fourth: int | str | None = row.member
    if row.kind == SeriesKind.NODE_LINE:
        fourth = row.product_line_id
    elif row.kind == SeriesKind.CELL:
        fourth = row.grain
    return (row.kind, row.node_id, row.person_id, fourth)


def stored_for(
    run: ForecastRun, keys: Iterable[SeriesKey], *, metric: str = FORECAST_METRIC
) -> dict[SeriesKey, StoredForecast]:
    """The run's stored series of ``metric`` for ``keys``: one query per kind of series (an
    IN list, not an OR per key: a plan's tree asks for thousands, past SQLite's expression
    depth)."""
    wanted = set(keys)
    found: dict[SeriesKey, StoredForecast] = {}
    for kind in {k[0] for k in wanted}:
        mine = [k for k in wanted if k[0] == kind]
        rows = StoredForecast.objects.filter(run=run, metric=metric, kind=kind)
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
