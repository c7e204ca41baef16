"""A NUL character in any text sent to the API is refused with a 422 naming where it was:
PostgreSQL cannot store it (a server error there before), and no field means anything by it."""

from __future__ import annotations

import json

from salestarget.catalog.models import Channel


def test_a_nul_in_a_body_field_is_a_422_naming_the_field(company, login) -> None:
    client = login(company.admin)
    response = client.post(
        "/api/catalog/channels",
        json.dumps({"code": "web", "name": "电\x00商"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
    assert "NUL" in response.json()["detail"][0]["msg"]
    assert not Channel.objects.filter(code="web").exists()


def test_a_nul_in_a_nested_record_names_its_place(company, login) -> None:
    client = login(company.admin)
    response = client.post(
        "/api/actuals/opportunities",
        json.dumps({"records": [{"external_id": "a", "name": "ok"}, {"external_id": "b\x00"}]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "records", 1, "external_id"]


def test_a_nul_in_a_query_parameter_is_a_422(company, login) -> None:
    client = login(company.admin)
    response = client.get("/api/catalog/customers", {"q": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]
