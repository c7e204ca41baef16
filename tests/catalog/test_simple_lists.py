"""Customer types and channels: coded lists with their customer counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from salestarget.catalog.models import Channel, CustomerType
from tests.personas import Company


@pytest.mark.parametrize(
    ("kind", "model", "existing"),
    [("customertype", CustomerType, "KA"), ("channel", Channel, "DIRECT")],
)
def test_finance_keeps_the_list(login, company: Company, kind, model, existing) -> None:
    client = login(company.finance)
    listing = client.get(reverse(f"catalog:{kind}_list"))
    assert [(i.code, i.customer_count) for i in listing.context["items"]] == [(existing, 2)]
    resp = client.post(
        reverse(f"catalog:{kind}_create"), {"code": existing, "name": "x", "sort_order": 0}
    )
    assert resp.context["form"].errors["code"] == [f"编码“{existing}”已被使用。"]
    client.post(reverse(f"catalog:{kind}_create"), {"code": "NEW", "name": "新的", "sort_order": 1})
    item = model.objects.get(code="NEW")
    client.post(
        reverse(f"catalog:{kind}_edit", args=[item.pk]),
        {"code": "NEW", "name": "改名", "sort_order": 1},
    )
    assert model.objects.get(pk=item.pk).name == "改名"
    client.post(reverse(f"catalog:{kind}_deactivate", args=[item.pk]))
    assert not model.objects.get(pk=item.pk).is_active


def test_an_inactive_type_cannot_be_chosen_for_a_customer(login, company: Company) -> None:
    CustomerType.objects.filter(pk=company.customer_type.pk).update(is_active=False)
    client = login(company.finance)
    form = client.get(reverse("catalog:customer_create")).context["form"]
    assert not form.fields["customer_type"].queryset.exists()
