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
