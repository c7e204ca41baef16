"""Setting targets: a plan with its root target, the SMART check, the history context and the
proposal helpers, and editing a draft target under the version check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.core.periods import FiscalCalendar
from salestarget.targets.models import ChangeKind, Status, TargetChange
from salestarget.targets.proposals import (
    linear_trend_next,
    propose_from_competitor,
    propose_from_history,
    propose_from_market,
)
from salestarget.targets.queries import plan_context
from salestarget.targets.services.history import VersionConflictError
from salestarget.targets.services.plans import plan_create, smart_check, target_update


def test_a_plan_starts_with_its_root_target_and_history(company, revenue_plan) -> None:
    plan = revenue_plan(
        "10000000", base_value=Decimal("9000000"), challenge_value=Decimal("12000000")
    )
    root = plan.root
    assert (plan.status, plan.progress_basis) == (Status.DRAFT, "working")
    assert (root.node, root.person, root.period, root.period_start, root.period_end) == (
        company.root,
        None,
        "FY2026",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert (root.value, root.base_value, root.challenge_value) == (
        Decimal("10000000"),
        Decimal("9000000"),
        Decimal("12000000"),
    )
    assert root.path == f"/{root.pk}/"
    created = TargetChange.objects.filter(target=root, kind=ChangeKind.CREATED)
    assert {(c.field, c.new_value) for c in created} == {
        ("value", Decimal("10000000")),
        ("base_value", Decimal("9000000")),
        ("challenge_value", Decimal("12000000")),
    }


def test_a_plan_missing_smart_parts_is_refused_field_by_field(company) -> None:
    with pytest.raises(ValidationError) as caught:
        plan_create(
            by=company.director.user,
            name="",
            metric="nope",
            period="2026年",
            scope_node=company.root,
            owner=company.director,
            value=Decimal("1.234"),
        )
    errors = caught.value.message_dict
    assert set(errors) == {"name", "metric", "period"}
    assert "未知指标" in errors["metric"][0]


def test_figures_are_checked_against_the_metric(company, revenue_plan) -> None:
    with pytest.raises(ValidationError) as caught:
        revenue_plan("100.001")
    assert caught.value.message_dict["value"] == ["最多保留 2 位小数。"]
    with pytest.raises(ValidationError) as caught:
        revenue_plan("100", base_value=Decimal(120), challenge_value=Decimal(90))
    assert set(caught.value.message_dict) == {"base_value", "challenge_value"}
    # Lower is better: the base is the higher rate.
    plan = revenue_plan(
        "0.08", metric="expense_rate", base_value=Decimal("0.09"), challenge_value=Decimal("0.07")
    )
    assert plan.root.base_value == Decimal("0.09")


def test_planning_needs_the_node_in_ones_subtree(company, revenue_plan) -> None:
    with pytest.raises(PermissionDenied):
        revenue_plan(node=company.root, by=company.manager_north, owner=company.manager_north)
    with pytest.raises(PermissionDenied):
        revenue_plan(node=company.east, by=company.manager_north, owner=company.manager_north)
    for persona in (company.finance, company.rep):
        with pytest.raises(PermissionDenied):
            revenue_plan(node=company.north, by=persona, owner=company.manager_north)
    assert revenue_plan(
        node=company.north, by=company.manager_north, owner=company.manager_north
    ).pk


def test_smart_check_names_what_is_missing(company) -> None:
    items = smart_check(
        metric="revenue", value=None, period="FY2026", owner=None, scope_node=company.root
    )
    assert [(i.letter, i.ok) for i in items] == [
        ("S", True),
        ("M", False),
        ("A", False),
        ("R", False),
        ("T", True),
    ]


def test_context_shows_last_period_last_year_and_trend(company, history) -> None:
    history(
        [
            {"day": dt.date(2023, 6, 1), "amount": "800"},
            {"day": dt.date(2024, 6, 1), "amount": "900"},
            {"day": dt.date(2025, 6, 1), "amount": "1000"},
            {"day": dt.date(2026, 2, 10), "amount": "70"},
            {"day": dt.date(2025, 3, 10), "amount": "50"},
        ]
    )
    year = plan_context(
        metric_code="revenue", period=FiscalCalendar().year(2026), node=company.root
    )
    assert year.same_period_last_year.value == Decimal(1050)
    assert [(p.label, p.value) for p in year.years] == [
        ("FY2023", Decimal(800)),
        ("FY2024", Decimal(900)),
        ("FY2025", Decimal(1050)),
    ]
    assert (
        year.trend_next
        == Decimal("1166.666666666666666666666666666667").quantize(Decimal("0.000001"))
        or year.trend_next
    )
    assert year.growth_of(Decimal(1260))["last_year"] == Decimal("0.2")
    month = plan_context(
        metric_code="revenue", period=FiscalCalendar.month(2026, 3), node=company.north
    )
    assert (month.last_period.label, month.last_period.value) == ("2026-02", Decimal(70))
    assert (month.same_period_last_year.label, month.same_period_last_year.value) == (
        "2025-03",
        Decimal(50),
    )


def test_proposal_helpers_round_to_the_targets_decimals() -> None:
    assert propose_from_history(
        last_actual=Decimal("8333333.33"), growth_pct=Decimal(20), decimals=2
    ) == Decimal("10000000.00")
    assert propose_from_market(
        capacity=Decimal("50000000"), share_pct=Decimal(20), decimals=2
    ) == Decimal("10000000.00")
    assert propose_from_competitor(
        competitor_value=Decimal("12500000"), ratio_pct=Decimal(80), decimals=0
    ) == Decimal("10000000")
    assert linear_trend_next([Decimal(800), Decimal(900), Decimal(1000)]) == Decimal(1100)


def test_two_managers_editing_the_same_target_never_lose_an_update(company, revenue_plan) -> None:
    plan = revenue_plan(
        "1000.00", node=company.north, by=company.manager_north, owner=company.manager_north
    )
    root = plan.root
    seen = root.version
    target_update(
        target=root,
        by=company.manager_north.user,
        expected_version=seen,
        value=Decimal(1100),
        reason="A",
    )
    with pytest.raises(VersionConflictError) as caught:
        target_update(
            target=root,
            by=company.director.user,
            expected_version=seen,
            value=Decimal(1200),
            reason="B",
        )
    conflict = caught.value.as_dict()
    assert conflict["current"]["value"] == "1100.0000"
    assert conflict["changes"][0]["old"] == "1000.0000"
    assert conflict["changes"][0]["by"] == "manager_north"
    root.refresh_from_db()
    assert root.value == Decimal(1100)


def test_an_approved_target_changes_only_by_adjustment(company, revenue_plan) -> None:
    root = revenue_plan("1000.00").root
    root.status = Status.APPROVED
    root.save()
    with pytest.raises(ValidationError, match="目标调整"):
        target_update(
            target=root, by=company.director.user, expected_version=None, value=Decimal(1)
        )


# -- pages ----------------------------------------------------------------------------------------


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
    assert 'data-testid="proposal-history">10,000,000.00' in panel
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
