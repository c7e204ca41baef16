"""Next fiscal year's target proposals for a unit: 历史分析法, 趋势分析, 回归 and the forecast,
each with its error on past years and the probability of reaching it (from the forecast's
distribution of next year's total)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from salestarget.core.forecasting import outlook
from salestarget.core.forecasting.proposals import YEAR, Proposal, proposals
from salestarget.forecasting.models import ForecastRun, StoredForecast
from salestarget.forecasting.queries.runs import band_of
from salestarget.forecasting.series import month_add, months_between
from salestarget.org.models import CompanySettings


@dataclass(frozen=True)
class ProposalRow:
    proposal: Proposal
    probability: float
    growth: float | None  # over this year's expected total


@dataclass(frozen=True)
class YearProposals:
    year_start: dt.date  # the first month of the proposed year
    this_year: float  # this year's expected total: actual months + the forecast of the rest
    rows: list[ProposalRow]


def fiscal_year_start(month: dt.date, start_month: int) -> dt.date:
    year = month.year if month.month >= start_month else month.year - 1
    return dt.date(year, start_month, 1)


def year_proposals(stored: StoredForecast, run: ForecastRun) -> YearProposals | None:
    """None when the series has no whole past year or the forecast does not reach next year."""
    start_month = CompanySettings.current().fiscal_year_start_month
    this_year = fiscal_year_start(run.first_month, start_month)
    next_year = month_add(this_year, YEAR)
    band = band_of(stored)
    ahead = months_between(run.first_month, next_year)  # forecast months left this year
    if ahead + YEAR > len(band.mean):
        return None
    history = np.asarray([float(v) for v in stored.history], dtype=np.float64)  # float ok
    # From the first whole fiscal year of history to this year's end (forecast filled in).
    skip = (-months_between(this_year, stored.history_start)) % YEAR
    monthly = np.concatenate([history[skip:], band.mean[:ahead]])
    if len(monthly) < 2 * YEAR or len(monthly) % YEAR:
        return None
    expected = float(monthly[-YEAR:].sum())  # float ok: statistics
    next_band = band.months(ahead, ahead + YEAR)
    distribution = outlook(actual=0.0, band=next_band)
    found = proposals(monthly)
    forecast_errors = (stored.year_error,) if stored.year_error is not None else ()
    found.append(Proposal("forecast", float(next_band.mean.sum()), forecast_errors))  # float ok
    rows = [
        ProposalRow(
            p,
            distribution.probability(p.value),
            p.value / expected - 1 if expected > 0 else None,
        )
        for p in found
    ]
    return YearProposals(next_year, expected, rows)
