"""The tracking API: the tree, the gap and the figures, scoped like the pages."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.tracking.conftest import AT


def test_the_api_tree_and_gap(company, june_sales, june_plan, login):
    plan = june_plan()
    client = login(company.director)
    tree = client.get(f"/api/tracking/plans/{plan.pk}/tree?at={AT}").json()
    root = tree["rows"][0]["tracking"]
    assert (Decimal(root["actual"]), root["status"]) == (Decimal(107000), "ahead")
    gap = client.get(f"/api/tracking/gap?plan={plan.pk}&at={AT}&gdim=org").json()
    assert gap["basis"] == "targets"
    assert sum(Decimal(r["gap"]) for r in gap["rows"]) == Decimal(gap["gap"]) == -7000
    figures = client.get(f"/api/tracking/figures?plan={plan.pk}&at={AT}").json()
    assert Decimal(figures["subject"]["tracking"]["achievement"]) == Decimal("0.535")
    assert (
        login(company.rep).get(f"/api/tracking/plans/{plan.pk}/tree").json()["rows"][0]["label"]
        == "王小明 · 2026-06"
    )
    assert json.dumps(figures)


def test_the_gap_api_picks_the_pages_dimension_when_none_is_asked(
    company, june_sales, june_plan, login
):
    plan = june_plan()
    rep = login(company.rep)
    mine = rep.get(f"/api/tracking/gap?plan={plan.pk}&at={AT}")
    assert mine.status_code == 200, mine.content
    assert mine.json()["dimension"] == "product_category"  # as the page shows a rep first
    director = login(company.director).get(f"/api/tracking/gap?plan={plan.pk}&at={AT}")
    assert director.json()["dimension"] == "org"


def test_an_unknown_gap_dimension_is_refused_with_the_valid_ones(
    company, june_sales, june_plan, login
):
    plan = june_plan()
    refused = login(company.rep).get(f"/api/tracking/gap?plan={plan.pk}&at={AT}&gdim=org")
    assert refused.status_code == 422
    message = refused.json()["errors"]["gdim"][0]
    assert "“org”" in message
    for valid in ("product_category", "product_line", "product", "region", "channel"):
        assert valid in message


def test_figures_by_any_dimension_come_through_the_api_as_the_chart_shows_them(
    company, june_sales, june_plan, login
):
    plan = june_plan()
    client = login(company.director)
    query = f"plan={plan.pk}&at={AT}&subject=n{company.root.pk}"
    totals = client.get(f"/api/tracking/breakdown?{query}&dim=product").json()
    assert totals["dimension"] == "product"
    by_product = {m["label"]: Decimal(m["actual"]) for m in totals["members"]}
    # By the 15th: 王小明 30,000 of 产品A and 15,000 of 产品B, 陈小红 62,000 of 产品A.
    assert by_product == {"产品A": 92000, "产品B": 15000}
    chart = client.get(f"/tracking/data/breakdown.json?{query}&dim=product").json()
    assert sorted(Decimal(str(v)) for v in chart["actual"]) == sorted(by_product.values())
    category = client.get(f"/api/tracking/breakdown?{query}").json()
    assert category["dimension"] == "product_category"
    assert sum(Decimal(m["actual"]) for m in category["members"]) == 107000
    mine = login(company.rep).get(f"/api/tracking/breakdown?plan={plan.pk}&at={AT}&dim=product")
    assert {m["label"]: Decimal(m["actual"]) for m in mine.json()["members"]} == {
        "产品A": 30000,
        "产品B": 15000,
    }


def test_an_unknown_dimension_or_chart_names_the_valid_ones(company, june_sales, login):
    client = login(company.director)
    refused = client.get("/api/tracking/breakdown?dim=city")
    assert refused.status_code == 422
    assert "product_category" in refused.json()["errors"]["dim"][0]
    refused = client.get("/api/tracking/series?chart=weekly")
    assert refused.status_code == 422
    assert "cumulative" in refused.json()["errors"]["chart"][0]


def test_the_trend_charts_series_come_through_the_api(company, june_sales, june_plan, login):
    plan = june_plan()
    client = login(company.director)
    query = f"plan={plan.pk}&at={AT}&subject=n{company.root.pk}"
    series = client.get(f"/api/tracking/series?{query}&chart=cumulative").json()
    chart = client.get(f"/tracking/data/cumulative.json?{query}").json()
    assert series["labels"] == chart["categories"]
    assert len(series["actual"]) == len(series["labels"]) == len(series["expected"])
    assert Decimal(series["actual"][14]) == 107000  # the cumulative total on the 15th
    monthly = client.get(f"/api/tracking/series?{query}&chart=monthly").json()
    assert len(monthly["labels"]) == 12
