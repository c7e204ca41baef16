"""A scorecard's customer invitations as the caller may see them — never the answers.

Those who lead the scorecard see whether each customer answered (as they see each peer's
status on the page); the person sees only whether the link stands (``open`` until its
date, then ``expired``), as they never learn whether a peer answered either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from salestarget.assessment.models import Review, ReviewStatus, Scorecard
from salestarget.core.scoring.weighting import ReviewerGroup

OPEN, ANSWERED, EXPIRED, REVOKED = "open", "answered", "expired", "revoked"
STATES = (OPEN, ANSWERED, EXPIRED, REVOKED)


@dataclass(frozen=True)
class Invitation:
    review: Review
    state: str  # one of STATES

    @property
    def customer_name(self) -> str:
        return self.review.customer.name if self.review.customer else ""


def invitation_state(review: Review, *, leads: bool, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if review.status == ReviewStatus.REVOKED:
        return REVOKED
    if review.status == ReviewStatus.SUBMITTED and leads:
        return ANSWERED
    if review.expires_at is not None and review.expires_at < now:
        return EXPIRED
    return OPEN


def card_invitations(card: Scorecard, *, leads: bool) -> list[Invitation]:
    """The customer invitations of ``card``, oldest first (callers check that the caller
    is the person or leads the card)."""
    now = timezone.now()
    return [
        Invitation(review, invitation_state(review, leads=leads, now=now))
        for review in card.reviews.filter(group=ReviewerGroup.CUSTOMER)
        .select_related("customer")
        .order_by("created_at", "pk")
    ]
