"""The org and catalog API answer within the caller's scope, by session and by token."""

from __future__ import annotations

from django.test import Client

from salestarget.org.auth import api_token_create
from tests.personas import Company, account


def test_api_needs_authentication(client: Client, company: Company) -> None:
    assert client.get("/api/org/people").status_code == 401


def test_a_rep_reads_only_themself_by_token(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.rep), name="crm")
    resp = client.get("/api/org/people", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200
    assert [p["name"] for p in resp.json()["items"]] == ["王小明"]
    other = client.get(
        f"/api/org/people/{company.rep_other.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert other.status_code == 404


def test_a_manager_reads_their_subtree_by_session(login, company: Company) -> None:
    client = login(company.manager_north)
    nodes = client.get("/api/org/nodes").json()["items"]
    assert {n["name"] for n in nodes} == {"华北", "北京一组"}
    assert client.get(f"/api/org/nodes/{company.east.pk}").status_code == 404
    customers = client.get("/api/catalog/customers").json()["items"]
    assert [c["code"] for c in customers] == ["CU-BJ"]


def test_a_bad_token_is_refused(client: Client, company: Company) -> None:
    resp = client.get("/api/org/people", headers={"Authorization": "Bearer nope"})
    assert resp.status_code == 401


def test_the_openapi_schema_is_published(client: Client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/org/people" in schema["paths"]
    assert "/api/catalog/customers" in schema["paths"]
