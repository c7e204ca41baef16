"""Catalog writes over the API: the pages' rules, admin and finance only, customers scoped."""

from __future__ import annotations

from django.test import Client

from salestarget.catalog.models import Customer, Product, ProductCategory
from salestarget.org.auth import api_token_create
from salestarget.org.models import Person
from tests.personas import Company

JSON = "application/json"


def bearer(person) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=person.user, name='test')}"}


def test_finance_creates_updates_and_deactivates_a_product(
    client: Client, company: Company
) -> None:
    headers = bearer(company.finance)
    resp = client.post(
        "/api/catalog/products",
        {
            "code": "P-C",
            "name": "产品C",
            "line_id": company.product_a.line_id,
            "list_price": "12.3456",
        },
        content_type=JSON,
        headers=headers,
    )
    assert resp.status_code == 201, resp.json()
    product_id = resp.json()["id"]
    resp = client.patch(
        f"/api/catalog/products/{product_id}",
        {"name": "产品C2"},
        content_type=JSON,
        headers=headers,
    )
    assert resp.json()["name"] == "产品C2"
    assert str(Product.objects.get(pk=product_id).list_price) == "12.3456"
    resp = client.post(f"/api/catalog/products/{product_id}/deactivate", headers=headers)
    assert resp.json()["is_active"] is False


def test_the_api_refuses_what_the_pages_refuse(client: Client, company: Company) -> None:
    headers = bearer(company.admin)
    resp = client.post(
        "/api/catalog/product-categories",
        {"code": "C1", "name": "重复"},
        content_type=JSON,
        headers=headers,
    )
    assert resp.status_code == 422
    assert resp.json()["errors"] == {"code": ["编码“C1”已被使用。"]}
    Person.objects.filter(pk=company.rep.pk).update(is_active=False)
    resp = client.patch(
        f"/api/catalog/customers/{company.customer_bj.pk}",
        {"owner_id": company.rep.pk},
        content_type=JSON,
        headers=headers,
    )
    assert resp.json()["errors"]["owner"] == ["负责人“王小明”已停用，请选择在职人员。"]
    resp = client.post(
        "/api/catalog/customers",
        {
            "code": "X",
            "name": "X",
            "customer_type_id": 999,
            "region_id": company.region_north.pk,
            "channel_id": company.channel.pk,
        },
        content_type=JSON,
        headers=headers,
    )
    assert resp.status_code == 422
    assert "customer_type" in resp.json()["errors"]
    assert not Customer.objects.filter(code="X").exists()


def test_reps_and_managers_cannot_write(client: Client, company: Company) -> None:
    for who in (company.rep, company.manager_north):
        resp = client.post(
            "/api/catalog/product-categories",
            {"code": "C9", "name": "新"},
            content_type=JSON,
            headers=bearer(who),
        )
        assert resp.status_code == 403
    assert not ProductCategory.objects.filter(code="C9").exists()


def test_customers_outside_the_scope_do_not_exist_over_the_api(
    client: Client, company: Company
) -> None:
    headers = bearer(company.manager_north)
    assert (
        client.get(f"/api/catalog/customers/{company.customer_sh.pk}", headers=headers).status_code
        == 404
    )
    resp = client.patch(
        f"/api/catalog/customers/{company.customer_sh.pk}",
        {"name": "x"},
        content_type=JSON,
        headers=headers,
    )
    assert resp.status_code == 404
    items = client.get(
        f"/api/catalog/customers?region_id={company.region_east.pk}", headers=headers
    ).json()["items"]
    assert items == []


def test_calendar_days_over_the_api(client: Client, company: Company) -> None:
    headers = bearer(company.finance)
    resp = client.post(
        "/api/catalog/calendar-days",
        {"date": "2025-10-01", "kind": "holiday", "name": "国庆节"},
        content_type=JSON,
        headers=headers,
    )
    assert resp.status_code == 201
    day_id = resp.json()["id"]
    assert [
        d["name"]
        for d in client.get("/api/catalog/calendar-days?year=2025", headers=headers).json()
    ] == ["国庆节"]
    resp = client.post(
        "/api/catalog/calendar-days",
        {"date": "2025-10-01", "kind": "holiday"},
        content_type=JSON,
        headers=headers,
    )
    assert resp.status_code == 422
    assert (
        client.delete(
            f"/api/catalog/calendar-days/{day_id}", headers=bearer(company.rep)
        ).status_code
        == 403
    )
    assert client.delete(f"/api/catalog/calendar-days/{day_id}", headers=headers).status_code == 204
