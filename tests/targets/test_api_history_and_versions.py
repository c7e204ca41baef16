"""A plan's history is readable over the API (it was hidden behind POST /plans/{id}/{action}),
and a split must say which version of the target it was made from: without one it is refused
(422 naming ``version``), with a stale one it is a 409 — it never silently replaces a split
someone else saved in between."""

from __future__ import annotations

import json

from salestarget.targets.models import Target
from tests.targets.conftest import post


def test_a_plans_history_is_reachable(company, login, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    client = login(company.director)
    client.patch(
        f"/api/targets/targets/{plan.root.pk}",
        json.dumps({"version": 1, "value": "1100", "reason": "涨价"}),
        content_type="application/json",
    )
    response = client.get(f"/api/targets/plans/{plan.pk}/history")
    assert response.status_code == 200
    changes = response.json()["items"]
    assert [(c["old_value"], c["new_value"], c["reason"]) for c in changes][-1] == (
        "1000.0000",
        "1100.0000",
        "涨价",
    )
    # The workflow actions still answer on their own paths.
    assert client.post(f"/api/targets/plans/{plan.pk}/history").status_code == 405
    unknown = post(client, f"/api/targets/plans/{plan.pk}/nonsense", {})
    assert unknown.status_code == 422  # naming the steps there are
    assert "submit" in unknown.json()["errors"]["action"][0]
    assert "lock" in unknown.json()["errors"]["action"][0]


def test_a_split_without_a_version_is_refused(company, login, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    client = login(company.director)
    url = f"/api/targets/targets/{plan.root.pk}/decompose"
    missing = post(client, url, {"axes": ["org"], "method": "equal"})
    assert missing.status_code == 422
    assert "version" in missing.content.decode()
    assert not Target.objects.filter(parent=plan.root).exists()
    saved = post(client, url, {"axes": ["org"], "method": "equal", "version": 1})
    assert saved.status_code == 201
    stale = post(client, url, {"axes": ["org"], "method": "equal", "version": 1})
    assert stale.status_code == 409


def test_a_null_for_a_plan_field_that_holds_no_null_is_a_422(company, login, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    client = login(company.director)
    response = client.patch(
        f"/api/targets/plans/{plan.pk}",
        json.dumps({"description": None}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "description" in response.json()["errors"]
    plan.refresh_from_db()
    assert plan.description == ""
