"""The personas' company with three years of monthly sales, for forecasting stories.

王小明 (rep, 北京一组) sells 10,000 a month with a December peak of 20,000 from June 2023;
陈小红 (rep_other, 上海一组) 8,000 a month. June 2026 has sales up to the 15th (tracking's
``june_sales``), so the forecast starts at June 2026 with half of June to come.
"""

from __future__ import annotations

import datetime as dt

import pytest

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.core.forecasting import ForecastSpec
from salestarget.forecasting.models import ForecastRun
from salestarget.forecasting.series import month_add
from salestarget.forecasting.services.compute import forecasts_compute
from tests.personas import Company
from tests.tracking.conftest import (  # noqa: F401  (fixtures)
    _fresh_tracking_cache,
    holiday,
    june_plan,
    june_sales,
    sell,
    target_of,
)

# Seasonal naive alone: these tests are about storing and reading forecasts, not choosing a
# model (tests/core/forecasting does that), and the machine is shared.
QUICK = ForecastSpec(candidates=())
FIRST = dt.date(2023, 6, 1)


@pytest.fixture
def history(june_sales: Company) -> Company:  # noqa: F811  (the imported fixture)
    company = june_sales
    for i in range(36):
        month = month_add(FIRST, i)
        if month == dt.date(2025, 6, 1):
            continue  # june_sales already sold in June 2025
        peak = 2 if month.month == 12 else 1
        sell(company, month.replace(day=10), str(10000 * peak))
        sell(company, month.replace(day=12), "8000", person=company.rep_other)
    rollups_rebuild()
    return company


@pytest.fixture
def run(history: Company) -> ForecastRun:
    result = forecasts_compute(spec=QUICK)
    assert result is not None
    return result


@pytest.fixture
def first_weeks(company: Company, holiday) -> Company:  # noqa: F811  (the imported fixture)
    """A new company's first two weeks: its first sales on 1–15 June 2026, nothing before."""
    sell(company, dt.date(2026, 6, 1), "12000")
    sell(company, dt.date(2026, 6, 15), "18000")
    sell(company, dt.date(2026, 6, 8), "20000", person=company.rep_other)
    rollups_rebuild()
    return company


@pytest.fixture
def first_run(first_weeks: Company) -> ForecastRun:
    result = forecasts_compute(spec=QUICK)
    assert result is not None
    return result
