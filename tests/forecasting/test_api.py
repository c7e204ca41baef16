"""/api/forecasting/: the same scoping as the pages; answers are schemas (a status with
``ninja.Status``, never a deprecated tuple)."""

from __future__ import annotations

import datetime as dt

import pytest

from salestarget.forecasting.models import Submission
from tests.forecasting.conftest import target_of

pytestmark = pytest.mark.filterwarnings("error:Returning tuple:DeprecationWarning")


@pytest.fixture
def plan(run, june_plan):
    return june_plan()


def test_a_reps_outlook_holds_only_their_target(login, history, plan):
    rows = login(history.rep).get(f"/api/forecasting/outlook?plan={plan.pk}").json()
    assert [r["target_id"] for r in rows] == [target_of(plan, person=history.rep).pk]
    row = rows[0]
    assert 0 <= row["probability"] <= 1
    assert float(row["p10"]) < float(row["p50"]) < float(row["p90"])
    assert row["accuracy"]["method"] == "seasonal_naive"


def test_a_series_outside_the_scope_is_not_found(login, history, run):
    client = login(history.rep)
    mine = client.get(f"/api/forecasting/series?person={history.rep.pk}")
    assert mine.status_code == 200
    assert len(mine.json()["mean"]) == run.horizon
    assert client.get(f"/api/forecasting/series?person={history.rep_other.pk}").status_code == 404
    assert client.get(f"/api/forecasting/series?node={history.root.pk}").status_code == 404
    manager = login(history.manager_north)
    assert manager.get(f"/api/forecasting/series?node={history.north.pk}").status_code == 200
    assert manager.get(f"/api/forecasting/series?node={history.east.pk}").status_code == 404


def test_a_rep_submits_and_reads_their_calls_but_not_a_roll_up(login, company):
    client = login(company.rep)
    month = dt.date.today().replace(day=1).isoformat()
    created = client.post(
        "/api/forecasting/submissions",
        {"month": month, "commit": "100", "best_case": "150"},
        content_type="application/json",
    )
    assert created.status_code == 201
    refused = client.post(
        "/api/forecasting/submissions",
        {"month": month, "commit": "200", "best_case": "150"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "best_case" in refused.json()["errors"]
    assert [s["commit"] for s in client.get("/api/forecasting/submissions").json()] == ["100.0000"]
    assert login(company.rep_other).get("/api/forecasting/submissions").json() == []
    rollup = client.post(
        "/api/forecasting/rollups",
        {"node_id": company.team_bj.pk, "month": month, "commit": "1", "best_case": "1"},
        content_type="application/json",
    )
    assert rollup.status_code == 404


def test_a_manager_reads_and_adjusts_their_units_roll_up(login, company):
    month = dt.date.today().replace(day=1).isoformat()
    login(company.rep).post(
        "/api/forecasting/submissions",
        {"month": month, "commit": "100", "best_case": "150"},
        content_type="application/json",
    )
    client = login(company.manager_north)
    rollup = client.get(f"/api/forecasting/rollups/{company.north.pk}?month={month}").json()
    assert rollup["commit"] == "100.0000"
    assert rollup["missing_person_ids"] == []  # 华北's one rep has called
    assert (
        client.get(f"/api/forecasting/rollups/{company.east.pk}?month={month}").status_code == 404
    )
    created = client.post(
        "/api/forecasting/rollups",
        {
            "node_id": company.north.pk,
            "month": month,
            "commit": "120",
            "best_case": "150",
            "note": "加上新客户",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert Submission.objects.get(kind="rollup").rolled_up == 100


def test_a_rep_categorises_their_open_deal_over_the_api_and_it_joins_the_history(login, company):
    from decimal import Decimal

    from salestarget.actuals.models import Opportunity, OpportunityStage

    deal = Opportunity.objects.create(
        external_id="api-o1",
        customer=company.customer_bj,
        person=company.rep,
        node=company.team_bj,
        amount=Decimal(1000),
        opened_on=dt.date(2026, 6, 1),
    )
    client = login(company.rep)
    path = f"/api/forecasting/opportunities/{deal.pk}/category"
    answer = client.post(path, {"category": "best_case"}, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json() == {"opportunity_id": deal.pk, "category": "best_case"}
    refused = client.post(path, {"category": "maybe"}, content_type="application/json")
    assert refused.status_code == 422
    assert "commit" in refused.content.decode()  # the valid categories are named
    stages = OpportunityStage.objects.filter(opportunity=deal).order_by("pk")
    assert list(stages.values_list("stage", flat=True)) == ["open", "best_case"]
    # 陈小红 may not call 王小明's deal.
    other = login(company.rep_other).post(
        path, {"category": "commit"}, content_type="application/json"
    )
    assert other.status_code == 404


def test_the_roll_up_over_the_api_names_the_reps_who_have_not_called(login, company):
    month = dt.date.today().replace(day=1).isoformat()
    client = login(company.manager_east)
    rollup = client.get(f"/api/forecasting/rollups/{company.east.pk}?month={month}").json()
    assert rollup["calls"] == []
    assert rollup["missing_person_ids"] == [company.rep_other.pk]


def test_the_run_and_the_outlook_say_the_history_is_too_short(
    login, first_weeks, first_run, june_plan
):
    # Two weeks of a new company's sales: no whole month, no forecast; the API says why.
    plan = june_plan()
    client = login(first_weeks.director)
    history = client.get("/api/forecasting/run").json()["history"]
    assert history["first_day"] == "2026-06-01"
    assert history["last_day"] == "2026-06-15"
    assert (history["days"], history["months"], history["months_needed"]) == (15, 0, 1)
    assert history["backtest_months_needed"] == 30
    assert history["enough"] is False
    assert "统计预测至少需要 1 个完整月份的销售历史" in history["message"]
    rows = client.get(f"/api/forecasting/outlook?plan={plan.pk}").json()
    assert rows
    assert all(r["p50"] is None for r in rows)
    assert all(r["note"] == history["message"] for r in rows)


def test_with_years_of_history_the_run_has_enough(login, history, run):
    found = login(history.director).get("/api/forecasting/run").json()["history"]
    assert found["enough"] is True
    assert found["months"] == 36
    assert found["message"] == ""
    assert found["first_day"] == "2023-06-10"
