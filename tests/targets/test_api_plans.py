"""The plans and targets API: the same services and scoping as the pages, per-field errors, and
409 with what changed when a version is stale."""

from __future__ import annotations

import json

from salestarget.org.auth import api_token_create
from salestarget.targets.models import TargetPlan
from tests.targets.conftest import post


def test_errors_are_per_field(company, login) -> None:
    client = login(company.director)
    response = post(
        client,
        "/api/targets/plans",
        {
            "name": "x",
            "metric": "revenue",
            "period": "FY26",
            "scope_node_id": company.root.pk,
            "owner_id": company.director.pk,
            "value": "1.001",
        },
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"period", "value"}


def test_a_stale_version_gets_409_with_what_changed(company, login, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    root = plan.root
    client = login(company.director)
    first = client.patch(
        f"/api/targets/targets/{root.pk}",
        json.dumps({"version": 1, "value": "1100", "reason": "A"}),
        content_type="application/json",
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = client.patch(
        f"/api/targets/targets/{root.pk}",
        json.dumps({"version": 1, "value": "1200"}),
        content_type="application/json",
    )
    assert second.status_code == 409
    body = second.json()
    assert body["current_version"] == 2
    assert body["changes"][0]["old"] == "1000.0000"
    assert body["changes"][0]["new"] == "1100.0000"
    assert body["changes"][0]["reason"] == "A"


def test_scoping_by_token_and_session(company, login, client, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    token = api_token_create(user=company.rep.user, name="crm")
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/targets/plans", headers=auth).json()["items"] == []
    assert client.get(f"/api/targets/targets/{plan.root.pk}", headers=auth).status_code == 404
    manager = login(company.manager_north)
    assert manager.get(f"/api/targets/targets/{plan.root.pk}").status_code == 404
    denied = post(
        manager,
        "/api/targets/plans",
        {
            "name": "x",
            "metric": "revenue",
            "period": "FY2026",
            "scope_node_id": company.root.pk,
            "owner_id": company.manager_north.pk,
            "value": "1",
        },
    )
    assert denied.status_code == 422  # the company node is outside their scope
    assert TargetPlan.objects.count() == 1


def test_plans_are_updated_and_draft_plans_deleted(company, login, revenue_plan) -> None:
    plan = revenue_plan("1000.00")
    client = login(company.director)
    patched = client.patch(
        f"/api/targets/plans/{plan.pk}",
        json.dumps({"name": "2026 年销售额（修订）"}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["name"] == "2026 年销售额（修订）"
    bad = client.patch(
        f"/api/targets/plans/{plan.pk}",
        json.dumps({"threshold_ahead": "-1", "threshold_on_track": "0"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    post(client, f"/api/targets/plans/{plan.pk}/submit", {})
    assert client.delete(f"/api/targets/plans/{plan.pk}").status_code == 422
    other = revenue_plan("5.00", name="草稿")
    assert client.delete(f"/api/targets/plans/{other.pk}").status_code == 204
    assert not TargetPlan.objects.filter(pk=other.pk).exists()
