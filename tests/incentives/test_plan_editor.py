"""The plan editor: as many components as a plan needs — a tiered revenue table under a
费用率 gate, a SPIF on a product line between two dates, a quarterly bonus, a per-deal
bonus — each drawn on the chart, previewed on real people and saved in one go; bad input is
named and saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.incentives.models import CommissionPlan, PlanComponent

D = Decimal


def component(n: int, **fields: str) -> dict[str, str]:
    """The POST fields of component ``n`` (prefix ``c``), a monthly marginal revenue table
    unless told otherwise."""
    base = {
        "code": "revenue",
        "name": "销售额提成",
        "kind": "rate_table",
        "measure": "revenue",
        "period": "month",
        "quota_source": "target",
        "mode": "marginal",
        "basis": "attainment",
        "tiers": "0 3\n100 5\n120 8",
    }
    return {f"c-{n}-{k}": v for k, v in (base | fields).items()}


def form(*components: dict[str, str], **header: str) -> dict[str, str]:
    data = {
        "code": "fy26",
        "name": "FY2026 方案",
        "effective_from": "2026-01-01",
        "clawback_days": "0",
        "prorate_quota": "on",
        "month": "2026-06",
        "c-TOTAL_FORMS": str(len(components)),
        "c-INITIAL_FORMS": "0",
        "c-MIN_NUM_FORMS": "1",
        "c-MAX_NUM_FORMS": "1000",
    }
    for part in components:
        data |= part
    return data | header


def test_the_chart_follows_the_tiers_and_refuses_a_bad_table(june, login):
    finance = login(june.finance)
    chart = finance.get(reverse("incentives:plan_chart"), {"tiers": "0 3\n100 5\n120 8"}).json()
    assert dict(chart["points"])[125] == "44000.00"  # the worked example, marginal
    retro = finance.get(
        reverse("incentives:plan_chart"), {"tiers": "0 3\n100 5\n120 8", "mode": "retroactive"}
    ).json()
    assert dict(retro["points"])[125] == "100000.00"
    wrong = finance.get(reverse("incentives:plan_chart"), {"tiers": "0 3\n120 5\n100 8"})
    assert wrong.status_code == 400


def test_several_components_preview_on_real_people_and_save(june, login):
    line = june.product_a.line
    data = form(
        component(0, gates="expense_rate 8% no_accelerator"),
        component(
            1,
            code="spif",
            name="新品专项",
            kind="spif",
            rate="2",
            product_line=str(line.pk),
            starts="2026-06-01",
            ends="2026-06-10",
            tiers="",
        ),
        component(2, code="deals", name="大单奖", kind="per_deal", amount="500", min_deal="50000"),
        component(3, code="quarter", name="季度奖", period="quarter", tiers="0 1"),
    )
    finance = login(june.finance)
    preview = finance.post(reverse("incentives:plan_new"), data | {"preview": "1"})
    text = preview.content.decode()
    assert preview.status_code == 200, text
    # 王小明: 4,400 (revenue) + 2% of the 100,000 sold on 3 June (SPIF) + one deal of
    # 100,000 (500) + 1% of the quarter's 125,000 against its target (no quarter target: 0).
    assert "6,900.00" in text
    assert not CommissionPlan.objects.exists()
    saved = finance.post(reverse("incentives:plan_new"), data)
    assert saved.status_code == 302
    plan = CommissionPlan.objects.get()
    kinds = list(plan.components.values_list("code", "kind", "period"))
    assert kinds == [
        ("revenue", "rate_table", "month"),
        ("spif", "spif", "month"),
        ("deals", "per_deal", "month"),
        ("quarter", "rate_table", "quarter"),
    ]
    spif = plan.components.get(code="spif")
    assert (spif.rate, spif.starts, spif.product_line_id) == (
        D("0.02"),
        dt.date(2026, 6, 1),
        line.pk,
    )
    assert plan.components.get(code="revenue").gates == [
        {"measure": "expense_rate", "threshold": "0.08", "effect": "no_accelerator"}
    ]


def test_add_component_keeps_what_was_typed(june, login):
    finance = login(june.finance)
    page = finance.post(
        reverse("incentives:plan_new"), form(component(0, name="保留的名称")) | {"add": "1"}
    )
    text = page.content.decode()
    assert text.count('data-testid="component"') == 2
    assert "保留的名称" in text


@pytest.mark.parametrize(
    ("part", "message"),
    [
        (component(0, tiers="0 3\n120 5\n100 8"), "档"),
        (component(0, tiers="0 x"), "第 1 行：“x”不是数字"),
        (component(0, gates="expense_rate 8% explode"), "未知的效果 explode"),
        (component(0, kind="spif", tiers="", starts="2026-06-10", ends="2026-06-01"), "SPIF"),
    ],
)
def test_bad_input_is_named_and_saves_nothing(june, login, part, message):
    answer = login(june.finance).post(reverse("incentives:plan_new"), form(part))
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not PlanComponent.objects.exists()


def test_only_finance_edits_plans(june, login):
    assert login(june.rep).get(reverse("incentives:plan_new")).status_code == 403
    assert login(june.manager_north).get(reverse("incentives:plan_chart")).status_code == 403


def test_amounts_are_read_as_finance_types_them(june, login):
    """万, ¥ and thousands separators in the money fields and in an amount-based table, as in
    the targets' forms; a percentage stays a percentage."""
    data = form(
        component(0, basis="amount", tiers="0 3%\n50万 5%\n1,000,000 8％", cap="¥20,000"),
        component(1, code="deals", name="大单奖", kind="per_deal", amount="￥500", min_deal="5万"),
        cap="10万",
    )
    assert login(june.finance).post(reverse("incentives:plan_new"), data).status_code == 302
    plan = CommissionPlan.objects.get()
    assert plan.cap == D(100000)
    revenue = plan.components.get(code="revenue")
    assert revenue.cap == D(20000)
    assert [(D(lower), D(rate)) for lower, rate in revenue.tiers] == [
        (D(0), D("0.03")),
        (D(500000), D("0.05")),
        (D(1000000), D("0.08")),
    ]
    deals = plan.components.get(code="deals")
    assert (deals.amount, deals.min_deal) == (D(500), D(50000))


def test_a_money_field_that_is_not_an_amount_says_how_to_write_one(june, login):
    answer = login(june.finance).post(
        reverse("incentives:plan_new"), form(component(0), cap="十万")
    )
    assert answer.status_code == 400
    assert "请输入数字，如 5000000、5,000,000 或 500万。" in answer.content.decode()
    assert not CommissionPlan.objects.exists()


@pytest.mark.parametrize(
    ("language", "warning"),
    [
        ("zh-hans", "{n} 人在 2026-07 没有指标（目标为 0），按达成率计算的提成为 0"),
        ("en", "{n} people have no quota for 2026-07 (a target of 0), so what pays by attainment"),
    ],
)
def test_a_preview_says_who_has_no_quota_to_pay_attainment_against(june, login, language, warning):
    """A new company previews its plan before it hands down targets: nobody has a July
    target, so the rate table by attainment pays 0 — the preview says why and what to do,
    instead of a bare 0.00; a table by amount needs no quota and says nothing."""
    finance = login(june.finance)
    finance.cookies["django_language"] = language
    page = finance.post(
        reverse("incentives:plan_new"), form(component(0)) | {"month": "2026-07", "preview": "1"}
    )
    text = page.content.decode()
    assert page.status_code == 200, text
    rows = page.context["preview"].rows
    assert len(rows) >= 2
    assert all(not r.quota for r in rows)
    assert warning.format(n=len(rows)) in text
    assert text.count('data-testid="no-quota"') == len(rows)
    june_page = finance.post(
        reverse("incentives:plan_new"), form(component(0)) | {"month": "2026-06", "preview": "1"}
    ).content.decode()
    assert 'data-testid="preview-no-quota"' not in june_page  # June's targets are there
    by_amount = finance.post(
        reverse("incentives:plan_new"),
        form(component(0, basis="amount", tiers="0 3")) | {"month": "2026-07", "preview": "1"},
    )
    assert 'data-testid="preview-no-quota"' not in by_amount.content.decode()
