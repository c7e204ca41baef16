"""Reviews: only the reviewer submits theirs, every weighed item must be rated on its scale,
a peer the person nominates waits for the manager's approval, and a customer answers once
through a link that expires."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from salestarget.assessment.models import Review, ReviewStatus, Scorecard
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.assessment.services.reviews import (
    customer_invite,
    customer_review_for_token,
    customer_review_submit,
    peer_decide,
    peer_nominate,
    review_submit,
)

from .conftest import rate, review_of


def test_nobody_submits_someone_elses_review(team, open_cycle):
    cycle = open_cycle()
    with pytest.raises(PermissionDenied):
        review_submit(
            review=review_of(cycle, team.rep, team.lead),
            answers=rate(team, None, 5, 5),
            by=team.rep.user,
        )


def test_every_item_must_be_rated_on_its_scale_and_nothing_is_kept_otherwise(team, open_cycle):
    cycle = open_cycle()
    own = review_of(cycle, team.rep, team.rep)
    with pytest.raises(ValidationError, match="团队协作"):
        review_submit(review=own, answers={team.item("沟通能力").pk: 4}, by=team.rep.user)
    with pytest.raises(ValidationError, match="1 到 5"):
        review_submit(review=own, answers=rate(team, None, 4, 9), by=team.rep.user)
    own.refresh_from_db()
    assert own.status == ReviewStatus.REQUESTED
    assert not own.answers.exists()


def test_a_peer_the_rep_nominates_waits_for_the_managers_approval(team, open_cycle):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    review = peer_nominate(scorecard=card, reviewer=team.peers[0], by=team.rep.user)
    assert review.status == ReviewStatus.NOMINATED
    with pytest.raises(ValidationError, match="批准"):
        review_submit(review=review, answers=rate(team, None, 4, 4), by=team.peers[0].user)
    with pytest.raises(PermissionDenied):
        peer_decide(review=review, approve=True, by=team.rep.user)
    peer_decide(review=review, approve=True, by=team.lead.user)
    review_submit(review=review, answers=rate(team, None, 4, 4), by=team.peers[0].user)
    with pytest.raises(ValidationError, match="本人或直接上级"):
        peer_nominate(scorecard=card, reviewer=team.lead, by=team.rep.user)
    with pytest.raises(PermissionDenied):
        peer_nominate(scorecard=card, reviewer=team.peers[1], by=team.peers[2].user)


def test_a_customer_answers_once_through_a_link_that_expires(team, open_cycle):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    review, token = customer_invite(
        scorecard=card, customer=team.company.customer_bj, contact="刘采购", by=team.rep.user
    )
    assert review.token_digest
    assert token not in review.token_digest
    assert customer_review_for_token(token) == review
    customer_review_submit(token=token, answers=rate(team, None, 5, 4))
    with pytest.raises(ValidationError, match="无效或已过期"):
        customer_review_submit(token=token, answers=rate(team, None, 1, 1))
    late, late_token = customer_invite(
        scorecard=card, customer=team.company.customer_bj, by=team.lead.user, days=1
    )
    Review.objects.filter(pk=late.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="无效或已过期"):
        customer_review_for_token(late_token)
    with pytest.raises(ValidationError):
        customer_review_for_token("guessed-token")


def test_no_reviews_once_the_review_steps_are_over(team, open_cycle):
    cycle = open_cycle()
    by = team.company.finance.user
    cycle = cycle_advance(cycle=cycle, by=by)
    cycle = cycle_advance(cycle=cycle, by=by)
    with pytest.raises(ValidationError, match="评价阶段已结束"):
        review_submit(
            review=review_of(cycle, team.rep, team.rep),
            answers=rate(team, None, 5, 5),
            by=team.rep.user,
        )
