"""Draft → submitted → approved → locked, each step by the right role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.notifications.models import Notification
from salestarget.targets.models import ChangeKind, Status, TargetChange
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services import workflow
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.plans import target_update


def test_a_split_is_approved_by_the_role_above_its_maker(company, split_plan) -> None:
    north = split_plan.root.children.get(node=company.north)
    team = north.children.get()
    assert workflow.decomposition_submit(target=team, by=company.team_lead.user) == 1
    assert Notification.objects.filter(
        recipient=company.manager_north.user, kind="split_submitted"
    ).exists()
    # The team lead cannot approve their own team's split; the regional manager can.
    with pytest.raises(PermissionDenied):
        workflow.decomposition_approve(target=team, by=company.team_lead.user)
    with pytest.raises(PermissionDenied):
        workflow.decomposition_approve(target=team, by=company.manager_east.user)
    assert workflow.decomposition_approve(target=team, by=company.manager_north.user) == 1
    rep_target = team.children.get()
    assert rep_target.status == Status.APPROVED
    assert TargetChange.objects.filter(
        target=rep_target, kind=ChangeKind.APPROVED, by=company.manager_north.user
    ).exists()

    # 华北's own split (to its team) is above the regional manager: the director approves.
    workflow.decomposition_submit(target=north, by=company.manager_north.user)
    with pytest.raises(PermissionDenied):
        workflow.decomposition_approve(target=north, by=company.manager_north.user)
    workflow.decomposition_approve(target=north, by=company.director.user)


def test_returning_a_split_needs_a_reason_and_reopens_it(company, split_plan) -> None:
    north = split_plan.root.children.get(node=company.north)
    workflow.decomposition_submit(target=north, by=company.manager_north.user)
    with pytest.raises(ValidationError, match="原因"):
        workflow.decomposition_return(target=north, by=company.director.user, note="")
    workflow.decomposition_return(target=north, by=company.director.user, note="团队目标偏低")
    assert north.children.get().status == Status.DRAFT
    assert Notification.objects.filter(
        recipient=company.manager_north.user, kind="split_returned"
    ).exists()


def test_plan_submit_approve_lock(company, split_plan) -> None:
    plan = split_plan
    with pytest.raises(PermissionDenied):
        workflow.plan_submit(plan=plan, by=company.manager_north.user)
    workflow.plan_submit(plan=plan, by=company.director.user)
    assert set(plan.targets.values_list("status", flat=True)) == {Status.SUBMITTED}
    for persona in (company.manager_north, company.finance, company.rep):
        with pytest.raises(PermissionDenied):
            workflow.plan_approve(plan=plan, by=persona.user)
    # The company plan has nobody above the executive: the director approves it.
    workflow.plan_approve(plan=plan, by=company.director.user, note="同意")
    assert set(plan.targets.values_list("status", flat=True)) == {Status.APPROVED}
    workflow.plan_lock(plan=plan, by=company.director.user)
    plan.refresh_from_db()
    assert plan.status == Status.LOCKED
    assert set(plan.targets.values_list("status", flat=True)) == {Status.LOCKED}
    with pytest.raises(ValidationError, match="锁定"):
        target_decompose(
            target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
        )
    with pytest.raises(ValidationError):
        target_update(
            target=plan.root, by=company.director.user, expected_version=None, value=Decimal(1)
        )


def test_a_plan_with_unapproved_targets_cannot_be_locked(company, split_plan) -> None:
    plan = split_plan
    workflow.plan_submit(plan=plan, by=company.director.user)
    workflow.plan_approve(plan=plan, by=company.director.user)
    # A new split after the approval is a draft again.
    east = plan.root.children.get(node=company.east)
    target_decompose(
        target=east, spec=DecompositionSpec(axes=("org",)), by=company.manager_east.user
    )
    with pytest.raises(ValidationError, match="上海一组"):
        workflow.plan_lock(plan=plan, by=company.director.user)


def test_a_regional_plan_is_approved_above_the_region(company, revenue_plan) -> None:
    plan = revenue_plan(
        "500.00", node=company.north, by=company.manager_north, owner=company.manager_north
    )
    workflow.plan_submit(plan=plan, by=company.manager_north.user)
    with pytest.raises(PermissionDenied):
        workflow.plan_approve(plan=plan, by=company.manager_north.user)
    workflow.plan_approve(plan=plan, by=company.director.user)
