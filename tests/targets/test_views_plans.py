"""The plan pages: creating a plan with its SMART context and proposals, field errors from the services, who may open them, and the edit page's version check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.targets.models import Target
from salestarget.targets.services.plans import target_update


def test_the_create_page_shows_smart_context_and_proposals(company, login, history) -> None:
    history([{"day": dt.date(2025, 6, 1), "amount": "8333333.33"}])
    client = login(company.director)
    page = client.get("/targets/plans/new/")
    assert page.status_code == 200
    assert "SMART" in page.content.decode()
    panel = client.post(
        "/targets/plans/context/",
        {
            "metric": "revenue",
            "period": "FY2026",
            "scope_node": company.root.pk,
            "owner": company.director.pk,
            "value": "10000000",
            "growth_pct": "20",
        },
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "8,333,333.33" in panel  # last year
    assert (
        'data-testid="proposal-history"><span class="num" title="10,000,000.00">1,000.00万</span>'
        in panel
    )
    assert 'data-testid="implied-growth">+20.0%' in panel


def test_creating_a_plan_through_the_page(company, login) -> None:
    client = login(company.director)
    response = client.post(
        "/targets/plans/new/",
        {
            "name": "2026 销售额",
            "metric": "revenue",
            "period": "FY2026",
            "scope_node": company.root.pk,
            "owner": company.director.pk,
            "value": "10000000",
            "proposal_method": "history",
            "growth_pct": "20",
        },
    )
    assert response.status_code == 302
    detail = client.get(response.url).content.decode()
    assert "10,000,000.00" in detail
    assert "2026 销售额" in detail


def test_amounts_are_typed_as_people_write_them(company, login) -> None:
    """500万, ¥ and thousands separators, full-width digits: the figure a director has in
    mind, read exactly; what is not a number is refused with an example."""
    client = login(company.director)
    plan = {
        "name": "2026 销售额",
        "metric": "revenue",
        "period": "FY2026",
        "scope_node": company.root.pk,
        "owner": company.director.pk,
    }

    response = client.post(
        "/targets/plans/new/",
        plan | {"value": "1,250万", "base_value": "￥10,000,000.00", "challenge_value": "１.５亿"},
    )

    assert response.status_code == 302
    target = Target.objects.get(period="FY2026", node=company.root, parent=None)
    assert (target.value, target.base_value, target.challenge_value) == (
        Decimal("12500000"),
        Decimal("10000000"),
        Decimal("150000000"),
    )
    refused = client.post("/targets/plans/new/", plan | {"name": "again", "value": "一千万"})
    assert refused.status_code == 200
    assert "请输入数字，如 5000000、5,000,000 或 500万。" in refused.content.decode()


def test_the_create_page_shows_service_errors_on_fields(company, login) -> None:
    client = login(company.director)
    response = client.post(
        "/targets/plans/new/",
        {
            "name": "x",
            "metric": "revenue",
            "period": "FY26",
            "scope_node": company.root.pk,
            "owner": company.director.pk,
            "value": "1.234",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "期间格式不正确" in body
    assert "最多保留 2 位小数" in body


def test_reps_and_finance_cannot_open_the_create_page(company, login) -> None:
    for persona in (company.rep, company.finance):
        assert login(persona).get("/targets/plans/new/").status_code == 403


def test_the_edit_page_tells_the_second_editor_what_changed(company, revenue_plan, login) -> None:
    plan = revenue_plan("1000.00")
    root = plan.root
    stale = root.version
    target_update(
        target=root,
        by=company.admin.user,
        expected_version=stale,
        value=Decimal(1500),
        reason="市场扩大",
    )
    client = login(company.director)
    response = client.post(
        f"/targets/t/{root.pk}/edit/", {"value": "1200", "version": stale, "reason": "我的修改"}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "已被他人修改" in body
    assert "孙管理" in body
    assert "1,500.00" in body
    assert "市场扩大" in body
    root.refresh_from_db()
    assert root.value == Decimal(1500)
