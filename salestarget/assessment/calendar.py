"""The assessment dates in a person's calendar feed (``integrations.calendar_sources``): their
self-review and feedback-meeting deadlines while their cycle is at or before that step, the
reviews they were asked to write, the first grading of the people they manage, and a feedback
meeting once it has a date."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop

from salestarget.assessment.models import (
    AssessmentCycle,
    FeedbackInterview,
    Review,
    ReviewStatus,
    Scorecard,
)
from salestarget.assessment.models.cycles import STEP_ORDER, CycleStep
from salestarget.integrations.calendar_sources import CalendarItem, calendar_source_register
from salestarget.notifications.messages import message
from salestarget.org.models import Person


def _open(step: str, at_or_before: str) -> bool:
    """Whether a cycle at ``step`` has not gone past ``at_or_before``."""
    return STEP_ORDER.index(step) <= STEP_ORDER.index(at_or_before)


def assessment_items(person: Person) -> list[CalendarItem]:
    items: list[CalendarItem] = []
    cards = Scorecard.objects.filter(person=person).exclude(cycle__step=CycleStep.CLOSED)
    for card in cards.select_related("cycle"):
        cycle, link = card.cycle, reverse("assessment:card", args=[card.pk])
        if _open(cycle.step, CycleStep.SELF_REVIEW):
            items.append(
                CalendarItem(
                    uid=f"assessment-self-{card.pk}",
                    summary=message(gettext_noop("自评截止：%(cycle)s"), cycle=cycle.name),
                    start=cycle.self_review_by,
                    link=link,
                )
            )
    meetings = FeedbackInterview.objects.filter(scorecard__person=person).select_related(
        "scorecard__cycle"
    )
    items += [
        CalendarItem(
            uid=f"assessment-meeting-{m.pk}",
            summary=message(gettext_noop("绩效面谈：%(cycle)s"), cycle=m.scorecard.cycle.name),
            start=m.held_on,
            link=reverse("assessment:card", args=[m.scorecard_id]),
        )
        for m in meetings
    ]
    asked = Review.objects.filter(reviewer=person, status=ReviewStatus.REQUESTED).select_related(
        "scorecard__cycle", "scorecard__person"
    )
    items += [
        CalendarItem(
            uid=f"assessment-review-{r.pk}",
            summary=message(
                gettext_noop("评价截止：为 %(who)s 评价（%(cycle)s）"),
                who=r.scorecard.person.name,
                cycle=r.scorecard.cycle.name,
            ),
            start=r.scorecard.cycle.reviews_by,
            link=reverse("assessment:review", args=[r.pk]),
        )
        for r in asked
        if _open(r.scorecard.cycle.step, CycleStep.REVIEWS)
    ]
    led = (
        Scorecard.objects.filter(manager=person)
        .exclude(cycle__step=CycleStep.CLOSED)
        .values_list("cycle_id", flat=True)
        .distinct()
    )
    for cycle in AssessmentCycle.objects.filter(pk__in=list(led)):
        if _open(cycle.step, CycleStep.PROPOSAL):
            items.append(
                CalendarItem(
                    uid=f"assessment-proposal-{cycle.pk}-{person.pk}",
                    summary=message(gettext_noop("上级初评截止：%(cycle)s"), cycle=cycle.name),
                    start=cycle.proposal_by,
                    link=reverse("assessment:team"),
                )
            )
        if _open(cycle.step, CycleStep.FEEDBACK):
            items.append(
                CalendarItem(
                    uid=f"assessment-feedback-{cycle.pk}-{person.pk}",
                    summary=message(gettext_noop("绩效面谈截止：%(cycle)s"), cycle=cycle.name),
                    start=cycle.feedback_by,
                    link=reverse("assessment:team"),
                )
            )
    return items


def calendar_register() -> None:
    calendar_source_register(assessment_items)
