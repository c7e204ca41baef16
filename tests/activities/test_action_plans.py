"""Action plans (行动计划): a rep's target gets a plan seeded from the obstacles and resources
of their draft; steps move along; an overdue step is reminded by the planning deadlines' run
once per due date; the manager's weekly meeting lists the team's steps overdue first with
what moved this week."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from salestarget.activities.models import ActionPlan, ActionStep
from salestarget.activities.queries.plans import meeting_view, plan_steps
from salestarget.activities.services.plans import (
    action_plan_start,
    action_step_add,
    action_step_update,
)
from salestarget.notifications.models import Notification
from salestarget.org.scoping import scope_for
from salestarget.targets.models import DraftRound, Target, TargetDraft
from salestarget.targets.services.cycles import deadlines_check
from tests.personas import Company
from tests.tracking.conftest import target_of


def june(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def rep_target(company: Company, june_plan) -> Target:
    return target_of(june_plan(), person=company.rep)


@pytest.fixture
def plan(company: Company, rep_target: Target) -> ActionPlan:
    return action_plan_start(
        target=rep_target, by=company.rep.user, scope=scope_for(company.rep.user)
    )


def add(company: Company, plan: ActionPlan, title: str, due: dt.date) -> ActionStep:
    rep = company.rep
    return action_step_add(
        plan=plan, title=title, owner=rep, due_on=due, by=rep, scope=scope_for(rep.user)
    )


def test_the_plan_is_seeded_from_the_obstacles_and_resources_of_the_reps_draft(
    company: Company, rep_target: Target
) -> None:
    assert rep_target.parent is not None
    rnd = DraftRound.objects.create(target=rep_target.parent, status="applied")
    TargetDraft.objects.create(
        round=rnd,
        person=company.rep,
        status="accepted",
        obstacles="大客户预算冻结\n- 竞品降价\n",
        resources="技术支持一名",
    )
    rep = scope_for(company.rep.user)
    plan = action_plan_start(target=rep_target, by=company.rep.user, scope=rep)
    steps = plan_steps(plan)
    assert [(s.title, s.resources) for s in steps] == [
        ("大客户预算冻结", ""),
        ("竞品降价", ""),
        ("落实资源：技术支持一名", "技术支持一名"),
    ]
    assert {s.owner for s in steps} == {company.rep}
    assert (plan.owner, plan.node, plan.draft is not None) == (company.rep, company.team_bj, True)
    # Starting again answers the same plan; another rep never reaches it.
    assert action_plan_start(target=rep_target, by=company.rep.user, scope=rep) == plan
    with pytest.raises(PermissionDenied):
        action_plan_start(
            target=rep_target,
            by=company.rep_other.user,
            scope=scope_for(company.rep_other.user),
        )


def test_an_overdue_step_is_reminded_once_per_due_date_by_the_deadlines_run(
    company: Company, plan: ActionPlan
) -> None:
    step = add(company, plan, "带样品拜访", dt.date(2026, 6, 5))
    assert deadlines_check(now=june(5)).others["action_steps_reminded"] == 0  # due today
    assert deadlines_check(now=june(8)).others["action_steps_reminded"] == 1
    told = Notification.objects.get(recipient=company.rep.user, kind="action_overdue")
    assert told.title == "行动逾期：带样品拜访"
    assert "2026-06-05" in told.body
    assert deadlines_check(now=june(9)).others["action_steps_reminded"] == 0

    rep = scope_for(company.rep.user)
    action_step_update(step=step, due_on=dt.date(2026, 6, 10), by=company.rep, scope=rep)
    assert deadlines_check(now=june(12)).others["action_steps_reminded"] == 1
    action_step_update(step=step, status="done", by=company.rep, scope=rep)
    assert deadlines_check(now=june(20)).others["action_steps_reminded"] == 0


def test_only_the_owner_and_the_managers_above_move_a_step(
    company: Company, plan: ActionPlan
) -> None:
    step = add(company, plan, "带样品拜访", dt.date(2026, 6, 5))
    with pytest.raises(PermissionDenied):
        action_step_update(
            step=step,
            status="done",
            by=company.rep_other,
            scope=scope_for(company.rep_other.user),
        )
    with pytest.raises(PermissionDenied):  # finance reads plans, changes nothing
        action_step_update(
            step=step, status="done", by=company.finance, scope=scope_for(company.finance.user)
        )
    lead = scope_for(company.team_lead.user)
    action_step_update(step=step, status="doing", by=company.team_lead, scope=lead)
    assert ActionStep.objects.get(pk=step.pk).status == "doing"


def test_the_weekly_meeting_lists_the_team_overdue_first_with_the_weeks_changes(
    company: Company, plan: ActionPlan, django_assert_max_num_queries
) -> None:
    later = add(company, plan, "参加行业展会", dt.date(2026, 6, 30))
    add(company, plan, "带样品拜访", dt.date(2026, 6, 5))
    done = add(company, plan, "整理报价单", dt.date(2026, 6, 6))
    rep = scope_for(company.rep.user)
    action_step_update(step=later, status="doing", by=company.rep, scope=rep)
    action_step_update(step=done, status="done", by=company.rep, scope=rep)

    north = scope_for(company.manager_north.user)
    with django_assert_max_num_queries(4):  # steps, changes: not one query per step
        meeting = meeting_view(north, now=timezone.now(), today=dt.date(2026, 6, 8))
        rows = [(r.step.title, r.overdue, r.step.owner.name) for r in meeting.steps]
        moves = [[(c.old_status, c.new_status) for c in r.changes] for r in meeting.steps]
    assert rows == [
        ("带样品拜访", True, company.rep.name),
        ("参加行业展会", False, company.rep.name),
        ("整理报价单", False, company.rep.name),
    ]
    assert moves == [[], [("todo", "doing")], [("todo", "done")]]
    assert (meeting.overdue, meeting.open, meeting.closed_this_week) == (1, 2, 1)
    east = meeting_view(
        scope_for(company.manager_east.user), now=timezone.now(), today=dt.date(2026, 6, 8)
    )
    assert east.steps == []
