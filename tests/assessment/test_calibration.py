"""Proposals and calibration: a changed grade needs a reason and is recorded; a locked
session changes nothing; an enforced distribution must hold before a session locks; the
final grades reach the bonus table through ``grades_for_period``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.assessment.models import CycleStep, GradeChange, Scorecard
from salestarget.assessment.queries.grading import grades_for_period
from salestarget.assessment.services.calibration import (
    calibration_change,
    calibration_lock,
    calibration_open,
    grade_propose,
)
from salestarget.assessment.services.cycles import cycle_advance


def _to(cycle, step, by):
    while cycle.step != step:
        cycle = cycle_advance(cycle=cycle, by=by)
    return cycle


def test_a_proposal_that_differs_from_the_computed_grade_needs_a_reason(team, open_cycle):
    finance = team.company.finance.user
    cycle = _to(open_cycle(), CycleStep.PROPOSAL, finance)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    assert card.computed_grade == "A"
    with pytest.raises(ValidationError, match="理由"):
        grade_propose(scorecard=card, grade="S", reason=" ", by=team.lead.user)
    with pytest.raises(PermissionDenied):
        grade_propose(scorecard=card, grade="S", reason="我很努力", by=team.rep.user)
    grade_propose(scorecard=card, grade="S", reason="大客户突破", by=team.lead.user)
    card.refresh_from_db()
    assert (card.proposed_grade, card.current_grade) == ("S", "S")
    change = GradeChange.objects.get(scorecard=card)
    assert (change.old_grade, change.new_grade, change.reason) == ("A", "S", "大客户突破")


def test_calibration_changes_are_audited_and_stop_when_the_session_locks(team, open_cycle):
    finance = team.company.finance.user
    cycle = _to(open_cycle(), CycleStep.CALIBRATION, finance)
    session = calibration_open(cycle=cycle, node=team.company.north, by=finance)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    with pytest.raises(ValidationError, match="理由"):
        calibration_change(session=session, scorecard=card, grade="B", reason="", by=finance)
    calibration_change(
        session=session,
        scorecard=card,
        grade="B",
        reason="费用超标",
        by=team.company.manager_north.user,
    )
    card.refresh_from_db()
    assert card.grade == "B"
    audit = GradeChange.objects.get(session=session)
    assert (audit.old_grade, audit.new_grade, audit.by) == (
        "A",
        "B",
        team.company.manager_north.user,
    )
    other = Scorecard.objects.get(cycle=cycle, person=team.company.rep_other)
    with pytest.raises(ValidationError, match="范围"):
        calibration_change(session=session, scorecard=other, grade="B", reason="x", by=finance)
    with pytest.raises(ValidationError, match="重叠"):
        calibration_open(cycle=cycle, node=team.company.team_bj, by=finance)
    with pytest.raises(ValidationError, match="未锁定"):
        cycle_advance(cycle=cycle, by=finance)
    calibration_lock(session=session, by=finance)
    with pytest.raises(ValidationError, match="已锁定"):
        calibration_change(session=session, scorecard=card, grade="S", reason="再议", by=finance)


def test_an_enforced_distribution_must_hold_before_a_session_locks(team, open_cycle):
    finance = team.company.finance.user
    cycle = open_cycle(enforcement="enforced", min_group_size=4)
    cycle = _to(cycle, CycleStep.CALIBRATION, finance)
    session = calibration_open(cycle=cycle, node=team.company.north, by=finance)
    cards = list(
        Scorecard.objects.filter(cycle=cycle, node__path__startswith=team.company.north.path)
    )
    assert len(cards) == 4
    # Enforced, the computed grades came by rank: 10/20/40/20/10 of 4 is 0/1/2/1/0.
    assert sorted(c.computed_grade for c in cards) == ["A", "B", "B", "C"]
    for card in cards:
        calibration_change(
            session=session, scorecard=card, grade="S", reason="全员优秀", by=finance
        )
    with pytest.raises(ValidationError, match="S 有 4 人"):
        calibration_lock(session=session, by=finance)
    for card, grade in zip(cards, ["A", "B", "B", "C"], strict=True):
        calibration_change(
            session=session, scorecard=card, grade=grade, reason="按分布", by=finance
        )
    calibration_lock(session=session, by=finance)
    session.refresh_from_db()
    assert session.is_locked


def test_final_grades_reach_the_bonus_table(team, open_cycle):
    finance = team.company.finance.user
    cycle = _to(open_cycle(), CycleStep.CALIBRATION, finance)
    assert grades_for_period(start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30)) == {}
    cycle = cycle_advance(cycle=cycle, by=finance)
    assert cycle.step == CycleStep.FEEDBACK
    grades = grades_for_period(
        start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30), person_ids=[team.rep.pk]
    )
    assert grades == {team.rep.pk: "A"}
