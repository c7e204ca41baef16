"""Cycles and deadlines: the usual 5th/9th 17:30 dates, overdue flags, one reminder per step,
and escalation to the level above when a step stays stuck at a middle manager."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from salestarget.notifications.models import Notification
from salestarget.targets.models import PlanningStep, StepKind
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.cycles import cycle_deadlines, cycle_open, deadlines_check
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.tasks import deadlines_check_task

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 17, minute: int = 30, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def test_the_usual_deadlines_are_the_5th_and_9th_at_1730_of_the_month_before(db: None) -> None:
    dates = cycle_deadlines(period_code="2026-04")
    assert dates["decompose_by"] == at(5)
    assert dates["submit_by"] == at(9)


@pytest.fixture
def cycle(company, revenue_plan):
    plan = revenue_plan("1000.00")
    return cycle_open(
        plan=plan, period="2026-04", by=company.director.user, decompose_by=at(5), submit_by=at(9)
    )


def test_a_cycle_gives_every_managed_level_its_steps(company, cycle) -> None:
    steps = {
        (s.node.name, s.kind): s.responsible
        for s in cycle.steps.select_related("node", "responsible")
    }
    assert steps == {
        # The company node has members (finance, admin), so it has a submit duty too.
        ("北方科技", StepKind.DECOMPOSE): company.director,
        ("北方科技", StepKind.SUBMIT): company.director,
        ("华北", StepKind.DECOMPOSE): company.manager_north,
        ("华东", StepKind.DECOMPOSE): company.manager_east,
        ("北京一组", StepKind.DECOMPOSE): company.team_lead,
        ("北京一组", StepKind.SUBMIT): company.team_lead,
        ("上海一组", StepKind.DECOMPOSE): None,  # nobody leads it: shown, never reminded
        ("上海一组", StepKind.SUBMIT): None,
    }


def test_a_cycle_must_lie_inside_the_plan(company, revenue_plan) -> None:
    plan = revenue_plan("1.00")
    with pytest.raises(ValidationError):
        cycle_open(
            plan=plan,
            period="2027-01",
            by=company.director.user,
            decompose_by=at(5),
            submit_by=at(9),
        )


def test_decomposing_marks_the_step_done(company, cycle) -> None:
    root = cycle.plan.root
    target_decompose(target=root, spec=DecompositionSpec(axes=("org",)), by=company.director.user)
    done = PlanningStep.objects.get(cycle=cycle, node=company.root, kind=StepKind.DECOMPOSE)
    assert done.done_at is not None


def test_overdue_steps_are_reminded_once_and_escalated_after_the_grace(company, cycle) -> None:
    target_decompose(
        target=cycle.plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )

    report = deadlines_check(now=at(5, 18))
    reminded = {s.node.name for s in report.reminded}
    assert "华北" in reminded
    assert "北方科技" not in reminded
    assert not report.escalated  # within the 24 hours' grace
    assert (
        Notification.objects.filter(
            recipient=company.manager_north.user, kind="step_overdue"
        ).count()
        == 1
    )
    assert not deadlines_check(now=at(5, 19)).reminded  # never twice

    report = deadlines_check(now=at(6, 18))
    escalated = {s.node.name: s.escalated_to for s in report.escalated}
    # 华北 is stuck at its regional manager: the director hears about it.
    assert escalated["华北"] == company.director
    assert escalated["北京一组"] == company.manager_north
    alert = Notification.objects.get(
        recipient=company.director.user, kind="step_escalated", title__contains="华北"
    )
    assert "李经理" in alert.body
    assert not deadlines_check(now=at(7, 18)).escalated


def test_the_command_and_the_task_run_the_same_check(company, cycle) -> None:
    out = StringIO()
    call_command("deadlines_check", stdout=out)
    assert out.getvalue().startswith("reminded ")
    # with what the apps above registered: activities' overdue action steps
    assert set(deadlines_check_task.call()) == {
        "reminded",
        "escalated",
        "drafts_reminded",
        "action_steps_reminded",
    }
    assert ", action_steps_reminded: 0" in out.getvalue()


def test_overdue_steps_are_flagged_on_the_page(company, cycle, login) -> None:
    page = login(company.manager_north).get(f"/targets/cycles/{cycle.pk}/").content.decode()
    assert "华北" in page
    assert "上海一组" not in page
    steps = login(company.director).get("/targets/steps/").content.decode()
    assert steps.count('data-testid="step"') == cycle.steps.count()


def test_overdue_drafts_are_flagged_and_reminded(company, team_target, login) -> None:
    import datetime as dt

    from django.utils import timezone

    from salestarget.targets.services.drafts import round_open

    rnd = round_open(
        target=team_target(),
        by=company.team_lead.user,
        deadline=timezone.now() - dt.timedelta(hours=1),
    )
    page = login(company.team_lead).get(f"/targets/rounds/{rnd.pk}/").content.decode()
    assert 'data-testid="draft-overdue"' in page
    assert deadlines_check().drafts_reminded == 1
    assert deadlines_check().drafts_reminded == 0
    assert (
        Notification.objects.filter(recipient=company.rep.user, kind="draft_overdue").count() == 1
    )


def test_the_plan_page_flags_overdue_steps(company, cycle, login) -> None:
    page = login(company.director).get(f"/targets/plans/{cycle.plan_id}/").content.decode()
    assert 'data-testid="overdue-steps"' in page
    assert "华北 · 分解目标" in page
