"""A customer's first purchase date is derived from its sales lines and counts it as new in the
rollups on that day. No path that edits a customer can change it — the API (single and batch),
the form, the file import, the Django admin — so `rollups check` stays equal after each try."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.actuals.rollups import rollups_check, rollups_rebuild
from salestarget.catalog.models import Customer
from tests.catalog.masterfiles import _media, csv_bytes, master_import  # noqa: F401
from tests.personas import Company

FIRST = dt.date(2026, 3, 2)
ELSEWHERE = "2026-03-09"


@pytest.fixture
def customer(company: Company) -> Customer:
    """北京 customer's first purchase on 2 March, counted as a new customer that day."""
    SalesLine.objects.create(
        external_id="fp1",
        sold_on=FIRST,
        customer=company.customer_bj,
        product=company.product_a,
        person=company.rep,
        node=company.team_bj,
        channel=company.channel,
        customer_type=company.customer_type,
        region=company.region_north,
        quantity=Decimal(1),
        amount=Decimal(100),
        cost=Decimal(0),
    )
    Customer.objects.filter(pk=company.customer_bj.pk).update(first_purchase_on=FIRST)
    rollups_rebuild()
    assert PersonDaily.objects.get(day=FIRST).new_customers == 1
    return company.customer_bj


def assert_unchanged(customer: Customer) -> None:
    customer.refresh_from_db()
    assert customer.first_purchase_on == FIRST
    assert not any(rollups_check().values())


def test_the_api_refuses_to_set_it(login, company: Company, customer: Customer) -> None:
    client = login(company.admin)
    resp = client.patch(
        f"/api/catalog/customers/{customer.pk}",
        {"first_purchase_on": ELSEWHERE},
        content_type="application/json",
    )
    assert resp.status_code == 422
    assert "first_purchase_on" in str(resp.json())
    created = client.post(
        "/api/catalog/customers",
        {
            "code": "CU-X",
            "name": "新",
            "customer_type_id": company.customer_type.pk,
            "region_id": company.region_north.pk,
            "channel_id": company.channel.pk,
            "first_purchase_on": ELSEWHERE,
        },
        content_type="application/json",
    )
    assert created.status_code == 422
    assert not Customer.objects.filter(code="CU-X").exists()
    out = client.get(f"/api/catalog/customers/{customer.pk}").json()
    assert out["first_purchase_on"] == FIRST.isoformat()  # still read
    assert_unchanged(customer)


def test_a_batch_record_cannot_set_it(login, company: Company, customer: Customer) -> None:
    client = login(company.admin)
    record = {"code": customer.code, "name": customer.name, "first_purchase_on": ELSEWHERE}
    client.post(
        "/api/catalog/customers/batch", {"records": [record]}, content_type="application/json"
    )
    assert_unchanged(customer)


def test_the_form_does_not_offer_it(login, company: Company, customer: Customer) -> None:
    client = login(company.admin)
    page = client.get(reverse("catalog:customer_edit", args=[customer.pk])).content.decode()
    assert 'name="first_purchase_on"' not in page
    client.post(
        reverse("catalog:customer_edit", args=[customer.pk]),
        {
            "code": customer.code,
            "name": customer.name,
            "customer_type": company.customer_type.pk,
            "region": company.region_north.pk,
            "channel": company.channel.pk,
            "owner": company.rep.pk,
            "first_purchase_on": ELSEWHERE,
        },
    )
    assert_unchanged(customer)


def test_a_customer_file_does_not_set_it(company: Company, customer: Customer) -> None:
    batch = master_import(
        csv_bytes(
            "客户编码,客户名称,客户类型,区域,渠道,首次购买日期",
            f"{customer.code},{customer.name},{company.customer_type.code},华北,"
            f"{company.channel.code},{ELSEWHERE}",
        ),
        kind="customers",
    )
    assert batch.status == "done", batch.errors_preview
    assert_unchanged(customer)


def test_the_admin_shows_it_read_only(login, company: Company, customer: Customer) -> None:
    client = login(company.admin)
    url = reverse("admin:catalog_customer_change", args=[customer.pk])
    page = client.get(url).content.decode()
    assert 'name="first_purchase_on"' not in page
    assert "2026-03-02" in page or "2026年3月2日" in page
    client.post(
        url,
        {
            "code": customer.code,
            "name": customer.name,
            "customer_type": company.customer_type.pk,
            "region": company.region_north.pk,
            "channel": company.channel.pk,
            "first_purchase_on": ELSEWHERE,
            "sort_order": 0,
            "is_active": "on",
        },
    )
    assert_unchanged(customer)
