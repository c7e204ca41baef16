"""Forecasts by the other dimensions a target is set by: a plan's target for the company's
北方区域 (region 华北) gets its own series — only the sales in that region, which are
王小明's — and an outlook, where before it had none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from salestarget.forecasting.models import SeriesKind, StoredForecast
from salestarget.forecasting.queries.outlook import outlooks
from salestarget.forecasting.series_keys import key_of
from salestarget.forecasting.services.compute import forecasts_compute
from salestarget.targets.models import Status, Target
from salestarget.targets.services.plans import plan_create

from .conftest import QUICK

JULY_START, JULY_END = dt.date(2026, 7, 1), dt.date(2026, 7, 31)


@pytest.fixture
def region_target(history) -> Target:
    plan = plan_create(
        by=history.director.user,
        name="2026-07 销售额",
        metric="revenue",
        period="2026-07",
        scope_node=history.root,
        owner=history.director,
        value=Decimal(300000),
    )
    return Target.objects.create(
        plan=plan,
        parent=plan.root,
        metric="revenue",
        period="2026-07",
        period_start=JULY_START,
        period_end=JULY_END,
        node=history.root,
        region=history.region_north,
        value=Decimal(9000),
        status=Status.DRAFT,
    )


def test_a_region_target_gets_the_regions_own_series_and_an_outlook(history, region_target):
    key = key_of(region_target)
    assert key == (SeriesKind.NODE_REGION.value, history.root.pk, None, history.region_north.pk)
    run = forecasts_compute(spec=QUICK)
    stored = StoredForecast.objects.get(run=run, kind=SeriesKind.NODE_REGION)
    assert (stored.node_id, stored.member) == (history.root.pk, history.region_north.pk)
    # Only 华北's customers: 王小明's 10,000 a month, not the company's 18,000.
    may_2026 = stored.history[-2]
    assert Decimal(may_2026) == Decimal(10000)
    (item,) = outlooks([region_target], run)
    assert item.stored == stored
    assert item.p50 is not None
    assert float(item.p50) == pytest.approx(10000, rel=0.15)
    assert item.probability is not None
    assert item.probability > 0.5  # 9,000 against a region selling about 10,000 in July


def test_targets_nobody_sets_by_a_dimension_add_no_series(history):
    run = forecasts_compute(spec=QUICK)
    kinds = set(StoredForecast.objects.filter(run=run).values_list("kind", flat=True))
    assert kinds == {SeriesKind.PERSON, SeriesKind.NODE, SeriesKind.NODE_LINE}


def test_two_dimensions_at_once_are_forecast_as_their_own_cell(history, region_target):
    # (tests/forecasting/test_cells.py reads such series)
    region_target.channel = history.channel
    assert key_of(region_target)[0] == SeriesKind.CELL
