"""Customer invitations after they are made (``reviews.customer_invite`` makes them):
taken back before the customer answers, or sent again with a fresh link.

Only a link's digest is stored, so resending makes a new link (the old one stops working)
and extends its expiry from now; with an address the new link is mailed, a refused mail
keeping the invitation as it was. An answered invitation can be neither revoked nor resent
(its answers stay counted); the refusal does not say whether the customer answered or the
invitation was taken back, since the person must not learn from it who answered.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import OPEN_STEPS, Review, ReviewStatus
from salestarget.assessment.permissions import can_lead_card, is_own
from salestarget.assessment.services.customer_mail import customer_mail_send
from salestarget.assessment.services.reviews import (
    CUSTOMER_LINK_DAYS,
    token_digest,
)
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.org.scoping import scope_for


def _invitation_for(review: Review, by: User) -> Review:
    """The invitation locked for the change, checked: a customer review of a scorecard the
    caller may invite for (its person, or someone who leads it), still in the review steps,
    not answered or revoked."""
    review = (
        Review.objects.select_for_update(of=("self",))
        .select_related("scorecard__cycle", "scorecard__node", "scorecard__person", "customer")
        .get(pk=review.pk)
    )
    card = review.scorecard
    scope = scope_for(by)
    if review.group != ReviewerGroup.CUSTOMER:
        raise ValidationError({"__all__": _("这不是客户评价邀请。")})
    if not is_own(scope, card) and not can_lead_card(scope, card):
        raise PermissionDenied("you may not change this scorecard's invitations")
    if card.cycle.step not in OPEN_STEPS:
        raise ValidationError({"__all__": _("评价阶段已结束，不能再提交或邀请评价。")})
    if review.status != ReviewStatus.REQUESTED:
        raise ValidationError(
            {"__all__": _("这份邀请已经结束（已作答或已撤回），不能再撤回或重发。")}
        )
    return review


@transaction.atomic
def customer_invitation_revoke(*, review: Review, by: User) -> Review:
    """Take the invitation back: its link stops working at once; nothing was answered."""
    review = _invitation_for(review, by)
    review.status = ReviewStatus.REVOKED
    review.token_digest = ""
    review.save(update_fields=["status", "token_digest"])
    return review


@transaction.atomic
def customer_invitation_resend(
    *, review: Review, by: User, days: int = CUSTOMER_LINK_DAYS, site: str = ""
) -> tuple[Review, str]:
    """A fresh link for the invitation, valid ``days`` from now (the earlier link stops
    working); mailed when the invitation has an address. Returns the review and the new
    token (shown once)."""
    review = _invitation_for(review, by)
    if not 1 <= days <= 90:
        raise ValidationError({"days": _("链接有效期为 1 到 90 天。")})
    token = secrets.token_urlsafe(32)
    review.token_digest = token_digest(token)
    review.expires_at = timezone.now() + dt.timedelta(days=days)
    review.reminded_at = None  # the new link earns its own reminder
    review.save(update_fields=["token_digest", "expires_at", "reminded_at"])
    if review.email:
        try:
            customer_mail_send(review=review, token=token, site=site)
        except OSError as exc:
            raise ValidationError(
                {"email": _("邮件未能发出（%(error)s），邀请保持原样。") % {"error": exc}}
            ) from exc
    return review, token
