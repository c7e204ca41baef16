"""Setting targets (services.plans): a plan with its root target, the SMART check, figures
checked against the metric, and editing a draft target under the version check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.targets.models import ChangeKind, Status, TargetChange
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
    assert "“nope”不是可选的值" in errors["metric"][0]
    assert "revenue" in errors["metric"][0]  # the metrics there are


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
