"""The outlook of current targets: actual to date + the forecast of the rest of the period,
its P10/P50/P90 and the probability of reaching the target, the base and the challenge.

Every target's metric has its outlook, each from the series of its own coordinates
(``series_keys.key_of``: a person, a node, a node's product line or dimension, or any other
cell) in its own metric (revenue's standing series; the others' where a target needs them,
``series_metrics``). Actual to date comes from the rollups through tracking's cell reader,
as of the run's last day with facts. An added-up metric (revenue, gross profit, visits …)
ends at actual + the stored forecast of its remaining months (the current month by the
share of its days still to come), revenue lifted by the weighted open pipeline where that
promises more (people and whole units only: opportunities carry no product). A level
metric (费用率, a score) ends at the months' levels averaged (``core…level_outlook``).
Where lower is better, the probability is of staying at or under the figure.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError

from salestarget.core.forecasting import Outlook, level_outlook, outlook
from salestarget.core.metrics import Direction, MetricDefinition
from salestarget.forecasting.models import ForecastRun, SeriesKind, StoredForecast
from salestarget.forecasting.queries.pipeline import weighted_pipeline
from salestarget.forecasting.queries.runs import band_of, stored_for
from salestarget.forecasting.series import months_between
from salestarget.forecasting.series_keys import key_of
from salestarget.forecasting.series_metrics import FORECAST_METRIC
from salestarget.targets.company_metrics import metric_definition
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.sums import metric_values
from salestarget.tracking.queries.tree import actual_cell

__all__ = ["FORECAST_METRIC", "TargetOutlook", "outlooks", "remaining_weights"]


@dataclass
class TargetOutlook:
    target: Any  # a Target or a tracking TargetRow
    stored: StoredForecast | None
    actual: Decimal | None  # None: a level metric with no value yet (no sales under a 费用率)
    outlook: Outlook | None
    pipeline: Decimal
    metric: MetricDefinition | None = None  # how its figures read: unit and direction

    @property
    def lower_is_better(self) -> bool:
        return self.metric is not None and self.metric.direction is Direction.LOWER_IS_BETTER

    def _chance(self, figure: Decimal | None) -> float | None:
        if self.outlook is None or figure is None:
            return None
        return self.outlook.probability(
            float(figure),  # float ok: statistics
            lower_is_better=self.lower_is_better,
        )

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
    """The outlook of each target (None where it has no forecast): reads set-based, one
    batch per metric among the targets."""
    if run is None or not targets:
        return [TargetOutlook(t, None, Decimal(0), None, Decimal(0)) for t in targets]
    found: list[TargetOutlook | None] = [None] * len(targets)
    by_metric: dict[str, list[int]] = {}
    for i, target in enumerate(targets):
        by_metric.setdefault(target.metric, []).append(i)
    for code, places in by_metric.items():
        mine = [targets[i] for i in places]
        try:
            metric = metric_definition(code)
        except ValidationError:  # a custom metric since removed: no outlook
            items = [TargetOutlook(t, None, Decimal(0), None, Decimal(0)) for t in mine]
        else:
            items = _metric_outlooks(mine, metric, run)
        for i, item in zip(places, items, strict=True):
            found[i] = item
    return [item for item in found if item is not None]


def _metric_outlooks(
    targets: list[Any], metric: MetricDefinition, run: ForecastRun
) -> list[TargetOutlook]:
    at = run.last_fact_day or run.first_month
    cells = [actual_cell(t, at) for t in targets]
    present = [c for c in cells if c is not None]
    values = iter(metric_values(metric, present, version=facts_version()))
    actuals = [None if c is None else next(values) for c in cells]
    keys = [key_of(t) for t in targets]
    stored = stored_for(run, (k for k in keys if k is not None), metric=metric.code)
    revenue = metric.code == FORECAST_METRIC
    by_person, by_node = weighted_pipeline() if revenue else ({}, {})
    out: list[TargetOutlook] = []
    for target, actual, key in zip(targets, actuals, keys, strict=True):
        row = stored.get(key) if key is not None else None
        shown = actual if actual is not None or not metric.accumulates else Decimal(0)
        if row is None:
            out.append(TargetOutlook(target, None, shown, None, Decimal(0), metric))
            continue
        pipeline = Decimal(0)
        if row.kind == SeriesKind.PERSON:
            pipeline = by_person.get(row.person_id or -1, Decimal(0))
        elif row.kind == SeriesKind.NODE:
            pipeline = by_node.get(row.node_id or -1, Decimal(0))
        place = remaining_weights(run, target.period_start, target.period_end)
        result = _period(metric, target, actual, row, place, pipeline)
        out.append(TargetOutlook(target, row, shown, result, pipeline, metric))
    return out


def _period(
    metric: MetricDefinition,
    target: Any,
    actual: Decimal | None,
    row: StoredForecast,
    place: tuple[int, int, np.ndarray] | None,
    pipeline: Decimal,
) -> Outlook:
    """The distribution of the period's value: added up, or a level held over it."""
    to_date = None if actual is None else float(actual)  # float ok: statistics
    if metric.accumulates:
        if place is None:
            return outlook(actual=to_date or 0.0, band=None)
        offset, count, share = place
        return outlook(
            actual=to_date or 0.0,
            band=band_of(row).months(offset),
            months=count,
            weights=share,
            pipeline=float(pipeline),  # float ok: statistics
        )
    if place is None:
        return level_outlook(actual=to_date, elapsed=1.0, band=None)
    offset, count, share = place
    start, end = target.period_start.replace(day=1), target.period_end.replace(day=1)
    months = months_between(start, end) + 1
    return level_outlook(
        actual=to_date,
        elapsed=max(0.0, months - float(share.sum())),  # float ok: statistics
        band=band_of(row).months(offset),
        months=count,
        weights=share,
    )
