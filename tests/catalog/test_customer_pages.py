"""Customers: a rep sees their own, a manager their subtree's; search, filters, pages."""

from __future__ import annotations

from django.urls import reverse

from salestarget.catalog.models import Channel, Customer, CustomerType, Region, RegionLevel
from salestarget.catalog.services import region_save
from salestarget.org.models import Person
from tests.personas import Company
from tests.web.querycount import queries_of


def codes(resp) -> list[str]:
    return [c.code for c in resp.context["page_obj"]]


def many(company: Company, n: int, owner: Person, region: Region | None = None) -> None:
    Customer.objects.bulk_create(
        Customer(
            code=f"CU-{i:04}",
            name=f"客户{i}",
            customer_type=company.customer_type,
            region=region or company.region_north,
            channel=company.channel,
            owner=owner,
        )
        for i in range(n)
    )


def test_a_rep_sees_only_their_own_customers(login, company: Company) -> None:
    client = login(company.rep)
    assert codes(client.get(reverse("catalog:customer_list"))) == ["CU-BJ"]
    own = reverse("catalog:customer_detail", args=[company.customer_bj.pk])
    assert client.get(own).status_code == 200
    other = reverse("catalog:customer_detail", args=[company.customer_sh.pk])
    assert client.get(other).status_code == 404


def test_a_manager_cannot_open_or_edit_an_east_customer_by_url(login, company: Company) -> None:
    client = login(company.manager_north)
    assert codes(client.get(reverse("catalog:customer_list"))) == ["CU-BJ"]
    for name in ("catalog:customer_detail", "catalog:customer_edit"):
        assert client.get(reverse(name, args=[company.customer_sh.pk])).status_code == 404
    resp = client.post(reverse("catalog:customer_deactivate", args=[company.customer_sh.pk]))
    assert resp.status_code == 404
    # Their own subtree's customer: readable, but changing it is finance's job.
    assert (
        client.get(reverse("catalog:customer_edit", args=[company.customer_bj.pk])).status_code
        == 403
    )


def test_the_list_is_paginated_and_searchable(login, company: Company) -> None:
    many(company, 120, company.rep)
    client = login(company.director)
    first = client.get(reverse("catalog:customer_list"))
    assert len(codes(first)) == 50
    assert first.context["page_obj"].paginator.count == 122
    last = client.get(reverse("catalog:customer_list"), {"page": 3})
    assert len(codes(last)) == 22
    found = client.get(
        reverse("catalog:customer_list"), {"q": "客户11"}, headers={"HX-Request": "true"}
    )
    assert codes(found) == [f"CU-{i:04}" for i in [11, *range(110, 120)]]
    assert found.templates[0].name == "catalog/_customer_table.html"


def test_filters_by_type_region_subtree_channel_and_owner(login, company: Company) -> None:
    hebei = region_save(
        region=Region(
            code="HB", name="河北", level=RegionLevel.PROVINCE, parent=company.region_north
        )
    )
    small = CustomerType.objects.create(code="SMB", name="中小客户")
    online = Channel.objects.create(code="ONLINE", name="电商")
    Customer.objects.create(
        code="CU-HB",
        name="河北客户",
        customer_type=small,
        region=hebei,
        channel=online,
        owner=company.team_lead,
    )
    client = login(company.director)
    url = reverse("catalog:customer_list")
    assert codes(client.get(url, {"region": company.region_north.pk})) == ["CU-BJ", "CU-HB"]
    assert codes(client.get(url, {"region": hebei.pk})) == ["CU-HB"]
    assert codes(client.get(url, {"type": small.pk})) == ["CU-HB"]
    assert codes(client.get(url, {"channel": company.channel.pk})) == ["CU-BJ", "CU-SH"]
    assert codes(client.get(url, {"owner": company.rep_other.pk})) == ["CU-SH"]


def test_the_list_costs_the_same_queries_for_2000_customers(login, company: Company) -> None:
    client = login(company.manager_north)
    before = queries_of(client, reverse("catalog:customer_list"))
    many(company, 2000, company.rep)
    assert queries_of(client, reverse("catalog:customer_list"), {"page": 7}) == before


def test_finance_creates_and_edits_a_customer(login, company: Company) -> None:
    client = login(company.finance)
    data = {
        "code": "CU-NEW",
        "name": "新客户",
        "customer_type": company.customer_type.pk,
        "region": company.region_east.pk,
        "channel": company.channel.pk,
        "owner": company.rep_other.pk,
        "first_purchase_on": "2025-02-03",
    }
    resp = client.post(reverse("catalog:customer_create"), data)
    customer = Customer.objects.get(code="CU-NEW")
    assert resp["Location"] == reverse("catalog:customer_detail", args=[customer.pk])
    client.post(
        reverse("catalog:customer_edit", args=[customer.pk]), {**data, "owner": company.rep.pk}
    )
    assert Customer.objects.get(pk=customer.pk).owner == company.rep
    assert customer.first_purchase_on is None  # derived from sales lines, not typed


def test_an_inactive_owner_is_refused(login, company: Company) -> None:
    Person.objects.filter(pk=company.rep_other.pk).update(is_active=False)
    client = login(company.finance)
    resp = client.post(
        reverse("catalog:customer_edit", args=[company.customer_sh.pk]),
        {
            "code": "CU-SH",
            "name": "上海客户",
            "customer_type": company.customer_type.pk,
            "region": company.region_east.pk,
            "channel": company.channel.pk,
            "owner": company.rep_other.pk,
        },
    )
    assert resp.context["form"].errors["owner"] == ["负责人“陈小红”已停用，请选择在职人员。"]


def test_a_deactivated_customer_leaves_the_default_list(login, company: Company) -> None:
    client = login(company.finance)
    client.post(reverse("catalog:customer_deactivate", args=[company.customer_sh.pk]))
    assert codes(client.get(reverse("catalog:customer_list"))) == ["CU-BJ"]
    assert codes(client.get(reverse("catalog:customer_list"), {"status": "inactive"})) == ["CU-SH"]
