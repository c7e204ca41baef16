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
