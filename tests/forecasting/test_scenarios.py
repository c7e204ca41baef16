"""Quota scenarios: a target modelled at several totals and split methods side by side, and
one adopted as its decomposition, exact to the cent.

The world: 华北 (王小明) sells 10,000 a month and 华东 (陈小红) 8,000; a draft plan for July
2026 asks the company for 200,000.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.forecasting.queries.scenarios import ScenarioSpec, scenarios_compare
from salestarget.forecasting.services.compute import forecasts_compute
from salestarget.forecasting.services.scenarios import scenario_adopt
from salestarget.targets import axes as ax
from salestarget.targets.models import Target
from salestarget.targets.proposals import implied_growth
from salestarget.targets.services.plans import plan_create
from tests.forecasting.conftest import QUICK
from tests.incentives.conftest import commission_plan  # noqa: F401  (the fixture)
from tests.tracking.conftest import sell

D = Decimal


@pytest.fixture
def july(history, run):
    plan = plan_create(
        by=history.director.user,
        name="2026-07 销售额",
        metric="revenue",
        period="2026-07",
        scope_node=history.root,
        owner=history.director,
        value=D(200000),
    )
    return plan.root


def _children(target: Target) -> dict[int, Decimal]:
    return dict(Target.objects.filter(parent=target).values_list("node_id", "value"))


def test_scenarios_side_by_side(history, july):
    specs = [ScenarioSpec(D(200000), "history"), ScenarioSpec(D(200000), "equal")]
    table = scenarios_compare(target=july, axis=ax.ORG, specs=specs, by=history.director.user)
    by_history, by_equal = table.scenarios
    # Last July 华北 sold 10,000 and 华东 8,000: shares 5/9 and 4/9, to the cent.
    shares = {r.label: r for r in by_history.rows}  # 华东 comes first (by code)
    assert {k: r.value for k, r in shares.items()} == {
        "华北": D("111111.11"),
        "华东": D("88888.89"),
    }
    assert [r.value for r in by_equal.rows] == [D(100000), D(100000)]
    assert {k: r.last_year for k, r in shares.items()} == {"华北": D(10000), "华东": D(8000)}
    assert shares["华北"].growth == D("111111.11") / D(10000) - 1
    # 200,000 against a usual July of about 18,000: nobody is expected to make it.
    for scenario in table.scenarios:
        assert scenario.probability is not None
        assert scenario.probability < 0.01
        assert scenario.share_reaching < 0.01
    assert [label for label, _f in table.members] == ["华东", "华北"]


def test_a_reachable_total_is_likely_and_split_by_the_forecast(history, july):
    specs = [ScenarioSpec(D(9000), "forecast"), ScenarioSpec(D(200000), "forecast")]
    reachable, far = scenarios_compare(
        target=july, axis=ax.ORG, specs=specs, by=history.director.user
    ).scenarios
    assert reachable.probability > 0.5 > far.probability
    assert reachable.share_reaching > 0.5 > far.share_reaching
    east, north = reachable.rows
    assert (east.label, north.label) == ("华东", "华北")
    assert north.value + east.value == D(9000)
    assert north.value > east.value  # 华北 is forecast to sell more


def test_adopting_a_scenario_splits_it_exactly_to_the_cent(history, july):
    spec = ScenarioSpec(D("180000.03"), "history")
    (modelled,) = scenarios_compare(
        target=july, axis=ax.ORG, specs=[spec], by=history.director.user
    ).scenarios
    scenario_adopt(target=july, axis=ax.ORG, scenario=spec, by=history.director.user)
    july.refresh_from_db()
    assert july.value == D("180000.03")
    children = _children(july)
    assert sum(children.values()) == D("180000.03")
    assert children == {history.north.pk: D("100000.02"), history.east.pk: D("80000.01")}
    assert [children[history.east.pk], children[history.north.pk]] == [
        r.value for r in modelled.rows
    ]
    assert july.split_axes == ax.ORG


def test_an_approved_target_is_not_adopted_into(history, run, june_plan):
    approved = june_plan().root
    with pytest.raises(ValidationError):
        scenario_adopt(
            target=approved,
            axis=ax.ORG,
            scenario=ScenarioSpec(D(250000), "equal"),
            by=history.director.user,
        )
    assert sum(_children(approved).values()) == D(200000)


@pytest.mark.parametrize(
    ("code", "named"),
    [("abc:history", "abc"), ("-5:equal", "-5"), ("1.001:equal", "1.001"), ("100:luck", "luck")],
)
def test_a_bad_scenario_is_refused_naming_it(code, named):
    with pytest.raises(ValidationError) as refused:
        ScenarioSpec.parse(code)
    assert named in str(refused.value)


def test_the_people_scenario_prices_the_commission(history, run, commission_plan):  # noqa: F811
    commission_plan()  # 3% to 100% of the quota, 5% to 120%, 8% above
    team = plan_create(
        by=history.manager_north.user,
        name="北京一组 7 月",
        metric="revenue",
        period="2026-07",
        scope_node=history.team_bj,
        owner=history.manager_north,
        value=D(10000),
    ).root
    high, low = scenarios_compare(
        target=team,
        axis=ax.PEOPLE,
        specs=[ScenarioSpec(D(1000000), "equal"), ScenarioSpec(D(5000), "equal")],
        by=history.manager_north.user,
    ).scenarios
    (rep,) = high.rows
    assert rep.label == history.rep.name
    # Far below the quota every total is paid 3%: the cost is 3% of the expected July.
    assert high.commission == rep.commission
    assert float(high.commission) == pytest.approx(0.03 * 10000, rel=0.05)
    # A quota of 5,000 puts the expected July near 200%: at that point the tiers pay
    # 150 + 50 + 8% of the rest above 6,000 (about 330), and the spread adds to it (convex).
    assert low.commission > D("1.7") * high.commission


def test_the_page_compares_and_adopts(login, history, july):
    client = login(history.director)
    page = client.get(
        reverse("forecasting:scenarios"),
        {"target": july.pk, "axis": "org", "s": ["200000:history", "210000:equal"]},
    )
    assert page.status_code == 200
    assert len(page.context["table"].scenarios) == 2
    assert page.content.count(b'data-testid="scenario-card"') == 2
    bad = client.get(reverse("forecasting:scenarios"), {"target": july.pk, "s": "lots:history"})
    assert bad.status_code == 200
    assert "lots" in bad.content.decode()
    excel = client.get(
        reverse("forecasting:scenarios"),
        {"target": july.pk, "axis": "org", "s": "200000:history", "format": "xlsx"},
    )
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")
    adopted = client.post(
        reverse("forecasting:scenario_adopt"),
        {"target": july.pk, "axis": "org", "scenario": "210000:equal"},
    )
    assert adopted.status_code == 302
    assert _children(july) == {history.north.pk: D(105000), history.east.pk: D(105000)}


def test_the_page_splits_a_unit_with_sub_units_to_them_unless_told(login, history, july):
    """Opened without an axis, the company's target is split to its regions, not to the
    people filed at the company's top; a region's people stay one click away."""
    client = login(history.director)
    page = client.get(reverse("forecasting:scenarios"), {"target": july.pk})
    assert page.context["axis"] == "org"
    labels = [label for label, _ in page.context["table"].members]
    assert sorted(labels) == sorted([history.north.name, history.east.name])
    people = client.get(reverse("forecasting:scenarios"), {"target": july.pk, "axis": "people"})
    assert people.context["axis"] == "people"


def test_a_rep_may_not_and_a_region_cannot_reach_the_company(login, history, july):
    assert login(history.rep).get(reverse("forecasting:scenarios")).status_code == 403
    east = login(history.manager_east)
    assert east.get(reverse("forecasting:scenarios"), {"target": july.pk}).status_code == 404
    refused = east.post(
        reverse("forecasting:scenario_adopt"),
        {"target": july.pk, "axis": "org", "scenario": "1000:equal"},
    )
    assert refused.status_code == 404
    assert not _children(july)


def test_the_api_compares_and_adopts_with_the_pages_scoping(login, history, july):
    client = login(history.director)
    url = f"/api/forecasting/scenarios?target={july.pk}&axis=org&s=200000:history&s=9000:equal"
    first, second = client.get(url).json()
    assert (first["total"], first["method"]) == ("200000", "history")
    assert {m["label"]: m["value"] for m in first["members"]} == {
        "华东": "88888.89",
        "华北": "111111.11",
    }
    assert second["probability"] > first["probability"]
    bad = client.get(f"/api/forecasting/scenarios?target={july.pk}&s=9000:luck")
    assert bad.status_code == 422
    assert "luck" in bad.content.decode()
    adopted = client.post(
        "/api/forecasting/scenarios/adopt",
        {"target": july.pk, "axis": "org", "scenario": "9000:equal"},
        content_type="application/json",
    )
    assert adopted.json() == {"target_id": july.pk, "value": "9000.0000", "children": 2}
    assert _children(july) == {history.north.pk: D(4500), history.east.pk: D(4500)}
    rep = login(history.rep).get(url)
    assert rep.status_code == 403
    east = login(history.manager_east).get(url)
    assert east.status_code == 404


def test_a_years_months_follow_the_season_of_the_forecast_and_of_last_year(history, run):
    from salestarget.forecasting.models import SeriesKind, StoredForecast
    from salestarget.forecasting.queries.seasonality import chunked, month_shape

    stored = StoredForecast.objects.get(run=run, kind=SeriesKind.PERSON, person=history.rep)
    shape = month_shape(stored, run, dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    # 王小明 sells twice as much in December: 2 of 13 shares, not a twelfth.
    assert float(shape.sales[11]) == pytest.approx(2 / 13, abs=0.03)
    assert float(shape.quota[11]) == pytest.approx(2 / 13, abs=0.03)
    assert sum(shape.sales) == pytest.approx(1)
    assert sum(shape.quota) == pytest.approx(1)
    # A quarterly component sees four pieces, the last with December in it.
    quarters = chunked(shape.sales, 3)
    assert len(quarters) == 4
    assert quarters[3] > quarters[0]
    # Without a forecast, equal months.
    equal = month_shape(None, run, dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert [float(x) for x in equal.sales] == pytest.approx([1 / 3] * 3)


def test_a_gate_the_rep_misses_on_their_recent_year_is_priced_as_missed(
    history,
    run,
    commission_plan,  # noqa: F811
):
    from salestarget.actuals.rollups import rollups_rebuild
    from tests.tracking.conftest import spend

    gate = {"measure": "expense_rate", "threshold": "0.05", "effect": "block"}
    commission_plan(
        [
            {
                "code": "revenue",
                "name": "销售额提成",
                "measure": "revenue",
                "tiers": [["0", "0.03"]],
                "gates": [gate],
            }
        ]
    )
    team = plan_create(
        by=history.manager_north.user,
        name="北京一组 7 月",
        metric="revenue",
        period="2026-07",
        scope_node=history.team_bj,
        owner=history.manager_north,
        value=D(10000),
    ).root

    def priced():
        (scenario,) = scenarios_compare(
            target=team,
            axis=ax.PEOPLE,
            specs=[ScenarioSpec(D(10000), "equal")],
            by=history.manager_north.user,
        ).scenarios
        return scenario.commission

    kept = priced()
    assert kept is not None
    assert float(kept) == pytest.approx(0.03 * 10000, rel=0.1)
    # Expenses of 20% of his last year's sales: the gate blocks the component.
    spend(history, dt.date(2026, 6, 8), "30000", person=history.rep)
    rollups_rebuild()
    assert priced() == D("0.00")


def _team_quarter(history, name: str) -> Target:
    return plan_create(
        by=history.manager_north.user,
        name=name,
        metric="revenue",
        period="FY2026-Q4",
        scope_node=history.team_bj,
        owner=history.manager_north,
        value=D(45000),
    ).root


def test_the_quota_follows_the_plans_own_months_when_it_has_them(login, history, run):
    from salestarget.targets.queries.decomposition import DecompositionSpec
    from salestarget.targets.services.decomposition import target_decompose

    spec = [ScenarioSpec(D(45000), "equal")]
    # No month targets: the quota takes last year's months (a December twice the others).
    bare = _team_quarter(history, "北京一组四季度")
    by_last_year = scenarios_compare(
        target=bare, axis=ax.PEOPLE, specs=spec, by=history.manager_north.user
    )
    shape = by_last_year.shapes[history.rep.pk]
    assert shape.quota_basis == "last_year"
    assert [float(s) for s in shape.quota] == pytest.approx([0.25, 0.25, 0.5], abs=0.01)
    assert by_last_year.quota_bases == [("去年同月", 1)]

    # The team split by people × month, equal months: the quota follows the plan's months.
    split = _team_quarter(history, "北京一组四季度（按月）")
    target_decompose(
        target=split,
        spec=DecompositionSpec(axes=("people", "month"), method="equal", column_method="equal"),
        by=history.manager_north.user,
    )
    months = Target.objects.filter(plan=split.plan, person=history.rep, period__startswith="2026-")
    assert sorted(months.values_list("value", flat=True)) == [D(15000)] * 3
    by_plan = scenarios_compare(
        target=split, axis=ax.PEOPLE, specs=spec, by=history.manager_north.user
    )
    shape = by_plan.shapes[history.rep.pk]
    assert shape.quota_basis == "plan"
    assert [float(s) for s in shape.quota] == pytest.approx([1 / 3] * 3)
    # The sales keep the forecast's season whatever the quota follows.
    assert shape.sales[2] > shape.sales[0]

    # The page says which.
    client = login(history.manager_north)
    page = client.get(reverse("forecasting:scenarios"), {"target": split.pk, "axis": "people"})
    assert "计划的月度目标 1 人" in page.content.decode()
    page = client.get(reverse("forecasting:scenarios"), {"target": bare.pk, "axis": "people"})
    assert "去年同月 1 人" in page.content.decode()


@pytest.fixture
def june_2027(history):
    """Next June planned while this June runs: its year-ago month, June 2026, has facts
    only to the 20th (华北 50,000 so far, 华东 62,000)."""
    plan = plan_create(
        by=history.director.user,
        name="2027-06 销售额",
        metric="revenue",
        period="2027-06",
        scope_node=history.root,
        owner=history.director,
        value=D(200000),
    )
    return plan.root


def _compare(history, target, *specs: str):
    return scenarios_compare(
        target=target,
        axis=ax.ORG,
        specs=[ScenarioSpec.parse(s) for s in specs],
        by=history.director.user,
    )


def test_a_last_year_still_running_is_finished_with_the_forecast(history, run, june_2027):
    (scenario,) = _compare(history, june_2027, "200000:history").scenarios
    assert scenario.last_year_through == dt.date(2026, 6, 20)
    assert scenario.last_year_forecast
    north = {r.label: r for r in scenario.rows}["华北"]
    # 50,000 sold to the 20th, and the forecast of the ten days left: a third of a June like
    # the last one (40,000).
    assert abs(north.last_year - D("63333.33")) < 1
    assert not north.last_year_partial
    assert north.growth == implied_growth(north.value, north.last_year)
    assert scenario.last_year == sum(r.last_year for r in scenario.rows)


def test_without_a_forecast_last_year_stays_so_far_and_is_marked(history, june_2027):
    table = _compare(history, june_2027, "200000:history")
    (scenario,) = table.scenarios
    assert table.run is None
    assert (scenario.last_year_through, scenario.last_year_forecast) == (
        dt.date(2026, 6, 20),
        False,
    )
    rows = {r.label: r for r in scenario.rows}
    assert (rows["华北"].last_year, rows["华东"].last_year) == (D(50000), D(62000))
    assert all(r.last_year_partial for r in scenario.rows)
    assert rows["华北"].growth == implied_growth(rows["华北"].value, D(50000))


def test_a_forecast_older_than_the_last_facts_does_not_finish_last_year(history, run, june_2027):
    """A sale on the 25th after the run: the run's forecast starts on the 21st and would
    count the 21st to the 25th twice, so last year stays so far."""
    sell(history, dt.date(2026, 6, 25), "1000")
    rollups_rebuild()
    (scenario,) = _compare(history, june_2027, "200000:equal").scenarios
    assert scenario.last_year_through == dt.date(2026, 6, 25)
    assert not scenario.last_year_forecast


def test_a_complete_last_year_carries_no_mark(history, july):
    (scenario,) = _compare(history, july, "200000:history").scenarios
    assert (scenario.last_year_through, scenario.last_year_forecast) == (None, False)
    assert not any(r.last_year_partial for r in scenario.rows)


@pytest.mark.parametrize(
    ("language", "finished", "so_far"),
    [
        (
            "zh-hans",
            "其余部分按最新预测补足",
            "去年同期数据截至 2026-06-20，尚不完整，预测也没有覆盖",
        ),
        ("en", "the rest of the year is the latest forecast", "the forecast does not cover"),
    ],
)
def test_the_page_and_the_api_say_how_last_year_was_completed(
    login, history, june_2027, language, finished, so_far
):
    client = login(history.director)
    client.cookies["django_language"] = language
    query = {"target": june_2027.pk, "axis": "org", "s": ["200000:history"]}
    url = f"/api/forecasting/scenarios?target={june_2027.pk}&axis=org&s=200000:history"
    unfinished = client.get(reverse("forecasting:scenarios"), query).content.decode()
    assert so_far in unfinished
    assert finished not in unfinished
    (api,) = client.get(url).json()
    assert (api["last_year_through"], api["last_year_forecast"]) == ("2026-06-20", False)
    assert {m["label"]: m["last_year_partial"] for m in api["members"]} == {
        "华东": True,
        "华北": True,
    }
    forecasts_compute(spec=QUICK)
    page = client.get(reverse("forecasting:scenarios"), query).content.decode()
    assert finished in page
    assert so_far not in page
    (api,) = client.get(url).json()
    assert (api["last_year_through"], api["last_year_forecast"]) == ("2026-06-20", True)
    assert D(api["last_year"]) > D(112000)  # 50,000 + 62,000 so far, and the rest
    assert not any(m["last_year_partial"] for m in api["members"])


def test_with_last_year_complete_the_page_and_the_api_carry_no_mark(login, history, july):
    client = login(history.director)
    page = client.get(
        reverse("forecasting:scenarios"), {"target": july.pk, "axis": "org", "s": "200000:history"}
    ).content.decode()
    assert 'data-testid="partial-year"' not in page
    assert "<sup>*</sup>" not in page
    (api,) = client.get(
        f"/api/forecasting/scenarios?target={july.pk}&axis=org&s=200000:history"
    ).json()
    assert (api["last_year_through"], api["last_year_forecast"]) == (None, False)


def test_the_excel_says_up_to_which_day_last_year_runs(login, history, june_2027):
    client = login(history.director)
    excel = client.get(
        reverse("forecasting:scenarios"),
        {"target": june_2027.pk, "axis": "org", "s": "200000:history", "format": "xlsx"},
    )
    book = load_workbook(io.BytesIO(excel.content))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert "去年同期数据截至 2026-06-20，尚不完整：较去年的增长会偏高" in cells
    assert "去年实际（截至 2026-06-20，不完整）" in cells


@pytest.mark.parametrize(
    ("language", "paced"),
    [
        ("zh-hans", "按去年占比的方案用的是各自截至该日的实绩按前年同期进度推算至期末后的占比"),
        ("en", "use each one's facts to that day finished at the year before's pace"),
    ],
)
def test_a_split_by_last_years_share_weighs_it_finished_at_the_year_befores_pace(
    login, history, june_2027, language, paced
):
    """June 2025 is complete, so targets' preview finishes each unit's June 2026 at its own
    pace for the split; this page still shows the facts so far beside it, and says so."""
    table = _compare(history, june_2027, "200000:history", "200000:equal")
    assert table.history_paced
    rows = {r.label: r for r in table.scenarios[0].rows}
    assert (rows["华北"].last_year, rows["华东"].last_year) == (D(50000), D(62000))
    client = login(history.director)
    client.cookies["django_language"] = language
    query = {"target": june_2027.pk, "axis": "org", "s": ["200000:history"]}
    assert paced in client.get(reverse("forecasting:scenarios"), query).content.decode()
    query["s"] = ["200000:equal"]
    assert paced not in client.get(reverse("forecasting:scenarios"), query).content.decode()
