"""The monthly series of the metrics other than revenue (gross profit, collections,
quantity, new customers, activity counts, 费用率 …): one per metric and series key a current
or coming target of that metric has, so every target's metric gets its outlook.

Read as a target's actual is (``targets.cells.fact_sums_for``, the set-based reader over
the rollups): per metric, one call for all its series' months. A month without a value
(a ratio over no sales) takes the month before's (no value yet: not started).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from types import SimpleNamespace

import numpy as np
from django.core.exceptions import ValidationError

from salestarget.core.forecasting.accuracy import Array
from salestarget.core.metrics import evaluate
from salestarget.forecasting.series_cells import GRAIN_FIELDS, Grain
from salestarget.forecasting.series_keys import SeriesKey, key_of
from salestarget.targets.cells import Cell, fact_sums_for
from salestarget.targets.company_metrics import metric_definition

FORECAST_METRIC = "revenue"  # the metric of the standing series (``series.series_read``)


def metric_series(
    first_month: dt.date, months: list[dt.date]
) -> list[tuple[str, SeriesKey, Array]]:
    """``(metric, key, monthly values over months)`` of every non-revenue metric's series a
    target still running or to come needs; a metric no longer defined, or whose facts are
    not recorded at a grain (expenses by product), has none there."""
    from salestarget.targets.models import Target

    fields = [f"{f}_id" for f in GRAIN_FIELDS]
    rows = (
        Target.objects.filter(period_end__gte=first_month)
        .exclude(metric=FORECAST_METRIC)
        .values_list("metric", *fields)
        .distinct()
    )
    wanted: dict[str, dict[SeriesKey, Grain]] = defaultdict(dict)
    for metric, *grain in rows:
        key = key_of(SimpleNamespace(**dict(zip(fields, grain, strict=True))))
        if key is None:
            continue
        if key[0] == "person":  # a person's series is all they sold, in any unit
            grain = [None, key[2], *[None] * (len(GRAIN_FIELDS) - 2)]
        wanted[metric].setdefault(key, tuple(grain))
    ends = [_month_end(m) for m in months]
    out: list[tuple[str, SeriesKey, Array]] = []
    for code in sorted(wanted):
        try:
            metric = metric_definition(code)
        except ValidationError:
            continue
        keys = sorted(wanted[code].items(), key=lambda item: repr(item[0]))
        cells = [
            Cell(start, end, **dict(zip(fields, grain, strict=True)))
            for _key, grain in keys
            for start, end in zip(months, ends, strict=True)
        ]
        sums = fact_sums_for(metric.fact_names, cells)
        for i, (key, _grain) in enumerate(keys):
            found = sums[i * len(months) : (i + 1) * len(months)]
            values = [None if s is None else evaluate(metric, s) for s, _n in found]
            series = _filled(values)
            if series is not None:
                out.append((code, key, series))
    return out


def _filled(values: list[Decimal | None]) -> Array | None:
    """The values as floats, a missing month at the month before's; None when none has one."""
    if all(v is None for v in values):
        return None
    out = np.zeros(len(values))
    last = 0.0
    for i, value in enumerate(values):
        if value is not None:
            last = float(value)  # float ok: model input
        out[i] = last
    return out


def _month_end(month: dt.date) -> dt.date:
    after = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return after - dt.timedelta(days=1)
