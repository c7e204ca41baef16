"""Reminders for missing reviews and late steps, and escalation to the managers above: the
planning deadlines' machinery (``targets.services.cycles``: who manages a node, who is above
it; ``notification_send`` deduplicated so each reminder goes once), applied to a cycle's
steps. Runs as ``salestarget assessment_deadlines`` or its task, never on a page load."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from salestarget.assessment.models import (
    OPEN_STEPS,
    AssessmentCycle,
    CycleStep,
    Review,
    ReviewStatus,
    Scorecard,
)
from salestarget.assessment.services.customer_mail import customer_mail_send
from salestarget.assessment.services.reviews import token_digest
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.notifications.messages import message
from salestarget.notifications.services import notification_send
from salestarget.org.models import OrgNode, Person
from salestarget.targets.queries.managers import managers_above

log = logging.getLogger(__name__)


# A customer who has not answered is reminded once, this long before their link expires or
# the reviews step ends, whichever comes first.
CUSTOMER_REMIND_BEFORE = dt.timedelta(days=3)


@dataclass
class AssessmentDeadlineReport:
    reminded: int = 0
    escalated: int = 0
    customers_reminded: int = 0


def assessment_deadlines_check(*, now: dt.datetime | None = None) -> AssessmentDeadlineReport:
    now = now or timezone.now()
    report = AssessmentDeadlineReport(customers_reminded=customer_reviews_remind(now=now))
    above_of: dict[int, list[Person]] = {}  # node → the managers above it, asked once
    for cycle in AssessmentCycle.objects.exclude(step=CycleStep.CLOSED).select_related(
        "root", "created_by"
    ):
        due = cycle.deadline()
        if due is None or due >= now:
            continue
        escalate = due + dt.timedelta(hours=cycle.escalate_after_hours) <= now
        link = reverse("assessment:mine")
        what = message(
            gettext_noop("%(cycle)s：%(step)s（截止 %(due)s）"),
            cycle=cycle.name,
            step=CycleStep(cycle.step).label,
            due=timezone.localtime(due).strftime("%Y-%m-%d %H:%M"),
        )
        late = _late(cycle)
        # One reminder per person however many of their reviews are late, and one escalation
        # per team to the managers above it.
        users = {user.pk: user for _key, user, _node in late if user is not None}
        for user in users.values():
            sent = notification_send(
                recipients=[user],
                kind="assessment_overdue",
                title=message(gettext_noop("已逾期：%(what)s"), what=what),
                body=message(gettext_noop("请尽快完成。")),
                link=link,
                dedupe_key=f"assessment-overdue:{cycle.pk}:{cycle.step}:{user.pk}",
            )
            report.reminded += len(sent)
        if not escalate:
            continue
        nodes = {node.pk: node for _key, _user, node in late if node is not None}
        for node in nodes.values():
            if node.pk not in above_of:
                above_of[node.pk] = managers_above(node, timezone.localdate(now))
            sent = notification_send(
                recipients=[p.user for p in above_of[node.pk]],
                kind="assessment_escalated",
                title=message(gettext_noop("考核逾期提醒：%(what)s"), what=what),
                body=message(
                    gettext_noop("%(node)s 的考核步骤逾期未完成，已上报给您督办。"),
                    node=node.name,
                ),
                link=reverse("assessment:team"),
                dedupe_key=f"assessment-escalated:{cycle.pk}:{cycle.step}:{node.pk}",
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
    if cycle.step == CycleStep.CALIBRATION:
        # Sessions still open, or none opened: the one who runs the cycle is reminded, the
        # managers above each session's scope are told.
        runner = cycle.created_by
        sessions = list(cycle.sessions.filter(locked_at__isnull=True).select_related("node"))
        if sessions:
            return [(f"session-{s.pk}", runner, s.node) for s in sessions]
        if not cycle.sessions.exists():
            return [(f"cycle-{cycle.pk}", runner, cycle.root)]
        return []
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


def customer_reviews_remind(*, now: dt.datetime | None = None, site: str = "") -> int:
    """Mail each customer who was invited by e-mail and has not answered one reminder with a
    fresh link, once their link's expiry or the reviews step's deadline is near
    (``CUSTOMER_REMIND_BEFORE``). Returns how many were reminded; a refused mail is logged
    and tried again on the next run."""
    now = now or timezone.now()
    soon = now + CUSTOMER_REMIND_BEFORE
    due = (
        Review.objects.filter(
            group=ReviewerGroup.CUSTOMER,
            status=ReviewStatus.REQUESTED,
            reminded_at__isnull=True,
            expires_at__gt=now,
            scorecard__cycle__step__in=OPEN_STEPS,
        )
        .exclude(email="")
        .filter(Q(expires_at__lte=soon) | Q(scorecard__cycle__reviews_by__lte=soon))
        .select_related("scorecard__person", "scorecard__cycle", "customer")
    )
    sent = 0
    for review in due:
        token = secrets.token_urlsafe(32)
        with transaction.atomic():
            Review.objects.filter(pk=review.pk).update(
                token_digest=token_digest(token), reminded_at=now
            )
            try:
                customer_mail_send(review=review, token=token, site=site, reminder=True)
            except OSError:
                log.exception("could not remind the customer of review %s", review.pk)
                transaction.set_rollback(True)
                continue
        sent += 1
    return sent
