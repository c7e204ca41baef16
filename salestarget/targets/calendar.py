"""The planning dates in a person's calendar feed (``integrations.calendar_sources``): the
open planning steps they are responsible for and the draft rounds waiting for their draft."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop

from salestarget.integrations.calendar_sources import CalendarItem, calendar_source_register
from salestarget.notifications.messages import message
from salestarget.org.models import Person
from salestarget.targets.models import DraftRound, PlanningStep, StepKind
from salestarget.targets.models.drafts import DraftStatus, RoundStatus


def planning_items(person: Person) -> list[CalendarItem]:
    steps = PlanningStep.objects.filter(responsible=person, done_at__isnull=True).select_related(
        "cycle", "node"
    )
    items = [
        CalendarItem(
            uid=f"planning-step-{step.pk}",
            summary=message(
                gettext_noop("截止：%(node)s %(step)s（%(cycle)s）"),
                node=step.node.name,
                step=StepKind(step.kind).label,
                cycle=step.cycle.name,
            ),
            start=step.due_at,
            link=reverse("targets:cycle_detail", args=[step.cycle_id]),
        )
        for step in steps
    ]
    rounds = (
        DraftRound.objects.filter(
            status=RoundStatus.OPEN,
            deadline__isnull=False,
            drafts__person=person,
            drafts__status__in=(DraftStatus.PENDING, DraftStatus.RETURNED),
        )
        .select_related("target")
        .distinct()
    )
    items += [
        CalendarItem(
            uid=f"draft-round-{rnd.pk}",
            summary=message(gettext_noop("目标草案截止：%(target)s"), target=rnd.target.label),
            start=rnd.deadline,
            link=reverse("targets:round_detail", args=[rnd.pk]),
        )
        for rnd in rounds
        if rnd.deadline is not None
    ]
    return items


def calendar_register() -> None:
    calendar_source_register(planning_items)
