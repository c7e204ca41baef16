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
