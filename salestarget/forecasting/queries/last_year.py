"""Last year for next year's quota scenarios, when last year has not ended yet.

Targets' decomposition preview reads last year's actuals up to the last day with facts and
says so (``Preview.last_year_through``). Here, above targets, the stored forecast can finish
that year: each member's facts so far plus the forecast of the rest of its year-ago span
(its outlook's P50 less its facts to date, the same figure the outlook page expects). That
is only done when the run starts right after the last day with facts and its months reach
the span's end, for every member with a last year; otherwise the page keeps last year "so
far" and marks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from salestarget.forecasting.models import ForecastRun
from salestarget.forecasting.queries.outlook import outlooks
from salestarget.forecasting.series import months_between


def year_rest_forecast(
    probes: Mapping[str, Any], run: ForecastRun | None, *, through: dt.date, end: dt.date
) -> dict[str, Decimal] | None:
    """The forecast of each member's days after ``through`` up to ``end``, by member key (only
    the members with a forecast); None when the run does not cover those days."""
    if run is None or run.last_fact_day != through:
        return None  # an older run: its forecast overlaps facts since, or misses days
    if months_between(run.first_month, end.replace(day=1)) >= run.horizon:
        return None
    rest: dict[str, Decimal] = {}
    for key, item in zip(probes, outlooks(list(probes.values()), run), strict=True):
        p50 = item.p50
        if p50 is not None and item.actual is not None:
            rest[key] = p50 - item.actual
    return rest
