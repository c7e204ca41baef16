"""The assessment things of the scope world: a FY2026-Q2 cycle of the reps in calibration,
王小明's scorecard, his self-review, a peer he nominated, a customer he invited and 华北's
calibration session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from salestarget.assessment.models import Review, ReviewStatus, Scorecard
from salestarget.assessment.services.calibration import calibration_open
from salestarget.assessment.services.cycles import cycle_advance, cycle_open
from salestarget.org.models import Role
from tests.assessment.conftest import rep_template
from tests.personas import Company, account


def assessment_world(c: Company) -> dict[str, Any]:
    template = rep_template()
    by = account(c.finance)
    now = timezone.now()
    fields = ("self_review_by", "reviews_by", "proposal_by", "calibration_by", "feedback_by")
    cycle = cycle_open(
        period="FY2026-Q2",
        root=c.root,
        roles=[Role.REP],
        deadlines={f: now + dt.timedelta(days=i + 1) for i, f in enumerate(fields)},
        by=by,
    )
    card = Scorecard.objects.get(cycle=cycle, person=c.rep)
    nomination = Review.objects.create(
        scorecard=card, group="peer", reviewer=c.team_lead, status=ReviewStatus.NOMINATED
    )
    invitation = Review.objects.create(
        scorecard=card,
        group="customer",
        customer=c.customer_bj,
        token_digest="0" * 64,
        expires_at=now + dt.timedelta(days=14),
    )
    for _step in range(3):
        cycle = cycle_advance(cycle=cycle, by=by)
    return {
        "assess_cycle": cycle,
        "assess_template": template,
        "assess_session": calibration_open(cycle=cycle, node=c.north, by=by),
        "rep_card": card,
        "rep_self_review": Review.objects.get(scorecard=card, group="self"),
        "rep_nomination": nomination,
        "rep_invitation": invitation,
    }
