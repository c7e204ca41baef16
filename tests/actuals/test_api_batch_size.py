"""A batch as large as the API says it takes gets in; a body over the limit is told why."""

from __future__ import annotations

import json

from django.test import Client, override_settings

from salestarget.actuals.models import SalesLine
from salestarget.org.auth import api_token_create
from tests.actuals.test_api import LINE
from tests.personas import Company, account


def records(count: int) -> list[dict[str, object]]:
    """Lines padded by a field the API ignores, so a few of them make a body of megabytes."""
    return [LINE | {"external_id": f"CRM-{n}", "comment": "x" * 3_000} for n in range(count)]


def send(client: Client, token: str, body: str) -> tuple[int, dict]:
    resp = client.post(
        "/api/actuals/sales-lines",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return resp.status_code, resp.json()


def test_a_batch_over_django_s_default_body_limit_gets_in(client: Client, company: Company) -> None:
    token = api_token_create(user=account(company.finance), name="erp")
    body = json.dumps({"source": "erp", "records": records(1_000)})
    assert len(body) > 2_621_440  # Django's default limit, which refused such a batch
    status, answer = send(client, token, body)
    assert status == 200, answer
    assert answer["inserted"] == 1_000
    assert SalesLine.objects.count() == 1_000


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100_000, SALESTARGET_API_BODY_MAX_MB=0.1)
def test_a_body_over_the_limit_is_refused_naming_the_limit(
    client: Client, company: Company
) -> None:
    token = api_token_create(user=account(company.finance), name="erp")
    status, answer = send(client, token, json.dumps({"source": "erp", "records": records(50)}))
    assert status == 413
    assert "0.1 MB" in answer["detail"]
    assert SalesLine.objects.count() == 0
