"""Every target has its own series: a target set by a person and a product line, by a
product, by a product category or by two dimensions at once gets the series of exactly its
own cell (a ``cell``), read from the monthly rollup as its actual is, and an outlook.

The world: 王小明 (北京一组) sells 10,000 a month of 产品A to 北京客户 (region 华北) and,
from the new 海淀 sub-region of 华北, 1,000 a month of 产品B; 陈小红 (上海一组) sells 8,000 a
month of 产品A in 华东. All through the direct channel.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import Customer, Region
from salestarget.catalog.services import region_save
from salestarget.forecasting.models import SeriesKind, StoredForecast
from salestarget.forecasting.queries.outlook import outlooks
from salestarget.forecasting.queries.runs import latest_run
from salestarget.forecasting.series import month_add, series_read
from salestarget.forecasting.series_cells import grain_code, grain_of
from salestarget.forecasting.series_keys import key_of
from salestarget.forecasting.services.compute import forecasts_compute
from salestarget.targets.models import Status, Target
from salestarget.targets.services.plans import plan_create
from tests.forecasting.conftest import FIRST, QUICK
from tests.tracking.conftest import sell

D = Decimal
JULY_START, JULY_END = dt.date(2026, 7, 1), dt.date(2026, 7, 31)


@pytest.fixture
def haidian(history):
    """A sub-region of 华北 whose customer buys 1,000 of 产品B from 王小明 each month."""
    region = region_save(region=Region(code="R-N-HD", name="海淀", parent=history.region_north))
    customer = Customer.objects.create(
        code="C-HD",
        name="海淀客户",
        customer_type=history.customer_type,
        region=region,
        channel=history.channel,
    )
    for i in range(36):
        sell(
            history,
            month_add(FIRST, i).replace(day=20),
            "1000",
            product=history.product_b,
            customer=customer,
        )
    rollups_rebuild()
    return region


@pytest.fixture
def july_plan(history):
    return plan_create(
        by=history.director.user,
        name="2026-07 销售额",
        metric="revenue",
        period="2026-07",
        scope_node=history.root,
        owner=history.director,
        value=D(300000),
    )


def _target(plan, value: str, **coordinates) -> Target:
    return Target.objects.create(
        plan=plan,
        parent=plan.root,
        metric="revenue",
        period="2026-07",
        period_start=JULY_START,
        period_end=JULY_END,
        value=D(value),
        status=Status.DRAFT,
        **coordinates,
    )


def _may(stored: StoredForecast) -> Decimal:
    return Decimal(stored.history[-2])  # May 2026, the last whole month before June's half


def test_each_targets_own_grain_gets_its_own_series_and_outlook(history, haidian, july_plan):
    h = history
    line = h.product_a.line
    targets = {
        # a person by a product line (the person's team named, as a decomposition leaves it)
        "rep × line": (
            _target(july_plan, "9000", node=h.team_bj, person=h.rep, product_line=line),
            11000,
        ),
        # a product across the company
        "产品B": (_target(july_plan, "900", node=h.root, product=h.product_b), 1000),
        # a product category across the company: everything sold
        "category": (
            _target(july_plan, "15000", node=h.root, product_category=line.category),
            19000,
        ),
        # two dimensions at once: 华北 (with its sub-region 海淀) through the direct channel
        "华北 × direct": (
            _target(july_plan, "9000", node=h.root, region=h.region_north, channel=h.channel),
            11000,
        ),
        # a person by a region: 王小明 in 海淀 only
        "rep × 海淀": (
            _target(july_plan, "800", node=h.team_bj, person=h.rep, region=haidian),
            1000,
        ),
    }
    for target, _sold in targets.values():
        assert key_of(target) == (
            "cell",
            target.node_id,
            target.person_id,
            grain_code(grain_of(target)),
        )
    run = forecasts_compute(spec=QUICK)
    assert run is not None
    assert run.status == "done"
    cells = {s.grain: s for s in StoredForecast.objects.filter(run=run, kind=SeriesKind.CELL)}
    assert len(cells) == len(targets)
    items = outlooks([t for t, _s in targets.values()], run)
    for (name, (target, sold)), item in zip(targets.items(), items, strict=True):
        stored = cells[grain_code(grain_of(target))]
        assert _may(stored) == D(sold), name
        assert item.stored == stored, name
        assert float(item.p50) == pytest.approx(sold, rel=0.2), name
        assert item.probability > 0.5, name  # each target is about 90% of its usual July


def test_the_cells_series_is_what_the_rollups_sold_month_by_month(history, haidian, july_plan):
    # A cell series and the target's actual read the same rows: June 2025's whole month.
    h = history
    target = _target(july_plan, "9000", node=h.root, region=h.region_north, channel=h.channel)
    run = forecasts_compute(spec=QUICK)
    stored = StoredForecast.objects.get(run=run, kind=SeriesKind.CELL)
    months = [month_add(stored.history_start, i) for i in range(len(stored.history))]
    june_2025 = Decimal(stored.history[months.index(dt.date(2025, 6, 1))])
    from salestarget.targets.cells import Cell, actuals_for
    from salestarget.targets.company_metrics import metric_definition

    cell = Cell.of(target).spanning(dt.date(2025, 6, 1), dt.date(2025, 6, 30))
    (actual,) = actuals_for(metric_definition("revenue"), [cell])
    assert june_2025 == actual


def test_more_targets_of_the_same_shape_add_no_query(history, haidian, july_plan):
    h = history
    _target(july_plan, "9000", node=h.team_bj, person=h.rep, product_line=h.product_a.line)
    first = latest_run() or forecasts_compute(spec=QUICK)
    with CaptureQueriesContext(connection) as one:
        series_read(first.first_month)
    _target(july_plan, "7000", node=h.team_sh, person=h.rep_other, product_line=h.product_a.line)
    _target(july_plan, "500", node=h.north, person=h.rep, product_line=h.product_b.line)
    with CaptureQueriesContext(connection) as three:
        found = series_read(first.first_month)
    assert len(three) == len(one)
    assert sum(1 for k in found.keys if k[0] == "cell") == 3


def test_targets_at_the_standing_grains_keep_their_series(history, july_plan):
    h = history
    assert key_of(_target(july_plan, "1", node=h.team_bj, person=h.rep))[0] == SeriesKind.PERSON
    assert key_of(_target(july_plan, "1", node=h.north))[0] == SeriesKind.NODE
    assert key_of(_target(july_plan, "1", node=h.north, product_line=h.product_a.line))[0] == (
        SeriesKind.NODE_LINE
    )
    run = forecasts_compute(spec=QUICK)
    assert not StoredForecast.objects.filter(run=run, kind=SeriesKind.CELL).exists()


def test_a_product_targets_outlook_reaches_tracking_and_the_api(login, history, july_plan):
    from salestarget.forecasting.providers import stored_outlooks

    target = _target(july_plan, "15000", node=history.root, product=history.product_a)
    run = forecasts_compute(spec=QUICK)
    (figure,) = stored_outlooks([target], run.last_fact_day)
    assert figure is not None
    assert float(figure.p50) == pytest.approx(18000, rel=0.2)
    answer = login(history.director).get(f"/api/forecasting/series?target={target.pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["kind"] == "cell"
    assert body["grain"] == grain_code(grain_of(target))
    # A rep does not see the company's product target.
    assert login(history.rep).get(f"/api/forecasting/series?target={target.pk}").status_code == 404
