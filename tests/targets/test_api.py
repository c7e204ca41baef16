"""The targets API: the same services and scoping as the pages, per-field errors, and 409
with what changed when a version is stale."""

from __future__ import annotations

import json
from decimal import Decimal

from salestarget.org.auth import api_token_create
from salestarget.targets.models import TargetPlan


def post(client, url: str, data: dict, **kw):
    return client.post(url, json.dumps(data), content_type="application/json", **kw)


def test_the_spec_example_through_the_api(company, login, product_c) -> None:
    client = login(company.director)
    created = post(
        client,
        "/api/targets/plans",
        {
            "name": "2026 销售额",
            "metric": "revenue",
            "period": "FY2026",
            "scope_node_id": company.root.pk,
            "owner_id": company.director.pk,
            "value": "10000000",
        },
    )
    assert created.status_code == 201, created.content
    root_id = created.json()["root_target_id"]
    weights = {
        f"product:{company.product_a.pk}": "3",
        f"product:{company.product_b.pk}": "5",
        f"product:{product_c.pk}": "2",
    }
    preview = post(
        client,
        f"/api/targets/targets/{root_id}/decompose/preview",
        {"axes": ["product"], "method": "weights", "weights": weights},
    ).json()
    assert [(r["label"], r["value"]) for r in preview["rows"]] == [
        ("产品A", "3000000.00"),
        ("产品B", "5000000.00"),
        ("产品C", "2000000.00"),
    ]
    saved = post(
        client,
        f"/api/targets/targets/{root_id}/decompose",
        {"axes": ["product"], "method": "weights", "weights": weights, "version": 1},
    )
    assert saved.status_code == 201
    assert saved.json()["created"] == 3
    targets = client.get(f"/api/targets/plans/{created.json()['id']}/targets").json()
    assert sorted(Decimal(t["value"]) for t in targets if t["parent_id"]) == [
        Decimal(2000000),
        Decimal(3000000),
        Decimal(5000000),
    ]


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


def test_drafts_workflow_and_adjustments_over_the_api(
    company, rep_two, team_target, login, client
) -> None:
    team = team_target("100.00")
    lead = login(company.team_lead)
    rnd = post(lead, f"/api/targets/targets/{team.pk}/rounds", {"note": "请提交"}).json()
    client.logout()
    rep = login(company.rep)
    mine = rep.put(
        f"/api/targets/rounds/{rnd['id']}/my-draft",
        json.dumps({"base_value": "50", "challenge_value": "60", "obstacles": "缺货"}),
        content_type="application/json",
    )
    assert mine.status_code == 200
    assert mine.json()["status"] == "submitted"
    assert len(rep.get(f"/api/targets/rounds/{rnd['id']}").json()["drafts"]) == 1  # only their own
    assert (
        post(
            rep, f"/api/targets/drafts/{mine.json()['id']}/review", {"action": "accept"}
        ).status_code
        == 403
    )
    client.logout()
    lead = login(company.team_lead)
    assert (
        post(lead, f"/api/targets/drafts/{mine.json()['id']}/review", {"action": "accept"}).json()[
            "agreed_value"
        ]
        == "60.0000"
    )
    split = post(
        lead, f"/api/targets/targets/{team.pk}/decompose", {"axes": ["people"], "method": "equal"}
    )
    assert split.status_code == 201
    assert post(lead, f"/api/targets/targets/{team.pk}/split/submit", {}).json() == {"moved": 2}
    assert post(lead, f"/api/targets/targets/{team.pk}/split/approve", {}).status_code == 403
    client.logout()
    north = login(company.manager_north)
    assert post(north, f"/api/targets/targets/{team.pk}/split/approve", {}).json() == {"moved": 2}
    rep_target = team.children.get(person=company.rep)
    asked = post(
        north,
        f"/api/targets/targets/{rep_target.pk}/adjustments",
        {"new_value": "40", "reason_category": "market", "reason": "大客户流失"},
    )
    assert asked.status_code == 201
    assert (
        post(
            north, f"/api/targets/adjustments/{asked.json()['id']}/decision", {"approve": True}
        ).status_code
        == 403
    )
    client.logout()
    # The team lead is above the rep but below the regional manager who asked: not theirs to decide.
    lead = login(company.team_lead)
    assert (
        post(
            lead, f"/api/targets/adjustments/{asked.json()['id']}/decision", {"approve": True}
        ).status_code
        == 403
    )
    client.logout()
    director = login(company.director)
    decided = post(
        director, f"/api/targets/adjustments/{asked.json()['id']}/decision", {"approve": True}
    )
    assert decided.json()["state"] == "approved"
    history = director.get(f"/api/targets/targets/{rep_target.pk}/history").json()
    assert [h["kind"] for h in history] == ["created", "submitted", "approved", "adjusted"]


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
