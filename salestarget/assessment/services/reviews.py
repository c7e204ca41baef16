"""Reviews: the self-review, the manager's, peers nominated by the person or the manager
(a person's nomination waits for the manager's approval), and customers answering through an
expiring link with a secret token (no login; only the token's SHA-256 is kept)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import (
    OPEN_STEPS,
    ItemKind,
    Review,
    ReviewAnswer,
    ReviewStatus,
    Scorecard,
)
from salestarget.assessment.permissions import can_lead_card, is_own, require_lead_card
from salestarget.assessment.services.customer_mail import customer_mail_send
from salestarget.catalog.models import Customer
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for

CUSTOMER_LINK_DAYS = 14


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_open(card: Scorecard) -> None:
    if card.cycle.step not in OPEN_STEPS:
        raise ValidationError({"__all__": _("评价阶段已结束，不能再提交或邀请评价。")})


def _save_answers(review: Review, answers: Mapping[int, int], comments: Mapping[int, str]) -> None:
    items = {
        i.pk: i
        for i in review.scorecard.template.items.filter(kind=ItemKind.QUALITATIVE)
        if review.group in i.group_weights and i.group_weight_values()[review.group] > 0
    }
    errors: dict[str, list[str]] = {}
    for item_id, item in items.items():
        rating = answers.get(item_id)
        if rating is None:
            errors[f"item_{item_id}"] = [_("请为“%(item)s”评分。") % {"item": item.name}]
        elif not item.scale_min <= int(rating) <= item.scale_max:
            errors[f"item_{item_id}"] = [
                _("“%(item)s”的评分必须在 %(low)s 到 %(high)s 之间。")
                % {"item": item.name, "low": item.scale_min, "high": item.scale_max}
            ]
    unknown = set(answers) - set(items)
    if unknown:
        errors["__all__"] = [_("评分里有不属于这张考核表的考核项。")]
    if errors:
        raise ValidationError(errors)
    review.answers.all().delete()
    ReviewAnswer.objects.bulk_create(
        ReviewAnswer(
            review=review,
            item_id=item_id,
            rating=int(answers[item_id]),
            comment=comments.get(item_id, "")[:2000],
        )
        for item_id in items
    )


@transaction.atomic
def review_submit(
    *,
    review: Review,
    answers: Mapping[int, int],
    by: User,
    comments: Mapping[int, str] | None = None,
    comment: str = "",
) -> Review:
    """The reviewer's ratings for every qualitative item their group weighs; all or nothing."""
    review = Review.objects.select_related("scorecard__cycle", "reviewer").get(pk=review.pk)
    if review.reviewer is None or review.reviewer.user_id != by.pk:
        raise PermissionDenied("this review is not yours")
    if review.status not in (ReviewStatus.REQUESTED, ReviewStatus.SUBMITTED):
        raise ValidationError({"__all__": _("这份评价还未被批准。")})
    _require_open(review.scorecard)
    _save_answers(review, answers, comments or {})
    review.status = ReviewStatus.SUBMITTED
    review.comment = comment[:4000]
    review.submitted_at = timezone.now()
    review.save(update_fields=["status", "comment", "submitted_at"])
    return review


@transaction.atomic
def peer_nominate(*, scorecard: Scorecard, reviewer: Person, by: User) -> Review:
    """A peer asked to review ``scorecard``'s person: by the person (waits for the manager's
    approval) or by someone who leads the scorecard (requested at once)."""
    scorecard = Scorecard.objects.select_related("cycle", "node").get(pk=scorecard.pk)
    scope = scope_for(by)
    own = is_own(scope, scorecard)
    if not own and not can_lead_card(scope, scorecard):
        raise PermissionDenied("you may not nominate reviewers for this scorecard")
    _require_open(scorecard)
    if reviewer.pk == scorecard.person_id or reviewer.pk == scorecard.manager_id:
        raise ValidationError({"reviewer": _("同事评价人不能是本人或直接上级。")})
    if not reviewer.is_active or reviewer.user_id is None:
        raise ValidationError({"reviewer": _("评价人必须是有登录账号的在职人员。")})
    if Review.objects.filter(scorecard=scorecard, reviewer=reviewer).exists():
        raise ValidationError({"reviewer": _("已经邀请过这位同事。")})
    return Review.objects.create(
        scorecard=scorecard,
        group=ReviewerGroup.PEER,
        reviewer=reviewer,
        status=ReviewStatus.NOMINATED if own else ReviewStatus.REQUESTED,
        nominated_by=by,
    )


@transaction.atomic
def peer_decide(*, review: Review, approve: bool, by: User) -> Review:
    """The manager approves or declines a peer the person nominated."""
    review = Review.objects.select_related("scorecard__node", "scorecard__cycle").get(pk=review.pk)
    require_lead_card(scope_for(by), review.scorecard)
    if review.status != ReviewStatus.NOMINATED:
        raise ValidationError({"__all__": _("这位评价人不在待批准状态。")})
    review.status = ReviewStatus.REQUESTED if approve else ReviewStatus.DECLINED
    review.save(update_fields=["status"])
    return review


@transaction.atomic
def customer_invite(
    *,
    scorecard: Scorecard,
    customer: Customer,
    by: User,
    contact: str = "",
    email: str = "",
    site: str = "",
    days: int = CUSTOMER_LINK_DAYS,
) -> tuple[Review, str]:
    """A customer review with a link that needs no login and expires after ``days``; returns
    the review and the secret token for the link (shown once, only its digest is kept).
    With ``email`` the link is mailed to the customer (``site``: the address links start
    with); a mail the server refuses undoes the invitation."""
    scorecard = Scorecard.objects.select_related("cycle", "node").get(pk=scorecard.pk)
    scope = scope_for(by)
    if not is_own(scope, scorecard) and not can_lead_card(scope, scorecard):
        raise PermissionDenied("you may not invite customers for this scorecard")
    _require_open(scorecard)
    if not 1 <= days <= 90:
        raise ValidationError({"days": _("链接有效期为 1 到 90 天。")})
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"email": _("邮箱地址无效：%(email)s") % {"email": email[:100]}}
            ) from None
    token = secrets.token_urlsafe(32)
    review = Review.objects.create(
        scorecard=scorecard,
        group=ReviewerGroup.CUSTOMER,
        customer=customer,
        contact=contact.strip()[:100],
        email=email,
        token_digest=token_digest(token),
        expires_at=timezone.now() + dt.timedelta(days=days),
        nominated_by=by,
    )
    if email:
        try:
            customer_mail_send(review=review, token=token, site=site)
        except OSError as exc:
            raise ValidationError(
                {"email": _("邮件未能发出（%(error)s），邀请未保存。") % {"error": exc}}
            ) from exc
    return review, token


def customer_review_for_token(token: str) -> Review:
    """The open customer review a link's token opens; ValidationError when the link is
    unknown, expired or already used (the message does not say which)."""
    review = (
        Review.objects.select_related("scorecard__cycle", "scorecard__person", "customer")
        .filter(token_digest=token_digest(token), group=ReviewerGroup.CUSTOMER)
        .first()
    )
    if (
        review is None
        or review.status != ReviewStatus.REQUESTED
        or review.expires_at is None
        or review.expires_at < timezone.now()
        or review.scorecard.cycle.step not in OPEN_STEPS
    ):
        raise ValidationError({"__all__": _("此评价链接无效或已过期。")})
    return review


@transaction.atomic
def customer_review_submit(*, token: str, answers: Mapping[int, int], comment: str = "") -> Review:
    review = customer_review_for_token(token)
    _save_answers(review, answers, {})
    review.status = ReviewStatus.SUBMITTED
    review.comment = comment[:4000]
    review.submitted_at = timezone.now()
    review.token_digest = ""  # the link works once
    review.save(update_fields=["status", "comment", "submitted_at", "token_digest"])
    return review
