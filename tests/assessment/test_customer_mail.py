"""Customers get their no-login review link by e-mail, and one reminder with a fresh link
when their link or the reviews step is about to end; the old link then stops working. A bad
address or a refused mail leaves no invitation behind. (Django's locmem mail backend.)"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from salestarget.assessment.models import Review, Scorecard
from salestarget.assessment.services.deadlines import (
    assessment_deadlines_check,
    customer_reviews_remind,
)
from salestarget.assessment.services.reviews import (
    customer_invite,
    customer_review_for_token,
    customer_review_submit,
)

from .conftest import rate

LINK = re.compile(r"https?://\S+/assessment/r/([\w-]+)/")


def invite(team, cycle, **kw):
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    return customer_invite(
        scorecard=card,
        customer=team.company.customer_bj,
        contact="刘采购",
        by=team.rep.user,
        **kw,
    )


def test_the_customer_gets_the_link_by_mail_in_chinese_and_english(team, open_cycle, mailoutbox):
    review, token = invite(team, open_cycle(), email="liu@buyer.example", site="https://st.example")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["liu@buyer.example"]
    assert team.rep.name in mail.subject
    assert f"https://st.example/assessment/r/{token}/" in mail.body
    assert "刘采购" in mail.body
    assert "at least 3" in mail.body  # the English half
    assert Review.objects.get(pk=review.pk).email == "liu@buyer.example"
    assert token not in Review.objects.get(pk=review.pk).token_digest


def test_a_bad_address_is_named_and_nothing_is_kept(team, open_cycle, mailoutbox):
    cycle = open_cycle()
    with pytest.raises(ValidationError, match="邮箱地址无效"):
        invite(team, cycle, email="not-an-address")
    assert not Review.objects.filter(group="customer").exists()
    assert mailoutbox == []


def test_a_refused_mail_undoes_the_invitation(team, open_cycle, mailoutbox, monkeypatch):
    cycle = open_cycle()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("salestarget.assessment.services.customer_mail.send_mail", refuse)
    with pytest.raises(ValidationError, match="邮件未能发出"):
        invite(team, cycle, email="liu@buyer.example")
    assert not Review.objects.filter(group="customer").exists()


def test_a_silent_customer_is_reminded_once_with_a_fresh_link(team, open_cycle, mailoutbox):
    cycle = open_cycle()
    review, first = invite(team, cycle, email="liu@buyer.example", days=10)
    mailoutbox.clear()
    now = timezone.now()
    # A week before the reviews step ends and the link expires: too early.
    assert customer_reviews_remind(now=now) == 0
    # Two days before the link expires: reminded, with a new link; the first stops working.
    later = review.expires_at - dt.timedelta(days=2)
    assert customer_reviews_remind(now=later) == 1
    assert len(mailoutbox) == 1
    assert "提醒" in mailoutbox[0].subject
    fresh = LINK.search(mailoutbox[0].body).group(1)
    assert fresh != first
    with pytest.raises(ValidationError):
        customer_review_for_token(first)
    assert customer_review_for_token(fresh) == review
    # Once only.
    assert customer_reviews_remind(now=later + dt.timedelta(hours=1)) == 0
    customer_review_submit(token=fresh, answers=rate(team, None, 4, 4))


def test_the_reviews_deadline_brings_the_reminder_forward(team, open_cycle, mailoutbox):
    cycle = open_cycle()
    invite(team, cycle, email="liu@buyer.example", days=60)
    mailoutbox.clear()
    report = assessment_deadlines_check(now=cycle.reviews_by - dt.timedelta(days=1))
    assert report.customers_reminded == 1
    assert mailoutbox[0].to == ["liu@buyer.example"]


def test_no_reminder_for_answered_linkless_or_expired_reviews(team, open_cycle, mailoutbox):
    cycle = open_cycle()
    _answered, token = invite(team, cycle, email="a@buyer.example", days=5)
    customer_review_submit(token=token, answers=rate(team, None, 4, 4))
    invite(team, cycle, days=5)  # no address: the link was handed over by hand
    expired, _token = invite(team, cycle, email="c@buyer.example", days=5)
    Review.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(hours=1))
    mailoutbox.clear()
    assert customer_reviews_remind(now=timezone.now() + dt.timedelta(days=4)) == 0
    assert mailoutbox == []


def test_the_card_page_sends_the_invitation(team, open_cycle, login, mailoutbox):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(team.rep)
    response = client.post(
        f"/assessment/card/{card.pk}/invite/",
        {
            "customer": team.company.customer_bj.pk,
            "contact": "刘采购",
            "email": "liu@buyer.example",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "liu@buyer.example" in page
    assert len(mailoutbox) == 1
    assert "http://testserver/assessment/r/" in mailoutbox[0].body
    bad = client.post(
        f"/assessment/card/{card.pk}/invite/",
        {"customer": team.company.customer_bj.pk, "email": "nope"},
        follow=True,
    )
    assert "邮箱地址无效" in bad.content.decode()
    assert Review.objects.filter(group="customer").count() == 1
