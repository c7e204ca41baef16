"""Progress of a list of targets, each at the data's as-of date (我的目标): one set-based read
of actuals per metric, the time progress of each target's plan (its basis, calendar and
thresholds), and ``core.tracking.track``. Registered with ``targets.queries.mine``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from salestarget.core.tracking import TrackingResult
from salestarget.org.models import CompanySettings
from salestarget.targets.cells import Cell
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import Target
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import Progress, as_of, period_of, plan_progress
from salestarget.tracking.queries.sums import metric_values


def targets_progress(targets: Sequence[Target]) -> list[TrackingResult | None]:
    """Each target's tracking result at the as-of date (the last day with data, at the
    latest today); None for a target whose period has not started."""
    if not targets:
        return []
    version = facts_version()
    day = as_of(version=version).day
    year_start_month = CompanySettings.current().fiscal_year_start_month
    started = [i for i, t in enumerate(targets) if t.period_start <= day]
    by_metric: dict[str, list[int]] = defaultdict(list)
    for i in started:
        by_metric[targets[i].metric].append(i)
    actuals: dict[int, Decimal | None] = {}
    for code, indexes in by_metric.items():
        cells = [_cell(targets[i], day) for i in indexes]
        values = metric_values(metric_definition(code), cells, version=version)
        actuals.update(zip(indexes, values, strict=True))
    progress_of: dict[int, Progress] = {}
    results: list[TrackingResult | None] = [None] * len(targets)
    for i in started:
        t = targets[i]
        if t.plan_id not in progress_of:
            spans = [(u.period_start, u.period_end) for u in targets if u.plan_id == t.plan_id]
            span = (min(s for s, _e in spans), max(e for _s, e in spans))
            progress_of[t.plan_id] = plan_progress(t.plan, span=span, version=version)
        period = period_of(
            t.period, t.period_start, t.period_end, year_start_month=year_start_month
        )
        results[i] = progress_of[t.plan_id].track(
            t.value, actuals.get(i), period, min(day, t.period_end)
        )
    return results


def _cell(target: Target, day: dt.date) -> Cell:
    return Cell(
        start=target.period_start,
        end=min(target.period_end, day),
        node_id=None if target.person_id else target.node_id,
        person_id=target.person_id,
        product_category_id=target.product_category_id,
        product_line_id=target.product_line_id,
        product_id=target.product_id,
        region_id=target.region_id,
        customer_type_id=target.customer_type_id,
        channel_id=target.channel_id,
    )
