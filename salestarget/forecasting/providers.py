"""What forecasting lends the layers below it through their registries (they may not import
it): the statistical outlook tracking shows beside its run rate, and the probability and the
forecast-based proposals of the plan form's 可实现 check. Everything here reads the latest
stored run; nothing is forecast on the request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _

from salestarget.core.money import quantize
from salestarget.core.periods import Period
from salestarget.forecasting.labels import METHODS, PROPOSALS
from salestarget.forecasting.models import ForecastRun, SeriesKind
from salestarget.forecasting.queries.outlook import FORECAST_METRIC, outlooks
from salestarget.forecasting.queries.proposals import year_proposals
from salestarget.forecasting.queries.runs import latest_run, stored_for
from salestarget.forecasting.series import month_add, months_between
from salestarget.forecasting.series_keys import key_of
from salestarget.org.models import OrgNode
from salestarget.targets.achievability import Achievability, ForecastProposal
from salestarget.targets.cells import DIMENSIONS
from salestarget.tracking.outlooks import OutlookFigure


def stored_outlooks(targets: Sequence[Any], at: dt.date) -> list[OutlookFigure | None]:
    """P50 and the probability of reaching each target whose period is still running, as of
    the latest run (in the target's metric and direction); None for a day before the run's
    data (the outlook is of now), a series not forecast, or a period over before the run's
    first month."""
    found: list[OutlookFigure | None] = [None] * len(targets)
    run = latest_run()
    if run is None or (run.last_fact_day is not None and at < run.last_fact_day):
        return found
    wanted = [
        i
        for i, t in enumerate(targets)
        if t.period_end >= run.first_month and key_of(t) is not None
    ]
    items = outlooks([targets[i] for i in wanted], run)
    for i, item in zip(wanted, items, strict=True):
        if item.outlook is not None and item.p50 is not None:
            found[i] = OutlookFigure(p50=item.p50, probability=item.probability)
    return found


def _covered(run: ForecastRun, period: Period) -> bool:
    """Whether the run's forecast reaches the period's last month (a distribution cut short
    would understate the total)."""
    last = period.end.replace(day=1)
    return period.end >= run.first_month and months_between(run.first_month, last) < run.horizon


def _amount(value: float, decimals: int) -> Decimal:  # float ok: a model's figure in
    return quantize(Decimal(repr(value)), decimals)


def forecast_achievability(
    *, metric: str, node: OrgNode, period: Period, value: Decimal | None, decimals: int
) -> Achievability | None:
    """The chance of reaching ``value`` for the node's subtree over ``period`` (actual to date
    + the stored forecast of the rest), and the forecast-based proposals: for next fiscal
    year the four methods with their errors on past years, otherwise the forecast's P50
    with its backtest error."""
    run = latest_run()
    if run is None or not _covered(run, period):
        return None
    key = (SeriesKind.NODE.value, node.pk, None, None)
    stored = stored_for(run, [key], metric=metric).get(key)
    if stored is None:
        return None
    probe = SimpleNamespace(
        metric=metric,
        node_id=node.pk,
        person_id=None,
        period_start=period.start,
        period_end=period.end,
        value=value,
        base_value=None,
        challenge_value=None,
        **dict.fromkeys(DIMENSIONS),
    )
    (item,) = outlooks([probe], run)
    if item.outlook is None:
        return None
    how = str(METHODS.get(stored.method, stored.method))
    if stored.smape is not None:
        how = _("%(method)s，回测误差 %(off).1f%%") % {"method": how, "off": stored.smape}
    year = year_proposals(stored, run) if metric == FORECAST_METRIC else None
    proposals: list[ForecastProposal] = []
    year_before = None
    if year is not None and (year.year_start, month_add(year.year_start, 12)) == (
        period.start,
        month_add(period.end.replace(day=1), 1),
    ):
        year_before = _amount(year.this_year, decimals)
        for row in year.rows:
            p = row.proposal
            proposals.append(
                ForecastProposal(
                    method=p.method,
                    label=str(PROPOSALS[p.method]),
                    value=_amount(p.value, decimals),
                    error=p.error,
                    years=len(p.errors),
                    probability=row.probability,
                )
            )
    elif item.p50 is not None:
        proposals.append(
            ForecastProposal(
                method="forecast",
                label=str(_("预测中位数（P50）")),
                value=quantize(item.p50, decimals),
                error=None if stored.smape is None else stored.smape / 100,
                years=stored.windows,
                probability=item.outlook.probability(
                    float(item.p50),  # float ok: statistics
                    lower_is_better=item.lower_is_better,
                ),
            )
        )
    chance = item.probability if value is not None else None
    return Achievability(probability=chance, note=how, proposals=proposals, year_before=year_before)
