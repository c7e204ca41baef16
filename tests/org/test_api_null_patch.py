"""A PATCH that sends null for a field a person must have is a 422 naming it (was a 500)."""

from __future__ import annotations

from django.test import Client

from salestarget.org.auth import api_token_create
from tests.personas import Company, account


def test_a_null_phone_is_refused_by_name(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.admin), name="t")
    resp = client.patch(
        f"/api/org/people/{company.rep.pk}",
        {"phone": None},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 422
    assert "phone" in resp.json()["errors"]
