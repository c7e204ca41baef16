"""Org writes over the API: admin and finance only, the same rules and messages as the pages,
and reads and writes never reach past the caller's scope."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from salestarget.org.auth import api_token_create
from salestarget.org.models import OrgNode, Person
from tests.personas import Company


def bearer(person) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=person.user, name='test')}"}


def test_finance_creates_a_node_by_token(client: Client, company: Company) -> None:
    resp = client.post(
        "/api/org/nodes",
        {"parent_id": company.north.pk, "code": "BJ2", "name": "北京二组", "kind": "team"},
        content_type="application/json",
        headers=bearer(company.finance),
    )
    assert resp.status_code == 201
    node = OrgNode.objects.get(code="BJ2")
    assert resp.json()["id"] == node.pk
    assert node.depth == 2


def test_the_api_reports_the_same_errors_as_the_pages(client: Client, company: Company) -> None:
    headers = bearer(company.admin)
    resp = client.post(
        "/api/org/nodes",
        {"parent_id": company.north.pk, "code": "BJ1", "name": "重复", "kind": "galaxy"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 422
    errors = resp.json()["errors"]
    assert errors["code"] == ["编码“BJ1”已被使用。"]
    assert "kind" in errors
    resp = client.patch(
        f"/api/org/nodes/{company.north.pk}",
        {"parent_id": company.team_bj.pk},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 422
    assert resp.json()["errors"]["parent"] == ["不能把组织移动到它自己或它的下级之下。"]


def test_a_manager_may_read_but_not_write(client: Client, company: Company) -> None:
    headers = bearer(company.manager_north)
    resp = client.patch(
        f"/api/org/nodes/{company.team_bj.pk}",
        {"name": "改名"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 403
    # Outside the subtree the node does not exist for them at all.
    resp = client.patch(
        f"/api/org/nodes/{company.team_sh.pk}",
        {"name": "改名"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 404
    assert OrgNode.objects.filter(name="改名").count() == 0


def test_people_are_created_moved_and_deactivated(client: Client, company: Company) -> None:
    headers = bearer(company.finance)
    resp = client.post(
        "/api/org/people",
        {
            "employee_no": "E1",
            "name": "新人",
            "node_id": company.team_bj.pk,
            "valid_from": "2025-01-01",
        },
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 201
    person_id = resp.json()["id"]
    assert resp.json()["node_id"] == company.team_bj.pk
    resp = client.post(
        f"/api/org/people/{person_id}/move",
        {"to_node_id": company.team_sh.pk, "on": "2025-06-01"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 201
    history = client.get(f"/api/org/people/{person_id}/memberships", headers=headers).json()
    assert [(m["node_id"], m["valid_to"]) for m in history] == [
        (company.team_bj.pk, "2025-06-01"),
        (company.team_sh.pk, None),
    ]
    resp = client.post(f"/api/org/people/{person_id}/deactivate?on=2025-09-01", headers=headers)
    assert resp.status_code == 200
    assert resp.json()["is_active"] is False
    assert Person.objects.get(pk=person_id).left_on == dt.date(2025, 9, 1)


def test_only_an_admin_sets_roles_over_the_api(client: Client, company: Company) -> None:
    payload = {"role": "manager", "username": "rep"}
    resp = client.put(
        f"/api/org/people/{company.rep.pk}/account",
        payload,
        content_type="application/json",
        headers=bearer(company.finance),
    )
    assert resp.status_code == 403
    resp = client.put(
        f"/api/org/people/{company.rep.pk}/account",
        payload,
        content_type="application/json",
        headers=bearer(company.admin),
    )
    assert resp.status_code == 200
    assert resp.json()["role"] == "manager"


def test_a_rep_cannot_reach_others_by_api(client: Client, company: Company) -> None:
    headers = bearer(company.rep)
    assert client.get(f"/api/org/people/{company.team_lead.pk}", headers=headers).status_code == 404
    assert client.get("/api/org/nodes", headers=headers).json()["items"] == []
    resp = client.patch(
        f"/api/org/people/{company.rep.pk}",
        {"name": "改名"},
        content_type="application/json",
        headers=headers,
    )
    assert resp.status_code == 403


def test_the_write_endpoints_are_in_the_openapi_schema(client: Client, db: None) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"post"} <= set(paths["/api/org/nodes"])
    assert "patch" in paths["/api/org/nodes/{node_id}"]
    assert "post" in paths["/api/org/people/{person_id}/move"]
    assert "put" in paths["/api/org/people/{person_id}/account"]
