"""Batch ingestion over the API: token auth, per-record errors, idempotent by external id,
and lists that stay inside the caller's scope."""

from __future__ import annotations

import json
from decimal import Decimal

from django.test import Client

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.org.auth import api_token_create
from tests.personas import Company, account

LINE = {
    "external_id": "CRM-1",
    "sold_on": "2026-03-02",
    "customer": "CU-BJ",
    "product": "P-A",
    "person": "REP",
    "quantity": 2,
    "amount": "200.5",
    "cost": 100,
}


def post(client: Client, token: str, path: str, body: dict) -> tuple[int, dict]:
    resp = client.post(
        f"/api/actuals/{path}",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return resp.status_code, resp.json()


def test_finance_pushes_sales_lines_idempotently(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.finance), name="erp")
    status, body = post(client, token, "sales-lines", {"source": "erp", "records": [LINE]})
    assert status == 200, body
    assert (body["inserted"], body["status"]) == (1, "done")
    status, body = post(
        client, token, "sales-lines", {"source": "erp", "records": [LINE | {"amount": 250}]}
    )
    assert (body["inserted"], body["updated"]) == (0, 1)
    status, body = post(
        client, token, "sales-lines", {"source": "erp", "records": [LINE | {"amount": 250}]}
    )
    assert body["unchanged"] == 1
    assert SalesLine.objects.get().amount == 250
    assert PersonDaily.objects.get().amount == 250


def test_per_record_errors_name_index_and_field_and_write_nothing(
    client: Client, company: Company
) -> None:
    token = api_token_create(user=account(company.admin), name="erp")
    records = [
        LINE,
        LINE | {"external_id": "CRM-2", "product": "NOPE", "sold_on": "2026-02-30"},
        LINE | {"external_id": None},
    ]
    status, body = post(client, token, "sales-lines", {"records": records})
    assert status == 422
    found = {(e["index"], e["field"]) for e in body["errors"]}
    assert found == {(1, "product"), (1, "sold_on"), (2, "external_id")}
    assert body["message"] == "有 2 条记录有错误，按“全部或不导入”方式，未写入任何数据。"
    assert not SalesLine.objects.exists()
    status, body = post(client, token, "sales-lines", {"records": records, "mode": "good"})
    assert status == 200
    assert body["inserted"] == 1


def test_every_fact_kind_has_an_endpoint(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.finance), name="crm")
    cases = {
        "expenses": {
            "external_id": "E1",
            "spent_on": "2026-03-02",
            "node": "NORTH",
            "category": "差旅",
            "amount": 12.34,
        },
        "payments": {
            "external_id": "P1",
            "received_on": "2026-03-02",
            "customer": "CU-BJ",
            "amount": 1000,
        },
        "opportunities": {
            "external_id": "O1",
            "customer": "CU-BJ",
            "person": "REP",
            "opened_on": "2026-01-02",
            "closed_on": "2026-03-02",
            "stage": "赢单",
            "amount": 500,
        },
        "surveys": {
            "external_id": "S1",
            "surveyed_on": "2026-03-02",
            "customer": "CU-BJ",
            "score": 4.5,
        },
        "market-sizes": {
            "region": "R-N",
            "month": "2026-03",
            "amount": "1000000",
            "external_id": "M1",
        },
    }
    for path, record in cases.items():
        status, body = post(client, token, path, {"records": [record]})
        assert status == 200, (path, body)
        assert body["inserted"] == 1
    day = PersonDaily.objects.get(person=company.rep)
    assert (day.payment, day.won, day.won_amount, day.survey_count) == (1000, 1, 500, 1)
    assert PersonDaily.objects.get(person=None, node=company.north).expense == Decimal("12.34")


def test_a_manager_cannot_import(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.manager_north), name="x")
    status, _body = post(client, token, "sales-lines", {"records": [LINE]})
    assert status == 403


def test_lists_stay_in_scope(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.admin), name="erp")
    other = LINE | {"external_id": "CRM-9", "customer": "CU-SH", "person": "REP_OTHER"}
    assert post(client, token, "sales-lines", {"records": [LINE, other]})[0] == 200
    rep_token = api_token_create(user=account(company.rep), name="me")
    items = client.get(
        "/api/actuals/sales-lines", headers={"Authorization": f"Bearer {rep_token}"}
    ).json()["items"]
    assert [i["external_id"] for i in items] == ["CRM-1"]
    manager = api_token_create(user=account(company.manager_east), name="m")
    items = client.get(
        "/api/actuals/sales-lines", headers={"Authorization": f"Bearer {manager}"}
    ).json()["items"]
    assert [i["external_id"] for i in items] == ["CRM-9"]
    assert client.get("/api/actuals/sales-lines").status_code == 401


def test_openapi_describes_the_batch_endpoints(client: Client, db: None) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("sales-lines", "expenses", "payments", "opportunities", "surveys", "market-sizes"):
        assert "post" in paths[f"/api/actuals/{path}"]
        assert "get" in paths[f"/api/actuals/{path}"]
