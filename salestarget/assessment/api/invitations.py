"""Customer invitations over the API (customer reviewers of 360°): list a scorecard's,
invite a customer (the link is answered once and only its digest is kept), revoke one, send
one again with a fresh link. For the scorecard's person and those who lead it; never the
answers, and to the person never whether a customer answered (``queries.invitations``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from salestarget.assessment.models import Review, Scorecard
from salestarget.assessment.permissions import can_lead_card, can_view_card
from salestarget.assessment.queries.cards import CARD_RELATED
from salestarget.assessment.queries.invitations import (
    card_invitations,
    invitation_state,
)
from salestarget.assessment.services.customer_mail import customer_link
from salestarget.assessment.services.invitations import (
    customer_invitation_resend,
    customer_invitation_revoke,
)
from salestarget.assessment.services.reviews import CUSTOMER_LINK_DAYS, customer_invite
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.org.scoping import request_scope
from salestarget.ui.params import Id, path_id

router = Router()
ScorecardId = Annotated[int, path_id("the scorecard")]
InvitationId = Annotated[int, path_id("the customer invitation")]
Days = Annotated[int, Field(CUSTOMER_LINK_DAYS, ge=1, le=90, description="days the link works")]


class InvitationOut(Schema):
    id: int
    scorecard_id: int
    customer_id: int | None
    customer: str
    contact: str
    email: str
    state: str = Field(
        description="open, answered (only to those who lead the scorecard), expired or revoked"
    )
    expires_at: dt.datetime | None
    created_at: dt.datetime


class InvitationLinkOut(InvitationOut):
    link: str = Field(description="the customer's link, shown this once (only a digest is kept)")
    mailed: bool


class InvitationIn(Schema):
    customer: Id = Field(description="one of the person's customers")
    contact: str = Field("", max_length=100)
    email: str = Field("", max_length=254, description="mail the link to this address")
    days: Days = CUSTOMER_LINK_DAYS


class ResendIn(Schema):
    days: Days = CUSTOMER_LINK_DAYS


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def _inviter_card(request: HttpRequest, pk: int) -> tuple[Scorecard, bool]:
    """The scorecard (404 unless the caller may see it) and whether the caller leads it;
    the services check who may change its invitations."""
    card = Scorecard.objects.select_related(*CARD_RELATED).filter(pk=pk).first()
    scope = request_scope(request)
    if card is None or not can_view_card(scope, card):
        raise Http404
    return card, can_lead_card(scope, card)


def _out(review: Review, leads: bool) -> dict[str, object]:
    return {
        "id": review.pk,
        "scorecard_id": review.scorecard_id,
        "customer_id": review.customer_id,
        "customer": review.customer.name if review.customer else "",
        "contact": review.contact,
        "email": review.email,
        "state": invitation_state(review, leads=leads),
        "expires_at": review.expires_at,
        "created_at": review.created_at,
    }


def _with_link(request: HttpRequest, review: Review, token: str, leads: bool) -> dict[str, object]:
    return {
        **_out(review, leads),
        "link": customer_link(token, request.build_absolute_uri("/")),
        "mailed": bool(review.email),
    }


def _invitation(request: HttpRequest, pk: int) -> tuple[Review, bool]:
    review = (
        Review.objects.select_related("scorecard", "customer")
        .filter(pk=pk, group=ReviewerGroup.CUSTOMER)
        .first()
    )
    if review is None:
        raise Http404
    _card, leads = _inviter_card(request, review.scorecard_id)
    return review, leads


@router.get("/scorecards/{pk}/invitations", response=list[InvitationOut])
def invitations(request: HttpRequest, pk: ScorecardId) -> list[dict[str, object]]:
    card, leads = _inviter_card(request, pk)
    return [_out(i.review, leads) for i in card_invitations(card, leads=leads)]


@router.post("/scorecards/{pk}/invitations", response={201: InvitationLinkOut})
def invite(
    request: HttpRequest, pk: ScorecardId, payload: InvitationIn
) -> Status[dict[str, object]]:
    card, leads = _inviter_card(request, pk)
    customer = card.person.customers.filter(pk=payload.customer).first()
    if customer is None:
        raise ValidationError(
            {"customer": f"customer {payload.customer} is not one of {card.person.name}'s"}
        )
    review, token = customer_invite(
        scorecard=card,
        customer=customer,
        contact=payload.contact,
        email=payload.email,
        days=payload.days,
        site=request.build_absolute_uri("/"),
        by=_user(request),
    )
    review = Review.objects.select_related("customer").get(pk=review.pk)
    return Status(201, _with_link(request, review, token, leads))


@router.post("/invitations/{pk}/revoke", response=InvitationOut)
def revoke(request: HttpRequest, pk: InvitationId) -> dict[str, object]:
    review, leads = _invitation(request, pk)
    review = customer_invitation_revoke(review=review, by=_user(request))
    return _out(review, leads)


@router.post("/invitations/{pk}/resend", response=InvitationLinkOut)
def resend(request: HttpRequest, pk: InvitationId, payload: ResendIn) -> dict[str, object]:
    review, leads = _invitation(request, pk)
    review, token = customer_invitation_resend(
        review=review, by=_user(request), days=payload.days, site=request.build_absolute_uri("/")
    )
    return _with_link(request, review, token, leads)
