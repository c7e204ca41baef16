"""Computing every series' forecast: the background task's work (after imports, nightly,
and when the demo loads).

The forecast starts at the month of the last day with facts when that month is not yet
complete (its partial actual is not history), else at the month after. It runs to the end
of the next fiscal year, so the current targets and next year's proposals both have it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from decimal import Decimal

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from salestarget.actuals.models import PersonDaily
from salestarget.core.forecasting import (
    ForecastSpec,
    SeriesForecast,
    forecast,
    seasonal_pattern,
)
from salestarget.core.forecasting.accuracy import Array
from salestarget.core.forecasting.methods import MODEL_METHODS, model_band
from salestarget.core.forecasting.proposals import YEAR, year_error
from salestarget.forecasting.models import (
    DIMENSION_KINDS,
    ForecastRun,
    SeriesKind,
    StoredForecast,
)
from salestarget.forecasting.series import SeriesSet, month_add, months_between, series_read
from salestarget.forecasting.series_keys import SeriesKey
from salestarget.forecasting.services.customers import customer_rollup_rebuild
from salestarget.forecasting.services.reliability import past_target_calls
from salestarget.org.models import CompanySettings
from salestarget.targets.company_metrics import metric_definition
from salestarget.worker.runners import runner_token

DIMENSION_VALUES = {kind.value for kind in DIMENSION_KINDS.values()}

log = logging.getLogger(__name__)
KEEP_RUNS = 2  # the latest run and the one before (a page reading during a run keeps it)


def first_forecast_month(last_fact_day: dt.date) -> dt.date:
    month = last_fact_day.replace(day=1)
    if month_add(month, 1) - dt.timedelta(days=1) == last_fact_day:
        return month_add(month, 1)
    return month


def horizon_for(first_month: dt.date, fiscal_year_start_month: int) -> int:
    """Months from ``first_month`` to the end of the next fiscal year."""
    year = (
        first_month.year if first_month.month >= fiscal_year_start_month else first_month.year - 1
    )
    next_year_end = dt.date(year + 2, fiscal_year_start_month, 1)
    return months_between(first_month, next_year_end)


def forecasts_compute(*, spec: ForecastSpec | None = None) -> ForecastRun | None:
    """Forecast every series from the monthly rollups and store the run; None without facts."""
    last = PersonDaily.objects.aggregate(last=Max("day"))["last"]
    if last is None:
        return None
    customer_rollup_rebuild(last_day=last)  # what the customer analysis reads
    first_month = first_forecast_month(last)
    horizon = horizon_for(first_month, CompanySettings.current().fiscal_year_start_month)
    run = ForecastRun.objects.create(
        first_month=first_month, last_fact_day=last, horizon=horizon, runner=runner_token()
    )
    started = time.monotonic()
    try:
        series = series_read(first_month)
        next_phase = first_month.month - 1
        patterns = _team_patterns(series, next_phase)
        results = forecast(
            series.values,
            horizon=horizon,
            spec=spec,
            pattern=[
                None if i in series.metrics else _pattern_of(key, series, patterns)
                for i, key in enumerate(series.keys)
            ],
            next_phase=next_phase,
        )
        levels = _level_places(series)
        rows = [
            _stored(run, key, values, result, series.months, places=6 if i in levels else 2)
            for i, (key, values, result) in enumerate(
                zip(series.keys, series.values, results, strict=True)
            )
        ]
        for place, row in enumerate(rows):
            row.metric = series.metric_of(place)
        # The proposals and the reliability table are of revenue (targets as usually set).
        for place, (row, values, result) in enumerate(
            zip(rows, series.values, results, strict=True)
        ):
            if row.kind == "node" and place not in series.metrics:
                row.year_error = _year_error(values[len(values) - result.history :], result)
        calls = past_target_calls(series, results, first_month)
        with transaction.atomic():
            StoredForecast.objects.bulk_create(rows, batch_size=500)
            ForecastRun.objects.filter(pk=run.pk).update(
                status=ForecastRun.Status.DONE,
                finished_at=timezone.now(),
                series=len(rows),
                calls=calls,
                seconds=time.monotonic() - started,
            )
        _prune()
    except Exception as exc:
        log.exception("forecast run %s failed", run.pk)
        ForecastRun.objects.filter(pk=run.pk).update(
            status=ForecastRun.Status.FAILED, finished_at=timezone.now(), message=str(exc)[:2000]
        )
    run.refresh_from_db()
    return run


def _pattern_of(key: SeriesKey, series: SeriesSet, patterns: dict[int, Array]) -> Array | None:
    """The group pattern a short series gets: a person's, their team's; a cell's, its
    unit's (or, naming no unit, its person's team's)."""
    kind, node, person, _fourth = key
    if kind == SeriesKind.PERSON or (kind == SeriesKind.CELL and node is None and person):
        return patterns.get(series.team_of.get(person or -1, -1))
    if kind == SeriesKind.CELL and node is not None:
        return patterns.get(node)
    return None


def _team_patterns(series: SeriesSet, next_phase: int) -> dict[int, Array]:
    """Each node's seasonal pattern from its subtree's history."""
    out: dict[int, Array] = {}
    for place, ((kind, node, _person, _line), values) in enumerate(
        zip(series.keys, series.values, strict=True)
    ):
        if kind == "node" and node is not None and place not in series.metrics:
            pattern = seasonal_pattern(values, 12, next_phase=next_phase)
            if pattern is not None:
                out[node] = pattern
    return out


def _year_error(history: Array, result: SeriesForecast) -> float | None:
    """The chosen method fitted without the last 12 months, against their total."""
    if result.method not in MODEL_METHODS or len(history) < 3 * YEAR:
        return None
    band = model_band(result.method, history[:-YEAR], YEAR, YEAR)
    return year_error(band.mean, history[-YEAR:])


def _level_places(series: SeriesSet) -> set[int]:
    """The places of the series of a level metric (a rate such as 费用率, a score): kept to
    six decimals, not to the cent."""
    codes = set(series.metrics.values())
    levels = {c for c in codes if not metric_definition(c).accumulates}
    return {i for i, code in series.metrics.items() if code in levels}


def _cents(values: Array, places: int = 2) -> list[str]:
    step = Decimal(1).scaleb(-places)
    return [str(Decimal(repr(float(v))).quantize(step)) for v in values]  # float ok: model output


def _stored(
    run: ForecastRun,
    key: SeriesKey,
    values: Array,
    result: SeriesForecast,
    months: list[dt.date],
    *,
    places: int = 2,
) -> StoredForecast:
    kind, node, person, fourth = key
    line = fourth if isinstance(fourth, int) else None
    started = np.flatnonzero(values)
    begin = int(started[0]) if len(started) else len(values) - 1
    accuracy, naive = result.accuracy, result.naive_accuracy
    band = result.band
    return StoredForecast(
        run=run,
        kind=kind,
        node_id=node,
        person_id=person,
        product_line_id=line if kind == SeriesKind.NODE_LINE else None,
        member=line if kind in DIMENSION_VALUES else None,
        grain=fourth if isinstance(fourth, str) else "",
        method=result.method.value,
        reason=result.reason.value,
        history_start=months[begin],
        history=_cents(values[begin:], places),
        mean=_cents(band.mean, places),
        lo80=_cents(band.lo80, places),
        hi80=_cents(band.hi80, places),
        lo95=_cents(band.lo95, places),
        hi95=_cents(band.hi95, places),
        mase=accuracy.mase if accuracy else None,
        smape=accuracy.smape if accuracy else None,
        bias=accuracy.bias if accuracy else None,
        windows=accuracy.windows if accuracy else 0,
        naive_mase=naive.mase if naive else None,
        naive_smape=naive.smape if naive else None,
    )


def _prune() -> None:
    keep = list(
        ForecastRun.objects.filter(status=ForecastRun.Status.DONE)
        .order_by("-pk")
        .values_list("pk", flat=True)[:KEEP_RUNS]
    )
    if keep:
        ForecastRun.objects.filter(pk__lt=min(keep)).delete()
