"""The assessment's dates in a person's calendar feed: the rep's self-review deadline while
the cycle is at that step, the reviews a peer was asked to write, and the team lead's first
grading and feedback meetings; each leaves once its step is past."""

from __future__ import annotations

from django.utils import translation

from salestarget.assessment.calendar import assessment_items
from salestarget.assessment.models import Review, ReviewStatus
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.notifications.messages import render, stored


def summaries(person) -> list[str]:
    return sorted(render(stored(i.summary)) for i in assessment_items(person))


def test_each_person_reads_their_own_assessment_dates(team, open_cycle):
    cycle = open_cycle()
    assert f"自评截止：{cycle.name}" in summaries(team.rep)
    own = next(i for i in assessment_items(team.rep) if i.uid.startswith("assessment-self"))
    assert own.start == cycle.self_review_by

    lead = summaries(team.lead)
    assert f"上级初评截止：{cycle.name}" in lead
    assert f"绩效面谈截止：{cycle.name}" in lead

    asked = (
        Review.objects.filter(scorecard__cycle=cycle, scorecard__person=team.rep)
        .exclude(reviewer=None)
        .exclude(reviewer=team.rep)
        .select_related("reviewer")
        .first()
    )
    assert asked is not None
    asked.status = ReviewStatus.REQUESTED  # the lead approved the nomination
    asked.save()
    assert f"评价截止：为 王小明 评价（{cycle.name}）" in summaries(asked.reviewer)

    with translation.override("en"):
        assert f"Self-review due: {cycle.name}" in summaries(team.rep)


def test_a_step_that_is_past_leaves_the_calendar(team, open_cycle):
    cycle = open_cycle()
    cycle_advance(cycle=cycle, by=team.company.finance.user)
    assert f"自评截止：{cycle.name}" not in summaries(team.rep)
