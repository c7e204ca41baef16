"""Adjustments: a reasoned request, decided by a higher role, applied with the split below
redone, and every value kept in the history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.notifications.models import Notification
from salestarget.targets.models import AdjustmentRequest, ChangeKind, Status, TargetChange
from salestarget.targets.services.adjustments import adjustment_decide, adjustment_request


def test_an_approved_adjustment_changes_the_value_and_redoes_the_split(
    company, locked_plan
) -> None:
    north = locked_plan.root.children.get(node=company.north)
    assert [q.value for q in north.children.order_by("period_start")] == [Decimal("137.50")] * 4
    request = adjustment_request(
        target=north,
        by=company.manager_north.user,
        new_value=Decimal(400),
        reason_category="market",
        reason="新客户大单",
        redistribute=True,
    )
    assert Notification.objects.filter(
        recipient=company.director.user, kind="adjustment_requested"
    ).exists()
    with pytest.raises(PermissionDenied):
        adjustment_decide(adjustment=request, by=company.manager_north.user, approve=True)
    adjustment_decide(adjustment=request, by=company.director.user, approve=True, note="同意")

    north.refresh_from_db()
    assert north.value == Decimal(400)
    assert north.status == Status.LOCKED
    quarters = [q.value for q in north.children.order_by("period_start")]
    assert quarters == [Decimal("110.00")] * 4  # 400 × 1.10, in the same proportions
    history = TargetChange.objects.filter(target=north, kind=ChangeKind.ADJUSTED).get()
    assert (history.old_value, history.new_value, history.by) == (
        Decimal(500),
        Decimal(400),
        company.director.user,
    )
    assert history.reason == "[市场变化] 新客户大单"
    assert history.adjustment == request
    assert TargetChange.objects.filter(adjustment=request).count() == 5
    assert Notification.objects.filter(
        recipient=company.manager_north.user, kind="adjustment_decided"
    ).exists()


def test_without_redistribution_the_children_stay(company, locked_plan) -> None:
    north = locked_plan.root.children.get(node=company.north)
    request = adjustment_request(
        target=north,
        by=company.manager_north.user,
        new_value=Decimal(450),
        reason_category="reorg",
        reason="团队合并",
        redistribute=False,
    )
    adjustment_decide(adjustment=request, by=company.admin.user, approve=True)
    assert sum(q.value for q in north.children.all()) == Decimal(550)


def test_requests_need_a_reason_a_frozen_target_and_the_right_people(
    company, revenue_plan, locked_plan
) -> None:
    north = locked_plan.root.children.get(node=company.north)
    with pytest.raises(ValidationError) as caught:
        adjustment_request(
            target=north,
            by=company.manager_north.user,
            new_value=Decimal("1.001"),
            reason_category="whatever",
            reason=" ",
        )
    assert set(caught.value.message_dict) == {"value", "reason_category", "reason"}
    for outsider in (company.rep, company.finance, company.manager_east):
        with pytest.raises(PermissionDenied):
            adjustment_request(
                target=north,
                by=outsider.user,
                new_value=Decimal(1),
                reason_category="other",
                reason="x",
            )
    draft_plan = revenue_plan("10.00", name="草稿计划")
    with pytest.raises(ValidationError, match="直接修改"):
        adjustment_request(
            target=draft_plan.root,
            by=company.director.user,
            new_value=Decimal(1),
            reason_category="other",
            reason="x",
        )


def test_a_rejection_keeps_the_value_and_needs_a_note(company, locked_plan) -> None:
    root = locked_plan.root
    request = adjustment_request(
        target=root,
        by=company.director.user,
        new_value=Decimal(900),
        reason_category="force",
        reason="疫情",
    )
    # Nobody decides their own request, not even an executive.
    with pytest.raises(PermissionDenied):
        adjustment_decide(adjustment=request, by=company.director.user, approve=True)
    with pytest.raises(ValidationError):
        adjustment_decide(adjustment=request, by=company.admin.user, approve=False)
    adjustment_decide(adjustment=request, by=company.admin.user, approve=False, note="维持原目标")
    request.refresh_from_db()
    assert request.state == AdjustmentRequest.State.REJECTED
    root.refresh_from_db()
    assert root.value == Decimal(1000)


def test_a_request_is_decided_above_the_requesters_level(company, locked_plan, rep_two) -> None:
    north = locked_plan.root.children.get(node=company.north)
    q1 = north.children.get(period="FY2026-Q1")
    # The team lead has no say over 华北's quarters; the regional manager asks, the director decides.
    request = adjustment_request(
        target=q1,
        by=company.manager_north.user,
        new_value=Decimal(100),
        reason_category="other",
        reason="一季度春节影响",
    )
    with pytest.raises(PermissionDenied):
        adjustment_decide(adjustment=request, by=company.team_lead.user, approve=True)
    with pytest.raises(PermissionDenied):
        adjustment_decide(adjustment=request, by=company.manager_east.user, approve=True)
    adjustment_decide(adjustment=request, by=company.director.user, approve=True)
