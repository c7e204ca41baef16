"""Reports over the API: a rep submits their own, the manager lists the team's with who has
not reported and comments; outside the subtree a report is unknown."""

from __future__ import annotations

import json

from django.test import Client

from salestarget.org.auth import api_token_create
from tests.personas import Company


def call(client: Client, token: str, method: str, path: str, body: dict | None = None):
    answer = getattr(client, method)(
        f"/api/activities/{path}",
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return answer.status_code, answer.json()


def test_submit_list_and_comment(client: Client, company: Company) -> None:
    rep = api_token_create(user=company.rep.user, name="app")
    status, body = call(
        client, rep, "post", "reports", {"day": "2026-06-10", "summary": "拜访两家"}
    )
    assert (status, body["kind"], body["period_start"]) == (201, "day", "2026-06-10")
    status, body = call(client, rep, "post", "reports", {"day": "2026-06-10", "summary": " "})
    assert status == 422
    assert "summary" in body["errors"]

    lead = api_token_create(user=company.team_lead.user, name="app")
    status, body = call(client, lead, "get", "reports?day=2026-06-10", None)
    assert [r["summary"] for r in body["reports"]] == ["拜访两家"]
    assert body["missing"] == []
    report_id = body["reports"][0]["id"]
    status, body = call(client, lead, "post", f"reports/{report_id}/comments", {"text": "好"})
    assert (status, body["author"]) == (201, "吴组长")

    east = api_token_create(user=company.manager_east.user, name="app")
    status, body = call(client, east, "get", "reports?day=2026-06-10", None)
    assert (body["reports"], body["missing"]) == ([], ["REP_OTHER"])
    status, _body = call(client, east, "post", f"reports/{report_id}/comments", {"text": "x"})
    assert status == 404
