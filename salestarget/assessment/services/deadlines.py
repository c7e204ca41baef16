"""Reminders for missing reviews and late steps, and escalation to the managers above: the
planning deadlines' machinery (``targets.services.cycles``: who manages a node, who is above
it; ``notification_send`` deduplicated so each reminder goes once), applied to a cycle's
steps. Runs as ``salestarget assessment_deadlines`` or its task, never on a page load."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import (
    AssessmentCycle,
    CycleStep,
    Review,
    ReviewStatus,
    Scorecard,
)
from salestarget.notifications.services import notification_send
from salestarget.org.models import OrgNode
from salestarget.targets.services.cycles import managers_above


@dataclass
class AssessmentDeadlineReport:
    reminded: int = 0
    escalated: int = 0


def assessment_deadlines_check(*, now: dt.datetime | None = None) -> AssessmentDeadlineReport:
    now = now or timezone.now()
    report = AssessmentDeadlineReport()
    for cycle in AssessmentCycle.objects.exclude(step=CycleStep.CLOSED).select_related("root"):
        due = cycle.deadline()
        if due is None or due >= now:
            continue
        escalate = due + dt.timedelta(hours=cycle.escalate_after_hours) <= now
        link = reverse("assessment:mine")
        what = _("%(cycle)s：%(step)s（截止 %(due)s）") % {
            "cycle": cycle.name,
            "step": cycle.get_step_display(),
            "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
        }
        for key, user, node in _late(cycle):
            sent = notification_send(
                recipients=[user],
                kind="assessment_overdue",
                title=_("已逾期：%(what)s") % {"what": what},
                body=_("请尽快完成。"),
                link=link,
                dedupe_key=f"assessment-overdue:{cycle.pk}:{cycle.step}:{key}",
            )
            report.reminded += len(sent)
            if escalate and node is not None:
                above = managers_above(node, timezone.localdate(now))
                sent = notification_send(
                    recipients=[p.user for p in above],
                    kind="assessment_escalated",
                    title=_("考核逾期提醒：%(what)s") % {"what": what},
                    body=_("您下属的考核步骤逾期未完成，已上报给您督办。"),
                    link=reverse("assessment:team"),
                    dedupe_key=f"assessment-escalated:{cycle.pk}:{cycle.step}:{key}",
                )
                report.escalated += len(sent)
    return report


def _late(cycle: AssessmentCycle) -> list[tuple[str, User | None, OrgNode | None]]:
    """(dedupe key, user to remind, node to escalate from) for what the step still lacks."""
    if cycle.step in (CycleStep.SELF_REVIEW, CycleStep.REVIEWS):
        reviews = Review.objects.filter(
            scorecard__cycle=cycle, status=ReviewStatus.REQUESTED, reviewer__isnull=False
        )
        if cycle.step == CycleStep.SELF_REVIEW:
            reviews = reviews.filter(group="self")
        return [
            (f"review-{r.pk}", r.reviewer.user if r.reviewer else None, r.scorecard.node)
            for r in reviews.select_related("reviewer__user", "scorecard__node")
        ]
    cards = Scorecard.objects.filter(cycle=cycle, too_new=False, manager__isnull=False)
    if cycle.step == CycleStep.PROPOSAL:
        cards = cards.filter(proposed_grade="")
    elif cycle.step == CycleStep.FEEDBACK:
        cards = cards.filter(Q(interview__isnull=True))
    else:
        return []
    return [
        (f"card-{c.pk}", c.manager.user if c.manager else None, c.node)
        for c in cards.select_related("manager__user", "node")
    ]
