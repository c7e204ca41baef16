"""Feedback interviews are acknowledged by the person alone; improvement plans collect
coaching actions and close only when every action is done, with an outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.assessment.models import CycleStep, PlanStatus, Scorecard
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.assessment.services.feedback import (
    improvement_action_add,
    improvement_action_done,
    improvement_plan_close,
    improvement_plan_open,
    interview_acknowledge,
    interview_record,
)


def _feedback_card(team, open_cycle, person):
    finance = team.company.finance.user
    cycle = open_cycle()
    with pytest.raises(ValidationError, match="校准完成后"):
        interview_record(
            scorecard=Scorecard.objects.get(cycle=cycle, person=person),
            held_on=dt.date(2026, 7, 10),
            notes="x",
            by=team.lead.user,
        )
    while cycle.step != CycleStep.FEEDBACK:
        cycle = cycle_advance(cycle=cycle, by=finance)
    return Scorecard.objects.get(cycle=cycle, person=person)


def test_the_rep_acknowledges_the_interview_with_a_comment(team, open_cycle):
    card = _feedback_card(team, open_cycle, team.rep)
    interview = interview_record(
        scorecard=card, held_on=dt.date(2026, 7, 10), notes="销售额接近目标", by=team.lead.user
    )
    with pytest.raises(PermissionDenied):
        interview_acknowledge(interview=interview, by=team.lead.user)
    interview = interview_acknowledge(interview=interview, by=team.rep.user, comment="认可")
    assert interview.acknowledged_at is not None
    assert interview.person_comment == "认可"


def test_an_improvement_plan_is_followed_up_to_closure(team, open_cycle):
    card = _feedback_card(team, open_cycle, team.peers[0])
    assert card.grade == "D"
    plan = improvement_plan_open(scorecard=card, goals="月销售额达到 3 万", by=team.lead.user)
    with pytest.raises(PermissionDenied):
        improvement_plan_open(scorecard=card, goals="x", by=team.peers[0].user)
    action = improvement_action_add(
        plan=plan, description="每周陪访两次", follow_up_on=dt.date(2026, 8, 1), by=team.lead.user
    )
    with pytest.raises(ValidationError, match="未完成"):
        improvement_plan_close(plan=plan, outcome="达成", by=team.lead.user)
    improvement_action_done(action=action, notes="已陪访 8 次", by=team.lead.user)
    plan = improvement_plan_close(plan=plan, outcome="8 月销售额 3.2 万", by=team.lead.user)
    assert plan.status == PlanStatus.CLOSED


def test_the_manager_above_follows_the_plan_on_the_team_page_and_the_card(team, open_cycle, login):
    card = _feedback_card(team, open_cycle, team.peers[0])
    plan = improvement_plan_open(scorecard=card, goals="月销售额达到 3 万", by=team.lead.user)
    improvement_action_add(
        plan=plan, description="每周陪访两次", follow_up_on=dt.date(2026, 8, 1), by=team.lead.user
    )
    above = login(team.company.manager_north)  # the lead's own manager
    listing = above.get(f"/assessment/team/?cycle={card.cycle_id}").content.decode()
    row = next(r for r in listing.split("<tr>") if team.peers[0].name in r)
    assert "进行中" in row
    page = above.get(f"/assessment/card/{card.pk}/").content.decode()
    assert "月销售额达到 3 万" in page
    assert "每周陪访两次" in page
    # Closed, it says so; the rep sees no team page rows at all.
    improvement_action_done(action=plan.actions.get(), notes="已陪访 8 次", by=team.lead.user)
    improvement_plan_close(plan=plan, outcome="8 月销售额 3.2 万", by=team.lead.user)
    listing = above.get(f"/assessment/team/?cycle={card.cycle_id}").content.decode()
    row = next(r for r in listing.split("<tr>") if team.peers[0].name in r)
    assert "已关闭" in row
    rep = login(team.peers[0]).get(f"/assessment/team/?cycle={card.cycle_id}").content.decode()
    assert 'data-testid="plan-status"' not in rep
