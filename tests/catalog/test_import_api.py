"""Master data in batches over the API: the import's checks, per-record errors, upsert."""

from __future__ import annotations

import json

from salestarget.catalog.models import Channel, Customer, CustomerType
from salestarget.org.models import Person
from tests.catalog.masterfiles import _media  # noqa: F401
from tests.personas import Company


def post(client, path: str, body: dict[str, object]):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_customer_batch_names_the_bad_record_and_writes_nothing(login, company: Company) -> None:
    client = login(company.finance)
    body = {
        "records": [
            {
                "code": "C1",
                "name": "甲",
                "customer_type": "KA",
                "region": "华北",
                "channel": "直销",
            },
            {
                "code": "C2",
                "name": "乙",
                "customer_type": "KA",
                "region": "Mars",
                "channel": "直销",
            },
        ]
    }
    resp = post(client, "/api/catalog/customers/batch", body)
    assert resp.status_code == 422
    result = resp.json()
    assert result["status"] == "rejected"
    assert result["errors"] == [
        {
            "index": 1,
            "field": "region",
            "value": "Mars",
            "message": "找不到区域“Mars”（按编码或完整名称查找）；可勾选“创建文件中缺少的客户类型、区域和渠道”",
        }
    ]
    assert not Customer.objects.filter(code__in=["C1", "C2"]).exists()
    ok = post(client, "/api/catalog/customers/batch", body | {"create_missing": True})
    assert ok.status_code == 200, ok.json()
    assert (ok.json()["inserted"], ok.json()["rejected"]) == (2, 0)
    assert Customer.objects.get(code="C2").region.name == "Mars"


def test_good_records_only_and_an_update(login, company: Company) -> None:
    client = login(company.admin)
    body = {
        "mode": "good",
        "records": [
            {"code": "KA", "name": "重点客户"},
            {"code": "SMB", "name": "中小客户"},
            {"code": "", "name": "无编码"},
        ],
    }
    resp = post(client, "/api/catalog/customer-types/batch", body)
    assert resp.status_code == 200
    assert {k: resp.json()[k] for k in ("inserted", "updated", "rejected")} == {
        "inserted": 1,
        "updated": 1,
        "rejected": 1,
    }
    assert resp.json()["errors"][0]["field"] == "code"
    assert CustomerType.objects.get(code="KA").name == "重点客户"


def test_channels_products_and_people_batches(login, company: Company) -> None:
    client = login(company.admin)
    assert (
        post(
            client, "/api/catalog/channels/batch", {"records": [{"code": "EC", "name": "电商"}]}
        ).status_code
        == 200
    )
    assert Channel.objects.filter(code="EC").exists()
    products = {
        "records": [
            {
                "code": "X1",
                "name": "新品",
                "category": "新品类",
                "list_price": 12.5,
                "standard_cost": "7",
            }
        ]
    }
    assert post(client, "/api/catalog/products/batch", products).status_code == 200
    people = {
        "records": [
            {
                "employee_no": "E9",
                "name": "新人",
                "node": "BJ1",
                "is_manager": True,
                "valid_from": "2025-01-01",
            }
        ]
    }
    resp = post(client, "/api/org/people/batch", people)
    assert resp.status_code == 200, resp.json()
    assert Person.objects.get(employee_no="E9").memberships.get().is_manager
    nodes = {"records": [{"code": "BJ2", "name": "北京二组", "parent": "NORTH"}]}
    assert post(client, "/api/org/nodes/batch", nodes).json()["inserted"] == 1


def test_managers_and_reps_are_refused(login, company: Company) -> None:
    body = {"records": [{"code": "C1", "name": "甲"}]}
    for person in (company.manager_north, company.rep):
        client = login(person)
        assert post(client, "/api/catalog/customer-types/batch", body).status_code == 403
        assert (
            post(
                client, "/api/org/people/batch", {"records": [{"employee_no": "E1", "name": "x"}]}
            ).status_code
            == 403
        )


def test_the_batches_are_described_in_openapi(login, company: Company) -> None:
    spec = login(company.rep).get("/api/openapi.json").json()
    for path in (
        "/api/catalog/customers/batch",
        "/api/catalog/products/batch",
        "/api/catalog/regions/batch",
        "/api/catalog/customer-types/batch",
        "/api/catalog/channels/batch",
        "/api/org/nodes/batch",
        "/api/org/people/batch",
    ):
        assert "post" in spec["paths"][path], path
