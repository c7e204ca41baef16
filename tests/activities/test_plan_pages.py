"""The action plan pages and API: the rep starts a plan for this month's target from the list,
adds a step and moves it in one tap; the manager reads it in the weekly meeting, in Chinese
and in English; the API does the same with the pages' rules and names what is wrong."""

from __future__ import annotations

import json

from django.test import Client
from django.utils import timezone

from salestarget.activities.models import ActionPlan, ActionStep
from salestarget.org.auth import api_token_create
from tests.personas import Company
from tests.tracking.conftest import target_of


def test_the_rep_plans_this_months_target_and_the_manager_reviews_it(
    client: Client, company: Company, june_plan, login
) -> None:
    today = timezone.localdate()
    target = target_of(june_plan(period=today.strftime("%Y-%m")), person=company.rep)
    login(company.rep)
    page = client.get("/activities/plans/").content.decode()
    assert "制定行动计划" in page
    assert target.label in page
    answer = client.post(f"/activities/plans/t/{target.pk}/start/")
    assert answer.status_code == 302
    plan = ActionPlan.objects.get(target=target)
    answer = client.post(
        f"/activities/plans/t/{target.pk}/",
        {"title": "", "owner": company.rep.pk, "due_on": today.isoformat()},
    )
    assert answer.status_code == 200  # the form again, with the title marked
    assert not ActionStep.objects.filter(plan=plan).exists()
    client.post(
        f"/activities/plans/t/{target.pk}/",
        {
            "title": "拜访三家新客户",
            "owner": company.rep.pk,
            "due_on": today.isoformat(),
            "resources": "样品",
        },
    )
    step = ActionStep.objects.get(plan=plan)
    client.post(f"/activities/plans/steps/{step.pk}/", {"status": "doing"})
    assert ActionStep.objects.get(pk=step.pk).status == "doing"

    login(company.manager_north)
    page = client.get("/activities/plans/meeting/").content.decode()
    assert "拜访三家新客户" in page
    assert "待开始 → 进行中" in page
    page = client.get("/activities/plans/meeting/", headers={"accept-language": "en"})
    english = page.content.decode()
    assert "Weekly meeting" in english
    assert "To do → Open" in english
    login(company.rep)
    assert client.get("/activities/plans/meeting/").status_code == 403


def call(client: Client, token: str, method: str, path: str, body: dict | None = None):
    answer = getattr(client, method)(
        f"/api/activities/{path}",
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    return answer.status_code, answer.json()


def test_plans_over_the_api(client: Client, company: Company, june_plan) -> None:
    target = target_of(june_plan(), person=company.rep)
    rep = api_token_create(user=company.rep.user, name="app")
    status, body = call(client, rep, "post", f"plans/{target.pk}")
    assert (status, body["owner"], body["steps"]) == (201, company.rep.name, [])
    step = {"title": "带样品拜访", "due_on": "2026-06-05", "resources": "样品"}
    status, body = call(client, rep, "post", f"plans/{target.pk}/steps", step)
    assert (status, body["overdue"], body["status"]) == (201, True, "todo")
    step_id = body["id"]
    status, body = call(client, rep, "patch", f"steps/{step_id}", {"status": "finished"})
    assert status == 422
    assert "status" in json.dumps(body)
    status, body = call(client, rep, "patch", f"steps/{step_id}", {"status": "doing"})
    assert (status, body["status"]) == (200, "doing")
    assert call(client, rep, "get", "plans/meeting")[0] == 403

    lead = api_token_create(user=company.team_lead.user, name="app")
    status, body = call(client, lead, "get", "plans/meeting")
    assert (body["overdue"], [s["title"] for s in body["steps"]]) == (1, ["带样品拜访"])
    assert [(c["old_status"], c["new_status"]) for c in body["steps"][0]["changes"]] == [
        ("todo", "doing")
    ]
    east = api_token_create(user=company.manager_east.user, name="app")
    assert call(client, east, "get", f"plans/{target.pk}")[0] == 404
    assert call(client, east, "patch", f"steps/{step_id}", {"status": "done"})[0] == 404
