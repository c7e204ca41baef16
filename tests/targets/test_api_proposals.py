"""The plan form's proposals over the API: the same history and the same proposed figures
as the form's panel, for a planner about a node in their scope."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

import pytest


def test_the_api_proposes_what_the_plan_form_proposes(company, login, history) -> None:
    history(
        [
            {"day": dt.date(2023, 6, 1), "amount": "6000000"},
            {"day": dt.date(2024, 6, 1), "amount": "7000000"},
            {"day": dt.date(2025, 6, 1), "amount": "8333333.33"},
        ]
    )
    client = login(company.director)
    answer = client.get(
        "/api/targets/proposals",
        {
            "metric": "revenue",
            "period": "FY2026",
            "scope_node_id": company.root.pk,
            "growth_pct": "20",
            "capacity": "50000000",
            "share_pct": "25",
        },
    )
    assert answer.status_code == 200, answer.content
    found = answer.json()
    assert Decimal(found["same_period_last_year"]["value"]) == Decimal("8333333.33")
    assert [p["label"] for p in found["years"]] == ["FY2023", "FY2024", "FY2025"]
    proposed = {p["method"]: Decimal(p["value"]) for p in found["proposals"]}
    assert proposed["history"] == Decimal("10000000.00")  # 8,333,333.33 × 1.2
    assert proposed["market"] == Decimal("12500000.00")  # 50,000,000 × 25%
    assert "trend" in proposed
    assert round(Decimal(found["proposals"][0]["growth"]), 6) == Decimal("0.2")
    panel = client.post(
        "/targets/plans/context/",
        {
            "metric": "revenue",
            "period": "FY2026",
            "scope_node": company.root.pk,
            "value": "10000000",
            "growth_pct": "20",
            "capacity": "50000000",
            "share_pct": "25",
        },
        headers={"HX-Request": "true"},
    ).content.decode()
    assert (
        'data-testid="proposal-history"><span class="num" title="10,000,000.00">1,000.00万</span>'
        in panel
    )
    assert (
        'data-testid="proposal-market"><span class="num" title="12,500,000.00">1,250.00万</span>'
        in panel
    )


def test_proposals_are_for_planners_about_their_own_nodes(company, login) -> None:
    query = {"metric": "revenue", "period": "FY2026", "scope_node_id": company.north.pk}
    assert login(company.rep).get("/api/targets/proposals", query).status_code == 403
    assert login(company.manager_east).get("/api/targets/proposals", query).status_code == 404
    assert login(company.manager_north).get("/api/targets/proposals", query).status_code == 200


def test_an_unknown_metric_or_period_names_what_is_expected(company, login) -> None:
    client = login(company.director)
    query = {"metric": "region", "period": "FY2026", "scope_node_id": company.root.pk}
    refused = client.get("/api/targets/proposals", query)
    assert refused.status_code == 422
    message = refused.json()["errors"]["metric"][0]
    assert "“region”" in message
    assert "revenue" in message
    refused = client.get("/api/targets/proposals", {**query, "metric": "revenue", "period": "26"})
    assert refused.status_code == 422
    assert "FY2026" in refused.json()["errors"]["period"][0]


@pytest.mark.parametrize(
    ("language", "so_far", "trend"),
    [
        ("zh-hans", "去年同期数据截至 2026-06-30，尚不完整", "不含 FY2026"),
        ("en", "Last year's figures run only to 2026-06-30", "leave out FY2026"),
    ],
)
def test_next_years_plan_says_last_year_runs_only_to_the_last_fact_day(
    company, login, history, language, so_far, trend
) -> None:
    """FY2027 planned while FY2026's facts stop on 30 June: the panel and the API say so, and
    the history method's proposal says its base is incomplete."""
    history(
        [
            {"day": dt.date(2024, 6, 1), "amount": "900"},
            {"day": dt.date(2025, 6, 1), "amount": "1000"},
            {"day": dt.date(2026, 6, 30), "amount": "700"},
        ]
    )
    client = login(company.director)
    client.cookies["django_language"] = language
    asked = {"metric": "revenue", "scope_node_id": company.root.pk, "growth_pct": "20"}
    found = client.get("/api/targets/proposals", {**asked, "period": "FY2027"}).json()
    assert found["last_year_through"] == "2026-06-30"
    assert found["same_period_last_year"]["through"] == "2026-06-30"
    assert [p["through"] for p in found["years"]] == [None, None, "2026-06-30"]
    (by_history,) = [p for p in found["proposals"] if p["method"] == "history"]
    assert "2026-06-30" in by_history["label"]
    panel_of = {"metric": "revenue", "scope_node": company.root.pk, "value": "1260"}
    panel = client.post(
        "/targets/plans/context/", {**panel_of, "period": "FY2027"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'data-testid="partial-year"' in panel
    assert so_far in panel
    assert trend in panel
    complete = client.get("/api/targets/proposals", {**asked, "period": "FY2026"}).json()
    assert complete["last_year_through"] is None
    assert "2026-06-30" not in str(complete["proposals"])
    whole = client.post(
        "/targets/plans/context/", {**panel_of, "period": "FY2026"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'data-testid="partial-year"' not in whole


@pytest.mark.parametrize(
    ("language", "paced"),
    [
        ("zh-hans", "截至 2026-06-30 的实绩按前年同期进度推算"),
        ("en", "finished at the year before&#x27;s pace"),
    ],
)
def test_the_history_method_grows_last_year_finished_at_the_year_befores_pace(
    company, login, history, language, paced
) -> None:
    """FY2027 planned on 30 June 2026: FY2025 had 600 of its 1,000 by then, so FY2026's 700 so
    far finish at 1,166.67, and 20% on that is 1,400. Without a year before there is nothing
    to finish it with, and the proposal says its base is incomplete."""
    history(
        [
            {"day": dt.date(2025, 6, 1), "amount": "600"},
            {"day": dt.date(2025, 10, 1), "amount": "400"},
            {"day": dt.date(2026, 6, 30), "amount": "700"},
        ]
    )
    client = login(company.director)
    client.cookies["django_language"] = language
    asked = {"metric": "revenue", "scope_node_id": company.root.pk, "growth_pct": "20"}
    found = client.get("/api/targets/proposals", {**asked, "period": "FY2027"}).json()
    assert round(Decimal(found["last_year_paced"]), 2) == Decimal("1166.67")
    (by_history,) = [p for p in found["proposals"] if p["method"] == "history"]
    assert Decimal(by_history["value"]) == Decimal("1400.00")
    assert round(Decimal(by_history["growth"]), 6) == Decimal("0.2")  # on the finished year
    assert html.unescape(paced) in by_history["label"]
    panel = client.post(
        "/targets/plans/context/",
        {
            "metric": "revenue",
            "scope_node": company.root.pk,
            "value": "1260",
            "period": "FY2027",
            "growth_pct": "20",
        },
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'data-testid="proposal-history"><span class="num" title="1,400.00">' in panel
    assert paced in panel

    earlier = client.get("/api/targets/proposals", {**asked, "period": "FY2026"}).json()
    assert earlier["last_year_paced"] is None  # FY2025 is complete
    first = client.get(
        "/api/targets/proposals", {**asked, "period": "FY2027", "growth_pct": "0"}
    ).json()
    assert Decimal(first["proposals"][0]["value"]) == Decimal("1166.67")


def test_a_last_year_without_a_year_before_says_it_is_incomplete(company, login, history) -> None:
    history([{"day": dt.date(2026, 6, 30), "amount": "700"}])
    client = login(company.director)
    asked = {"metric": "revenue", "scope_node_id": company.root.pk, "growth_pct": "20"}
    found = client.get("/api/targets/proposals", {**asked, "period": "FY2027"}).json()
    assert found["last_year_paced"] is None
    (by_history,) = [p for p in found["proposals"] if p["method"] == "history"]
    assert Decimal(by_history["value"]) == Decimal("840.00")
    assert round(Decimal(by_history["growth"]), 6) == Decimal("0.2")  # on the year so far
    assert "截至 2026-06-30，不完整" in by_history["label"]
