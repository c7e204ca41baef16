"""The template editor page and its API: finance builds a manager template item by item,
a sum other than 100% is refused with the sum named and nothing lost, a template in use is
shown read-only with a copy button; reps and managers get nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from salestarget.assessment.models import RuleKind, ScorecardTemplate
from salestarget.assessment.rules import item_rule
from salestarget.core.scoring.items import LinearRule, tiers
from tests.browser import compile_messages

from .conftest import rep_template

D = Decimal


def management(total: int, initial: int = 0) -> dict[str, str]:
    return {
        "items-TOTAL_FORMS": str(total),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }


def row(i: int, **fields: str) -> dict[str, str]:
    return {f"items-{i}-{name}": value for name, value in fields.items()}


def manager_template_post(weight_of_people: str = "40") -> dict[str, str]:
    return {
        "name": "区域经理考核表",
        "role": "manager",
        "is_active": "on",
        **management(3),
        **row(
            0,
            kind="quantitative",
            name="区域销售额",
            weight="40",
            metric="revenue",
            rule="tiers",
            tiers="80 60\n100 100\n120% 120",
        ),
        **row(
            1,
            kind="quantitative",
            name="费用率",
            weight="20",
            metric="expense_rate",
            rule="linear",
            floor="0",
            cap="110",
            threshold="50",
        ),
        **row(
            2,
            kind="qualitative",
            name="团队建设",
            weight=weight_of_people,
            levels="1 差\n2 一般\n3 好",
            weight_self="20",
            weight_manager="80",
        ),
    }


def test_finance_builds_a_template_item_by_item(company, login):
    client = login(company.finance)
    assert client.get("/assessment/templates/new/").status_code == 200
    response = client.post("/assessment/templates/new/", manager_template_post())
    assert response.status_code == 302
    template = ScorecardTemplate.objects.get(name="区域经理考核表")
    revenue, rate, people = template.items.order_by("sort_order")
    assert item_rule(revenue) == tiers([("0.8", 60), ("1", 100), ("1.2", 120)])
    assert item_rule(rate) == LinearRule(D(0), D(110), D("0.5"))
    assert people.levels == [
        {"level": 1, "description": "差"},
        {"level": 2, "description": "一般"},
        {"level": 3, "description": "好"},
    ]
    assert people.group_weight_values() == {"self": D(20), "manager": D(80)}
    page = client.get(response["Location"]).content.decode()
    assert "120 120" in page
    assert "团队建设" in page


def _blank_scale_post() -> dict[str, str]:
    post = manager_template_post()
    for field in ("levels", "weight_self", "weight_manager"):
        post[f"items-2-{field}"] = ""
    return post


def test_a_behaviour_item_left_blank_takes_the_1_to_5_scale_and_the_usual_reviewers(company, login):
    # A new company's first template: it typed a 态度 item's name and weight and was
    # refused for the scale and the reviewer weights it had not been told it could skip.
    client = login(company.finance)
    form = client.get("/assessment/templates/new/").content.decode()
    assert "留空则用：1 远低于期望 · 2 低于期望 · 3 符合期望" in form
    assert "留空则：自评 10%、上级 60%、同事 20%、客户 10%" in form
    response = client.post("/assessment/templates/new/", _blank_scale_post())
    assert response.status_code == 302
    people = ScorecardTemplate.objects.get().items.get(name="团队建设")
    assert [lv["level"] for lv in people.levels] == [1, 2, 3, 4, 5]
    assert people.levels[2]["description"] == "符合期望"
    assert people.group_weight_values() == {
        "self": D(10),
        "manager": D(60),
        "peer": D(20),
        "customer": D(10),
    }


def test_in_english_the_blank_scale_is_stored_in_english(company, login):
    compile_messages()
    client = login(company.finance)
    client.cookies["django_language"] = "en"
    form = client.get("/assessment/templates/new/").content.decode()
    assert "Left blank: 1 Far below expectations" in form
    assert "Left blank: self 10%" in form
    assert client.post("/assessment/templates/new/", _blank_scale_post()).status_code == 302
    people = ScorecardTemplate.objects.get().items.get(name="团队建设")
    assert people.levels[2]["description"] == "Meets expectations"


def test_weights_not_adding_up_to_100_are_refused_and_nothing_typed_is_lost(company, login):
    client = login(company.finance)
    response = client.post("/assessment/templates/new/", manager_template_post("30"))
    assert response.status_code == 200  # the form again, with the error
    page = response.content.decode()
    assert "90" in page
    assert "100%" in page
    assert "团队建设" in page
    assert "80 60" in page
    assert not ScorecardTemplate.objects.filter(name="区域经理考核表").exists()


def test_a_line_of_tiers_that_is_not_numbers_names_its_line(company, login):
    post = manager_template_post()
    post["items-0-tiers"] = "80 60\n100 abc"
    response = login(company.finance).post("/assessment/templates/new/", post)
    assert not ScorecardTemplate.objects.exists()
    assert "第 2 行" in response.content.decode()


def test_another_item_is_added_without_saving(company, login):
    post = {**manager_template_post(), "add": "1"}
    response = login(company.finance).post("/assessment/templates/new/", post)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="template-item"') == 4
    assert not ScorecardTemplate.objects.exists()


def test_a_row_marked_for_deletion_is_left_out(company, login):
    post = manager_template_post()
    post.update(
        {**management(4), **row(3, kind="qualitative", name="临时项", weight="10", DELETE="on")}
    )
    assert login(company.finance).post("/assessment/templates/new/", post).status_code == 302
    assert not ScorecardTemplate.objects.get().items.filter(name="临时项").exists()


def test_a_template_in_use_is_read_only_and_can_be_copied(team, open_cycle, login):
    open_cycle()
    client = login(team.company.finance)
    page = client.get(f"/assessment/templates/{team.template.pk}/").content.decode()
    assert 'data-testid="template-locked"' in page
    assert "items-TOTAL_FORMS" not in page
    renamed = client.post(
        f"/assessment/templates/{team.template.pk}/",
        {"name": "销售代表考核表（旧）", "role": "rep", "is_active": "on"},
    )
    assert renamed.status_code == 302
    assert team.template.items.count() == 4
    copied = client.post(f"/assessment/templates/{team.template.pk}/copy/")
    copy = ScorecardTemplate.objects.exclude(pk=team.template.pk).get()
    assert copied["Location"] == f"/assessment/templates/{copy.pk}/"
    assert copy.items.count() == 4
    assert not copy.is_active


@pytest.mark.parametrize("who", ["rep", "manager_north", "team_lead"])
def test_reps_and_managers_get_no_template_page_or_endpoint(company, login, who):
    template = rep_template()
    client = login(getattr(company, who))
    assert client.get("/assessment/templates/").status_code == 403
    assert client.get(f"/assessment/templates/{template.pk}/").status_code == 403
    assert client.get("/api/assessment/templates").status_code == 403
    assert client.get(f"/api/assessment/templates/{template.pk}").status_code == 403


def api_body(weight: str = "60") -> dict[str, object]:
    return {
        "name": "API 考核表",
        "role": "manager",
        "items": [
            {
                "kind": "quantitative",
                "name": "销售额",
                "weight": weight,
                "metric": "revenue",
                "rule": "linear",
                "rule_params": {"floor": "0", "cap": "120", "threshold": "0.6"},
            },
            {
                "kind": "qualitative",
                "name": "沟通能力",
                "weight": "40",
                "levels": [{"level": 1, "description": "差"}, {"level": 5, "description": "优"}],
                "group_weights": {"self": "10", "manager": "60", "peer": "20", "customer": "10"},
            },
        ],
    }


def test_the_api_creates_reads_and_replaces_a_template(company, login):
    client = login(company.finance)
    created = client.post("/api/assessment/templates", api_body(), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert [i["name"] for i in body["items"]] == ["销售额", "沟通能力"]
    template = ScorecardTemplate.objects.get(pk=body["id"])
    assert item_rule(template.items.get(name="销售额")) == LinearRule(D(0), D(120), D("0.6"))
    read = client.get(f"/api/assessment/templates/{body['id']}").json()
    assert read["items"][1]["group_weights"]["manager"] == "60"
    replaced = api_body()
    replaced["items"][0]["id"] = body["items"][0]["id"]  # type: ignore[index]
    replaced["items"][0]["rule"] = RuleKind.TIERS  # type: ignore[index]
    replaced["items"][0]["rule_params"] = {"tiers": [["0.9", "80"], ["1", "100"]]}  # type: ignore[index]
    put = client.put(
        f"/api/assessment/templates/{body['id']}", replaced, content_type="application/json"
    )
    assert put.status_code == 200, put.content
    assert item_rule(template.items.get(name="销售额")) == tiers([("0.9", 80), ("1", 100)])


def test_the_api_refuses_weights_off_100_with_a_422_naming_the_sum(company, login):
    response = login(company.finance).post(
        "/api/assessment/templates", api_body("50"), content_type="application/json"
    )
    assert response.status_code == 422
    assert "90" in str(response.json()["errors"])
    assert not ScorecardTemplate.objects.exists()


def test_the_api_keeps_a_template_in_use_as_it_is(team, open_cycle, login):
    open_cycle()
    client = login(team.company.finance)
    body = client.get(f"/api/assessment/templates/{team.template.pk}").json()
    assert body["in_use"] is True
    same = client.put(
        f"/api/assessment/templates/{team.template.pk}", body, content_type="application/json"
    )
    assert same.status_code == 200, same.content
    body["items"][0]["weight"] = "45"
    body["items"][1]["weight"] = "25"
    changed = client.put(
        f"/api/assessment/templates/{team.template.pk}", body, content_type="application/json"
    )
    assert changed.status_code == 422
    assert "复制为新模板" in str(changed.json()["errors"])


def test_the_api_gives_a_behaviour_item_sent_without_a_scale_the_same_defaults(company, login):
    body = {
        "name": "销售代表考核表",
        "role": "rep",
        "items": [
            {"kind": "quantitative", "name": "销售额", "weight": "70", "metric": "revenue"},
            {"kind": "qualitative", "name": "工作态度", "weight": "30"},
        ],
    }
    response = login(company.finance).post(
        "/api/assessment/templates", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    attitude = response.json()["items"][1]
    assert [lv["level"] for lv in attitude["levels"]] == [1, 2, 3, 4, 5]
    assert attitude["group_weights"] == {
        "self": "10",
        "manager": "60",
        "peer": "20",
        "customer": "10",
    }
