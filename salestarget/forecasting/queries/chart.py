"""The data of a target's outlook charts: the series' monthly history and forecast with its
bands, and the period's cumulative actual and outlook (P10/P50/P90) against the target."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from salestarget.core.forecasting import outlook
from salestarget.forecasting.models import ForecastRun
from salestarget.forecasting.queries.outlook import TargetOutlook, remaining_weights
from salestarget.forecasting.queries.runs import band_of, history_of
from salestarget.forecasting.series import month_add, months_between

HISTORY_MONTHS = 24


def _num(value: float | Decimal | None) -> float | None:
    return None if value is None else round(float(value), 2)  # float ok: chart data


def chart_data(item: TargetOutlook, run: ForecastRun) -> dict[str, Any]:
    stored = item.stored
    if stored is None:
        return {"available": False}
    band = band_of(stored)
    history = history_of(stored)[-HISTORY_MONTHS:]
    months = [m for m, _v in history] + [
        month_add(run.first_month, i) for i in range(len(band.mean))
    ]
    pad = [None] * len(history)
    monthly = {
        "months": [m.strftime("%Y-%m") for m in months],
        "actual": [_num(v) for _m, v in history] + [None] * len(band.mean),
        "mean": pad + [_num(v) for v in band.mean],
        "lo80": pad + [_num(v) for v in band.lo80],
        "hi80": pad + [_num(v) for v in band.hi80],
        "lo95": pad + [_num(v) for v in band.lo95],
        "hi95": pad + [_num(v) for v in band.hi95],
    }
    return {"available": True, "monthly": monthly, "period": _cumulative(item, run)}


def _cumulative(item: TargetOutlook, run: ForecastRun) -> dict[str, Any]:
    """Month by month through the period: the cumulative actual up to the run, then the
    outlook's P10/P50/P90 of the total so far."""
    target = item.target
    start, end = target.period_start.replace(day=1), target.period_end.replace(day=1)
    months = [month_add(start, i) for i in range(months_between(start, end) + 1)]
    actual: list[float | None] = [None] * len(months)
    p10: list[float | None] = [None] * len(months)
    p50: list[float | None] = [None] * len(months)
    p90: list[float | None] = [None] * len(months)
    place = remaining_weights(run, target.period_start, target.period_end)
    done = [i for i, m in enumerate(months) if m < run.first_month]
    adds_up = item.metric is None or item.metric.accumulates
    if item.stored is not None and done:
        by_month = dict(history_of(item.stored))
        running = Decimal(0)
        for i in done:
            month = by_month.get(months[i], Decimal(0))
            running = running + month if adds_up else month  # a level: each month's own
            actual[i] = _num(running)
    if not adds_up and item.outlook is not None:
        # A level held over the period: where it lands, drawn over the months to come.
        final = item.outlook
        for i, first_day in enumerate(months):
            if first_day >= run.first_month:
                p10[i], p50[i], p90[i] = _num(final.p10), _num(final.p50), _num(final.p90)
    elif place is not None and item.stored is not None:
        offset, count, share = place
        band = band_of(item.stored).months(offset)
        begin = months_between(start, month_add(run.first_month, offset))
        if offset == 0 and 0 <= begin < len(months) and share[0] < 1:
            actual[begin] = _num(item.actual)  # the current month so far
        so_far = float(item.actual or 0)  # float ok: drawn, the band's statistics are floats
        for k in range(1, count + 1):
            o = outlook(actual=so_far, band=band, months=k, weights=share)
            i = begin + k - 1
            if 0 <= i < len(months):
                p10[i], p50[i], p90[i] = _num(o.p10), _num(o.p50), _num(o.p90)
    return {
        "months": [m.strftime("%Y-%m") for m in months],
        "actual": actual,
        "p10": p10,
        "p50": p50,
        "p90": p90,
        "target": _num(target.value),
        "base": _num(target.base_value),
        "challenge": _num(target.challenge_value),
    }
