"""The drafts and adjustments API: a round's drafts submitted and reviewed, an adjustment requested and decided."""

from __future__ import annotations

import json

from tests.targets.conftest import post


def test_drafts_workflow_and_adjustments_over_the_api(
    company, rep_two, team_target, login, client
) -> None:
    team = team_target("100.00")
    lead = login(company.team_lead)
    rnd = post(lead, f"/api/targets/targets/{team.pk}/rounds", {"note": "请提交"}).json()
    client.logout()
    rep = login(company.rep)
    mine = rep.put(
        f"/api/targets/rounds/{rnd['id']}/my-draft",
        json.dumps({"base_value": "50", "challenge_value": "60", "obstacles": "缺货"}),
        content_type="application/json",
    )
    assert mine.status_code == 200
    assert mine.json()["status"] == "submitted"
    assert len(rep.get(f"/api/targets/rounds/{rnd['id']}").json()["drafts"]) == 1  # only their own
    assert (
        post(
            rep, f"/api/targets/drafts/{mine.json()['id']}/review", {"action": "accept"}
        ).status_code
        == 403
    )
    client.logout()
    lead = login(company.team_lead)
    assert (
        post(lead, f"/api/targets/drafts/{mine.json()['id']}/review", {"action": "accept"}).json()[
            "agreed_value"
        ]
        == "60.0000"
    )
    split = post(
        lead,
        f"/api/targets/targets/{team.pk}/decompose",
        {"axes": ["people"], "method": "equal", "version": team.version},
    )
    assert split.status_code == 201
    assert post(lead, f"/api/targets/targets/{team.pk}/split/submit", {}).json() == {"moved": 2}
    assert post(lead, f"/api/targets/targets/{team.pk}/split/approve", {}).status_code == 403
    client.logout()
    north = login(company.manager_north)
    assert post(north, f"/api/targets/targets/{team.pk}/split/approve", {}).json() == {"moved": 2}
    rep_target = team.children.get(person=company.rep)
    asked = post(
        north,
        f"/api/targets/targets/{rep_target.pk}/adjustments",
        {"new_value": "40", "reason_category": "market", "reason": "大客户流失"},
    )
    assert asked.status_code == 201
    assert (
        post(
            north, f"/api/targets/adjustments/{asked.json()['id']}/decision", {"approve": True}
        ).status_code
        == 403
    )
    client.logout()
    # The team lead is above the rep but below the regional manager who asked: not theirs to decide.
    lead = login(company.team_lead)
    assert (
        post(
            lead, f"/api/targets/adjustments/{asked.json()['id']}/decision", {"approve": True}
        ).status_code
        == 403
    )
    client.logout()
    director = login(company.director)
    decided = post(
        director, f"/api/targets/adjustments/{asked.json()['id']}/decision", {"approve": True}
    )
    assert decided.json()["state"] == "approved"
    history = director.get(f"/api/targets/targets/{rep_target.pk}/history").json()
    assert [h["kind"] for h in history] == ["created", "submitted", "approved", "adjusted"]
