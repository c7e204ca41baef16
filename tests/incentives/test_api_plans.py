"""Plans through /api/incentives/plans: finance creates, reads and edits them with their
components and assignments; the same checks as the plan editor refuse bad input with a 422
naming the field, and nothing is saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.incentives.models import CommissionPlan, PlanAssignment, PlanComponent
from salestarget.incentives.services.calculation import statement_calculate

D = Decimal
TIERS = [["0", "0.03"], ["1", "0.05"], ["1.2", "0.08"]]


def body(**overrides):
    return {
        "code": "api-plan",
        "name": "接口方案",
        "effective_from": "2026-01-01",
        "activate": True,
        "components": [
            {
                "code": "revenue",
                "name": "销售额提成",
                "tiers": TIERS,
                "gates": [{"measure": "expense_rate", "threshold": "0.08"}],
            },
            {"code": "units", "name": "按件", "kind": "per_unit", "measure": "quantity"}
            | {"amount": "10"},
        ],
        "assignments": [{"role": "rep", "valid_from": "2026-01-01"}],
    } | overrides


def post(client, payload):
    return client.post("/api/incentives/plans", payload, content_type="application/json")


def test_finance_creates_a_plan_that_pays_the_worked_example(june, login):
    finance = login(june.finance)
    made = post(finance, body())
    assert made.status_code == 201, made.content
    plan = made.json()
    assert (plan["code"], plan["version"], plan["status"]) == ("api-plan", 1, "active")
    assert [c["code"] for c in plan["components"]] == ["revenue", "units"]
    assert plan["components"][0]["tiers"] == TIERS
    assert plan["assignments"][0]["role"] == "rep"
    statements = statement_calculate(period="2026-06", by=june.finance.user)
    mine = next(s for s in statements if s.person_id == june.rep.pk)
    # 3,000 + 1,000 + 400 on revenue, and 12 units × 10.
    assert dict(mine.lines.values_list("label", "amount")) == {
        "销售额提成": D("4400.00"),
        "按件": D("120.00"),
    }
    again = finance.get(f"/api/incentives/plans/{plan['id']}").json()
    assert D(again["components"][1]["amount"]) == 10


def test_bad_plans_are_refused_naming_the_field_and_nothing_is_saved(june, login):
    finance = login(june.finance)
    for overrides, field in (
        ({"components": []}, "components"),
        ({"effective_to": "2025-01-01"}, "effective_to"),
        ({"code": "no spaces"}, "code"),
        (
            {"components": [{"code": "r", "name": "r", "tiers": [["1", "0.05"], ["0", "0.03"]]}]},
            "tiers",
        ),
        ({"components": [{"code": "r", "name": "r", "measure": "nope"}]}, "metric"),
        ({"components": [{"code": "r", "name": "r", "kind": "lottery"}]}, "kind"),
        ({"components": [{"code": "r", "name": "r", "tiers": TIERS}] * 2}, "components"),
        (
            {
                "components": [
                    {"code": "r", "name": "r", "tiers": TIERS}
                    | {
                        "gates": [
                            {"measure": "expense_rate", "threshold": "0.1", "effect": "shrug"}
                        ]
                    }
                ]
            },
            "gates",
        ),
        ({"assignments": [{"person_id": 999999, "valid_from": "2026-01-01"}]}, "person_id"),
        ({"assignments": [{"valid_from": "2026-01-01"}]}, "person"),
    ):
        answer = post(finance, body(**overrides))
        assert answer.status_code == 422, (overrides, answer.content)
        assert field in str(answer.json()), (field, answer.json())
    unknown = post(finance, body(colour="red"))
    assert unknown.status_code == 422
    assert not CommissionPlan.objects.exists()
    assert not PlanComponent.objects.exists()


def test_only_finance_keeps_plans(june, login):
    for person in (june.rep, june.manager_north):
        client = login(person)
        assert post(client, body()).status_code == 403
        assert client.get("/api/incentives/plans").status_code == 403
    assert not CommissionPlan.objects.exists()


def test_a_plan_is_edited_until_statements_are_calculated_then_versioned(june, login):
    finance = login(june.finance)
    plan = post(finance, body()).json()
    url = f"/api/incentives/plans/{plan['id']}"
    edit = {
        "name": "接口方案（改）",
        "effective_from": "2026-01-01",
        "clawback_days": 90,
        "components": [{"code": "revenue", "name": "销售额提成", "tiers": [["0", "0.04"]]}],
    }
    changed = finance.put(url, edit, content_type="application/json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["name"] == "接口方案（改）"
    assert [c["code"] for c in changed.json()["components"]] == ["revenue"]
    bad = finance.put(
        url,
        edit | {"components": [{"code": "r", "name": "r", "threshold": "x"}]},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert CommissionPlan.objects.get().name == "接口方案（改）"  # the bad edit changed nothing
    statement_calculate(period="2026-06", by=june.finance.user)
    locked = finance.put(url, edit, content_type="application/json")
    assert locked.status_code == 422
    assert "新版本" in str(locked.json())
    version = finance.post(
        f"{url}/versions", {"effective_from": "2026-07-01"}, content_type="application/json"
    )
    assert version.status_code == 201
    assert version.json()["version"] == 2
    assert version.json()["assignments"][0]["valid_from"] == "2026-07-01"
    assert CommissionPlan.objects.get(version=1).effective_to == dt.date(2026, 6, 30)


def test_assignments_are_added_and_removed(june, login):
    finance = login(june.finance)
    plan = post(finance, body(assignments=[], activate=False)).json()
    url = f"/api/incentives/plans/{plan['id']}/assignments"
    added = finance.post(
        url,
        {"node_id": june.team_bj.pk, "valid_from": "2026-01-01", "valid_to": "2026-12-31"},
        content_type="application/json",
    )
    assert added.status_code == 201
    both = finance.post(
        url,
        {"node_id": june.team_bj.pk, "role": "rep", "valid_from": "2026-01-01"},
        content_type="application/json",
    )
    assert both.status_code == 422
    backwards = finance.post(
        url,
        {"person_id": june.rep.pk, "valid_from": "2026-06-01", "valid_to": "2026-05-01"},
        content_type="application/json",
    )
    assert "valid_to" in backwards.json()["errors"]
    activated = finance.post(f"/api/incentives/plans/{plan['id']}/activate")
    assert activated.json()["status"] == "active"
    gone = finance.delete(f"{url}/{added.json()['id']}")
    assert gone.status_code == 204
    assert not PlanAssignment.objects.exists()
