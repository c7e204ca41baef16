"""Scorecard templates through their service: weights must add up to 100% (refused with a
message saying the sum), every quantitative item needs a known metric and a valid rule,
qualitative items a rating scale with descriptions and reviewer weights adding up to 100%;
a template in use keeps its items; one template per role is active."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.assessment.models import (
    ItemKind,
    RuleKind,
    ScorecardTemplate,
    TemplateItem,
)
from salestarget.assessment.rules import item_rule
from salestarget.assessment.services.templates import template_copy, template_save
from salestarget.core.scoring.items import LinearRule, tiers
from salestarget.org.models import Role

from .conftest import rep_template

D = Decimal


def quantitative(name: str, weight: int, **kw: object) -> TemplateItem:
    return TemplateItem(kind=ItemKind.QUANTITATIVE, name=name, weight=D(weight), **kw)


def qualitative(name: str, weight: int, **kw: object) -> TemplateItem:
    return TemplateItem(kind=ItemKind.QUALITATIVE, name=name, weight=D(weight), **kw)


def fresh(name: str = "经理考核表", role: str = Role.MANAGER) -> ScorecardTemplate:
    return ScorecardTemplate(name=name, role=role)


def test_a_template_whose_weights_add_up_to_100_is_saved_in_order(company):
    saved = template_save(
        template=fresh(),
        items=[
            quantitative(
                "回款",
                40,
                metric="revenue",
                rule=RuleKind.TIERS,
                rule_params={"tiers": [["0.8", "60"], ["1", "100"], ["1.2", "120"]]},
            ),
            quantitative(
                "费用率",
                20,
                metric="expense_rate",
                rule_params={"floor": "0", "cap": "110", "threshold": "0.5"},
            ),
            qualitative("团队建设", 40, group_weights={"self": "20", "manager": "80"}),
        ],
        by=company.finance.user,
    )
    items = list(saved.items.order_by("sort_order"))
    assert [i.name for i in items] == ["回款", "费用率", "团队建设"]
    assert item_rule(items[0]) == tiers([("0.8", 60), ("1", 100), ("1.2", 120)])
    assert item_rule(items[1]) == LinearRule(D(0), D(110), D("0.5"))


def test_weights_that_do_not_add_up_to_100_are_refused_naming_the_sum(company):
    with pytest.raises(ValidationError) as refused:
        template_save(
            template=fresh(),
            items=[
                quantitative("回款", 50, metric="revenue"),
                qualitative("团队建设", 40),
            ],
            by=company.finance.user,
        )
    assert "90" in str(refused.value)
    assert "100%" in str(refused.value)
    assert not ScorecardTemplate.objects.filter(name="经理考核表").exists()


@pytest.mark.parametrize(
    ("item", "says"),
    [
        (quantitative("回款", 100, metric=""), "指标"),
        (quantitative("回款", 100, metric="no_such_metric"), "no_such_metric"),
        (
            quantitative(
                "回款",
                100,
                metric="revenue",
                rule=RuleKind.TIERS,
                rule_params={"tiers": [["1", "100"], ["0.8", "60"]]},
            ),
            "计分规则",
        ),
        (
            quantitative("回款", 100, metric="revenue", rule_params={"floor": "90", "cap": "80"}),
            "计分规则",
        ),
        (qualitative("沟通", 100, levels=[{"level": 1, "description": "差"}]), "评分等级"),
        (
            qualitative(
                "沟通",
                100,
                levels=[{"level": 1, "description": "差"}, {"level": 2, "description": ""}],
            ),
            "评分等级",
        ),
        (qualitative("沟通", 100, group_weights={"self": "50", "manager": "40"}), "100%"),
        (qualitative("沟通", 100, group_weights={"boss": "100"}), "boss"),
    ],
)
def test_a_bad_item_is_refused_with_its_name_and_what_is_wrong(company, item, says):
    with pytest.raises(ValidationError) as refused:
        template_save(template=fresh(), items=[item], by=company.finance.user)
    text = " ".join(refused.value.messages)
    assert item.name in text
    assert says in text


def test_only_those_who_run_assessments_edit_templates(company):
    with pytest.raises(PermissionDenied):
        template_save(
            template=fresh(),
            items=[quantitative("回款", 100, metric="revenue")],
            by=company.manager_north.user,
        )


def test_activating_a_template_deactivates_the_others_of_its_role(company):
    old = rep_template()
    new = template_save(
        template=fresh("新版销售考核表", Role.REP),
        items=[quantitative("销售额", 100, metric="revenue")],
        by=company.finance.user,
    )
    old.refresh_from_db()
    assert new.is_active
    assert not old.is_active


def test_a_template_in_use_keeps_its_items_but_may_be_renamed_and_copied(team, open_cycle):
    open_cycle()
    template = team.template
    by = team.company.finance.user
    items = list(template.items.order_by("sort_order", "pk"))
    template.name = "销售代表考核表（2026）"
    template_save(template=template, items=items, by=by)  # the same items: allowed
    assert ScorecardTemplate.objects.get(pk=template.pk).name == "销售代表考核表（2026）"
    items[0].weight = D(40)
    items[2].weight = D(25)
    with pytest.raises(ValidationError, match="复制为新模板"):
        template_save(template=template, items=items, by=by)
    assert TemplateItem.objects.get(pk=items[0].pk).weight == D(50)

    copy = template_copy(template=template, by=by)
    assert not copy.is_active
    assert [(i.name, i.weight) for i in copy.items.order_by("sort_order")] == [
        (i.name, i.weight) for i in template.items.order_by("sort_order")
    ]


def test_an_item_of_another_template_cannot_be_taken_over(company):
    other = rep_template()
    stolen = other.items.first()
    assert stolen is not None
    stolen.weight = D(100)
    with pytest.raises(ValidationError, match="不属于"):
        template_save(template=fresh(), items=[stolen], by=company.finance.user)
    assert other.items.count() == 4
