"""The reliability table's calls from the company's own past targets: each target of a
period over in the last year, set in whole months on a series the run forecast, gets the
probability its series' method gave on the backtest before the period began
(``core.forecasting.target_calls``), beside whether it was made.

Levels (a 费用率, a score) are left out: their period is not the sum of its months. The
targets of plans still in draft are left out too: nobody was held to them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from types import SimpleNamespace

from django.core.exceptions import ValidationError

from salestarget.core.forecasting import PastTarget, SeriesForecast, target_calls
from salestarget.core.metrics import Direction
from salestarget.forecasting.series import SeriesSet, month_add, months_between
from salestarget.forecasting.series_cells import GRAIN_FIELDS
from salestarget.forecasting.series_keys import key_of
from salestarget.targets.company_metrics import metric_definition

LOOK_BACK = 12  # months: the backtest windows cover the last year of history


def past_target_calls(
    series: SeriesSet, results: Sequence[SeriesForecast], first_month: dt.date
) -> dict[str, list[tuple[float, bool]]]:
    """``{series kind: [(probability, made), …]}`` of the past targets: one query."""
    from salestarget.targets.models import Status, Target

    fields = [f"{f}_id" for f in GRAIN_FIELDS]
    rows = (
        Target.objects.filter(
            period_start__gte=month_add(first_month, -LOOK_BACK),
            period_end__lt=first_month,
        )
        .exclude(plan__status=Status.DRAFT)
        .values_list("metric", "period_start", "period_end", "value", *fields)
    )
    places = {(series.metric_of(i), key): i for i, key in enumerate(series.keys)}
    lower: dict[str, bool | None] = {}
    wanted: dict[int, list[PastTarget]] = defaultdict(list)
    for metric, start, end, value, *grain in rows:
        if metric not in lower:
            lower[metric] = _direction(metric)
        if lower[metric] is None or not _whole_months(start, end):
            continue
        key = key_of(SimpleNamespace(**dict(zip(fields, grain, strict=True))))
        place = places.get((metric, key)) if key is not None else None
        if place is None:
            continue
        used = results[place].history
        offset = len(series.values[place]) - used  # the history the method was fitted on
        wanted[place].append(
            PastTarget(
                start=months_between(series.months[0], start) - offset,
                months=months_between(start, end.replace(day=1)) + 1,
                value=float(value),  # float ok: statistics
                lower_is_better=bool(lower[metric]),
            )
        )
    calls: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for place, targets in wanted.items():
        values, result = series.values[place], results[place]
        history = values[len(values) - result.history :]
        calls[series.keys[place][0]].extend(
            (round(p, 4), made) for p, made in target_calls(history, result.backtest, targets)
        )
    return dict(calls)


def _direction(code: str) -> bool | None:
    """Whether lower is better for the metric; None for a level or an unknown metric."""
    try:
        metric = metric_definition(code)
    except ValidationError:
        return None
    if not metric.accumulates:
        return None
    return metric.direction is Direction.LOWER_IS_BETTER


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and (end + dt.timedelta(days=1)).day == 1
