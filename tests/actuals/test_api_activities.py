"""Activities pushed by a CRM over the API: batches idempotent by external id, each person
within their scope (a rep their own, a manager their subtree's), listed in scope."""

from __future__ import annotations

from django.test import Client

from salestarget.actuals.models import Activity, PersonDaily
from salestarget.org.auth import api_token_create
from tests.actuals.test_api import post
from tests.personas import Company

VISIT = {
    "external_id": "CRM-V1",
    "occurred_on": "2026-03-02",
    "time": "10:15",
    "kind": "visit",
    "person": "REP",
    "customer": "CU-BJ",
    "outcome": "opportunity",
}


def test_a_crm_pushes_visits_again_and_again_without_counting_twice(
    client: Client, company: Company
) -> None:
    token = api_token_create(user=company.manager_north.user, name="crm")
    status, body = post(client, token, "activities", {"source": "crm", "records": [VISIT]})
    assert status == 200, body
    assert body["inserted"] == 1
    status, body = post(client, token, "activities", {"source": "crm", "records": [VISIT]})
    assert (body["inserted"], body["unchanged"]) == (0, 1)
    status, body = post(
        client, token, "activities", {"source": "crm", "records": [VISIT | {"outcome": "deal"}]}
    )
    assert body["updated"] == 1
    assert Activity.objects.get().outcome == "deal"
    day = PersonDaily.objects.get(person=company.rep)
    assert (day.visits, day.activity_opportunities) == (1, 1)


def test_a_rep_pushes_only_their_own_and_a_bad_batch_writes_nothing(
    client: Client, company: Company
) -> None:
    token = api_token_create(user=company.rep.user, name="phone app")
    others = VISIT | {"external_id": "CRM-V2", "person": "REP_OTHER", "customer": "CU-SH"}
    bad_kind = VISIT | {"external_id": "CRM-V3", "kind": "lunch"}
    status, body = post(
        client, token, "activities", {"source": "app", "records": [VISIT, others, bad_kind]}
    )
    assert status == 422
    assert {(e["index"], e["field"]) for e in body["errors"]} == {(1, "person"), (2, "kind")}
    assert not Activity.objects.exists()
    status, body = post(
        client, token, "activities", {"source": "app", "mode": "good", "records": [VISIT, others]}
    )
    assert (status, body["inserted"], body["rejected"]) == (200, 1, 1)


def test_the_list_stays_in_scope(client: Client, company: Company) -> None:
    token = api_token_create(user=company.finance.user, name="crm")
    others = VISIT | {"external_id": "CRM-V2", "person": "REP_OTHER", "customer": "CU-SH"}
    post(client, token, "activities", {"source": "crm", "records": [VISIT, others]})
    rep_token = api_token_create(user=company.rep.user, name="app")
    listed = client.get(
        "/api/actuals/activities", headers={"Authorization": f"Bearer {rep_token}"}
    ).json()
    assert [a["external_id"] for a in listed["items"]] == ["CRM-V1"]
    assert listed["items"][0]["kind"] == "visit"
    assert listed["items"][0]["occurred_at"] == "10:15"
