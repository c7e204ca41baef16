"""The outlook of current targets: actual to date + the forecast of the rest of the period,
its P10/P50/P90 and the probability of reaching the target, the base and the challenge.

Only revenue targets have an outlook (the forecasts are of net sales), each from the series
of its own coordinates (``queries.runs.key_of``: a person, a node, a node's product line or
dimension, or any other cell). Actual to date comes from the rollups through
tracking's cell reader, as of the run's last day with facts; the rest of the period is the
stored forecast of its remaining months (the current month by the share of its days still
to come), lifted by the weighted open pipeline where that promises more (people and whole
units only: opportunities carry no product).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from salestarget.core.forecasting import Outlook, outlook
from salestarget.forecasting.models import ForecastRun, SeriesKind, StoredForecast
from salestarget.forecasting.queries.pipeline import weighted_pipeline
from salestarget.forecasting.queries.runs import band_of, stored_for
from salestarget.forecasting.series import months_between
from salestarget.forecasting.series_keys import key_of
from salestarget.targets.company_metrics import metric_definition
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.sums import metric_values
from salestarget.tracking.queries.tree import actual_cell

FORECAST_METRIC = "revenue"


@dataclass
class TargetOutlook:
    target: Any  # a Target or a tracking TargetRow
    stored: StoredForecast | None
    actual: Decimal
    outlook: Outlook | None
    pipeline: Decimal

    def _chance(self, figure: Decimal | None) -> float | None:
        if self.outlook is None or figure is None:
            return None
        return self.outlook.probability(float(figure))  # float ok: statistics

    @property
    def probability(self) -> float | None:
        return self._chance(self.target.value)

    @property
    def base_probability(self) -> float | None:
        return self._chance(self.target.base_value)

    @property
    def challenge_probability(self) -> float | None:
        return self._chance(self.target.challenge_value)

    @property
    def p10(self) -> Decimal | None:
        return _money(self.outlook.p10) if self.outlook else None

    @property
    def p50(self) -> Decimal | None:
        return _money(self.outlook.p50) if self.outlook else None

    @property
    def p90(self) -> Decimal | None:
        return _money(self.outlook.p90) if self.outlook else None


def _money(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def remaining_weights(
    run: ForecastRun, start: dt.date, end: dt.date
) -> tuple[int, int, np.ndarray] | None:
    """Where the period's remaining months sit in the run's forecast: (offset, count,
    share of each still to come); None when nothing of it is left to forecast."""
    first = run.first_month
    last_month = end.replace(day=1)
    if last_month < first:
        return None
    offset = max(0, months_between(first, start.replace(day=1)))
    count = min(months_between(first, last_month) + 1 - offset, run.horizon - offset)
    if count <= 0:
        return None
    share = np.ones(count)
    fact_day = run.last_fact_day
    if offset == 0 and fact_day is not None and fact_day.replace(day=1) == first:
        days = calendar.monthrange(first.year, first.month)[1]
        share[0] = (days - fact_day.day) / days
    if offset == 0 and start > first:  # a period starting inside the first month
        days = calendar.monthrange(first.year, first.month)[1]
        share[0] = min(share[0], (days - start.day + 1) / days)
    return offset, count, share


def outlooks(targets: Sequence[Any], run: ForecastRun | None) -> list[TargetOutlook]:
    """The outlook of each target (None where it has no forecast), reads set-based."""
    if run is None or not targets:
        return [TargetOutlook(t, None, Decimal(0), None, Decimal(0)) for t in targets]
    at = run.last_fact_day or run.first_month
    metric = metric_definition(FORECAST_METRIC)
    cells = [actual_cell(t, at) for t in targets]
    present = [c for c in cells if c is not None]
    values = iter(metric_values(metric, present, version=facts_version()))
    actuals = [Decimal(0) if c is None else (next(values) or Decimal(0)) for c in cells]
    keys = [key_of(t) if t.metric == FORECAST_METRIC else None for t in targets]
    stored = stored_for(run, (k for k in keys if k is not None))
    by_person, by_node = weighted_pipeline()
    out: list[TargetOutlook] = []
    for target, actual, key in zip(targets, actuals, keys, strict=True):
        row = stored.get(key) if key is not None else None
        if row is None:
            out.append(TargetOutlook(target, None, actual, None, Decimal(0)))
            continue
        pipeline = Decimal(0)
        if row.kind == SeriesKind.PERSON:
            pipeline = by_person.get(row.person_id or -1, Decimal(0))
        elif row.kind == SeriesKind.NODE:
            pipeline = by_node.get(row.node_id or -1, Decimal(0))
        place = remaining_weights(run, target.period_start, target.period_end)
        if place is None:
            result = outlook(actual=float(actual), band=None)  # float ok: statistics
        else:
            offset, count, share = place
            result = outlook(
                actual=float(actual),  # float ok: statistics
                band=band_of(row).months(offset),
                months=count,
                weights=share,
                pipeline=float(pipeline),  # float ok: statistics
            )
        out.append(TargetOutlook(target, row, actual, result, pipeline))
    return out
