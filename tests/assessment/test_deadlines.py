"""Overdue reviews are reminded once per person and escalated once per team to the managers
above after the grace."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from salestarget.assessment.services.deadlines import assessment_deadlines_check
from salestarget.notifications.models import Notification

from .conftest import deadlines


def test_a_missing_self_review_is_reminded_once_then_escalated(team, open_cycle):
    start = timezone.now() - dt.timedelta(days=8)  # the self-review was due a day ago
    open_cycle(deadlines=deadlines(start))
    report = assessment_deadlines_check()
    assert report.reminded == 5  # every rep's self-review
    assert (
        Notification.objects.filter(recipient=team.rep.user, kind="assessment_overdue").count() == 1
    )
    again = assessment_deadlines_check()
    assert again.reminded == 0
    escalated = Notification.objects.filter(
        recipient=team.company.manager_north.user, kind="assessment_escalated"
    )
    assert escalated.count() == 1  # one for 北京一组, however many of its reps are late
    assert "北京一组" in escalated.get().body


def test_missing_manager_and_peer_reviews_are_reminded_in_the_reviews_step(team, open_cycle):
    from salestarget.assessment.models import CycleStep, Review, ReviewStatus, Scorecard
    from salestarget.assessment.services.cycles import cycle_advance
    from salestarget.assessment.services.reviews import peer_nominate, review_submit

    from .conftest import rate, review_of

    start = timezone.now() - dt.timedelta(days=15)  # the reviews were due a day ago
    cycle = open_cycle(deadlines=deadlines(start))
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    first, second = team.peers[:2]
    for peer in (first, second):
        peer_nominate(scorecard=card, reviewer=peer, by=team.lead.user)
    cycle = cycle_advance(cycle=cycle, by=team.company.finance.user)
    assert cycle.step == CycleStep.REVIEWS
    review_submit(
        review=review_of(cycle, team.rep, second), answers=rate(team, None, 4, 4), by=second.user
    )
    assert Review.objects.get(scorecard=card, reviewer=second).status == ReviewStatus.SUBMITTED
    # 同事2's own self-review is done too: nothing of hers is late.
    review_submit(
        review=review_of(cycle, second, second), answers=rate(team, None, 3, 3), by=second.user
    )

    assessment_deadlines_check()

    overdue = Notification.objects.filter(kind="assessment_overdue")
    assert overdue.filter(recipient=team.lead.user).count() == 1  # his manager reviews
    assert overdue.filter(recipient=first.user).count() == 1  # her peer review
    assert not overdue.filter(recipient=second.user).exists()  # she answered both


def test_an_unlocked_calibration_is_reminded_to_its_runner_and_escalated_above_its_scope(
    team, open_cycle
):
    from salestarget.assessment.models import CycleStep
    from salestarget.assessment.services.calibration import calibration_lock, calibration_open
    from salestarget.assessment.services.cycles import cycle_advance

    finance = team.company.finance.user
    start = timezone.now() - dt.timedelta(days=30)  # calibration was due two days ago
    cycle = open_cycle(deadlines=deadlines(start))
    while cycle.step != CycleStep.CALIBRATION:
        cycle = cycle_advance(cycle=cycle, by=finance)
    session = calibration_open(cycle=cycle, node=team.company.north, by=finance)

    report = assessment_deadlines_check()

    assert Notification.objects.filter(recipient=finance, kind="assessment_overdue").count() == 1
    escalated = Notification.objects.get(
        recipient=team.company.director.user, kind="assessment_escalated"
    )
    assert session.node.name in escalated.body
    assert (report.reminded, report.escalated) >= (1, 1)
    calibration_lock(session=session, by=finance)
    Notification.objects.all().delete()
    assert assessment_deadlines_check().reminded == 0  # locked: nothing is late
