"""An ERP pushing its first sales lines over the API may ask for the customers and products
they name and SalesTarget lacks to be made first (``create_new``), with the rule of the file
import: who may keep master data only."""

from __future__ import annotations

import pytest
from django.test import Client

from salestarget.actuals.models import SalesLine
from salestarget.catalog.models import Customer, Product
from salestarget.org.auth import api_token_create
from tests.actuals.test_api import post
from tests.personas import Company, account


def _line(i: int, customer: str, product: str) -> dict[str, object]:
    return {
        "external_id": f"ERP-{i}",
        "sold_on": "2026-03-02",
        "customer": customer,
        "customer_name": f"{customer} 有限公司",
        "product": product,
        "product_name": f"{product} 商品",
        "unit_price": "12.5",
        "person": "REP",
        "quantity": 2,
        "amount": 25,
    }


RECORDS = [_line(1, "K-1", "W-1"), _line(2, "K-1", "W-2"), _line(3, "K-2", "W-1")]


def test_the_openapi_schema_describes_the_option(client: Client, company: Company) -> None:
    schema = client.get("/api/openapi.json").json()
    batch = schema["components"]["schemas"]["SalesLineBatch"]["properties"]
    assert batch["create_new"]["type"] == "boolean"
    assert batch["create_new"]["default"] is False
    assert "customer_name" in schema["components"]["schemas"]["SalesLineRecord"]["properties"]


def test_finance_pushes_lines_of_new_customers_and_products(
    client: Client, company: Company
) -> None:
    token = api_token_create(user=account(company.finance), name="erp")
    status, body = post(client, token, "sales-lines", {"source": "erp", "records": RECORDS})
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {"customer", "product"}

    status, body = post(
        client, token, "sales-lines", {"source": "erp", "records": RECORDS, "create_new": True}
    )
    assert status == 200, body
    assert body["inserted"] == 3
    assert "新建了 2 个客户" in body["message"]
    assert "新建了 2 个产品" in body["message"]
    assert sorted(
        Customer.objects.filter(created_batch=body["batch_id"]).values_list("code", "name")
    ) == [
        ("K-1", "K-1 有限公司"),
        ("K-2", "K-2 有限公司"),
    ]
    assert Product.objects.get(code="W-2").list_price == 12.5
    assert SalesLine.objects.count() == 3


@pytest.mark.parametrize("who", ["rep", "manager_north"])
def test_who_may_not_keep_master_data_is_refused(
    client: Client, company: Company, who: str
) -> None:
    token = api_token_create(user=account(getattr(company, who)), name="erp")
    status, _body = post(
        client, token, "sales-lines", {"source": "erp", "records": RECORDS, "create_new": True}
    )
    assert status == 403
    assert not Customer.objects.filter(code__startswith="K-").exists()


def test_a_crm_pushes_opportunities_of_new_prospects(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.admin), name="crm")
    record = {
        "external_id": "O-1",
        "name": "打印机集采",
        "customer": "K-101",
        "customer_name": "丁贸易有限公司",
        "person": "REP",
        "amount": 50000,
        "opened_on": "2026-03-02",
        "stage": "open",
    }
    batch = {"source": "crm", "records": [record]}
    status, body = post(client, token, "opportunities", batch)
    assert status == 422
    assert {e["field"] for e in body["errors"]} == {"customer"}

    status, body = post(client, token, "opportunities", batch | {"create_new": True})
    assert status == 200, body
    made = Customer.objects.get(created_batch=body["batch_id"])
    assert (made.code, made.name, made.owner) == ("K-101", "丁贸易有限公司", company.rep)
