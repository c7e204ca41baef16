"""Bottom-up drafts: a manager asks, people propose base and challenge figures with what they
need, the manager reviews each beside the history and the team average, and accepted drafts
become the split."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.notifications.models import Notification
from salestarget.targets.models import DraftStatus, RoundStatus
from salestarget.targets.queries import round_review
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import draft_review, draft_submit, round_open


def test_a_round_asks_every_member_and_tells_them(company, rep_two, team_target) -> None:
    target = team_target()
    rnd = round_open(target=target, by=company.team_lead.user, note="请在周五前提交")
    assert sorted(d.person.name for d in rnd.drafts.all()) == ["张小华", "王小明"]
    assert (
        Notification.objects.filter(recipient=company.rep.user, kind="draft_requested").count() == 1
    )
    with pytest.raises(ValidationError, match="进行中"):
        round_open(target=target, by=company.team_lead.user)


def test_the_loop_from_drafts_to_the_split(company, rep_two, team_target, history) -> None:
    history(
        [
            {"day": dt.date(2025, 3, 5), "amount": "40000", "person": company.rep},
            {"day": dt.date(2025, 3, 6), "amount": "20000", "person": rep_two},
        ]
    )
    target = team_target("100000.00")
    rnd = round_open(target=target, by=company.manager_north.user)
    mine = rnd.drafts.get(person=company.rep)
    theirs = rnd.drafts.get(person=rep_two)
    draft_submit(
        draft=mine,
        by=company.rep.user,
        base_value=Decimal(50000),
        challenge_value=Decimal(60000),
        obstacles="新竞品降价",
        resources="两场路演的费用",
    )
    draft_submit(
        draft=theirs, by=rep_two.user, base_value=Decimal(25000), challenge_value=Decimal(30000)
    )

    review = round_review(rnd)
    assert review.handed_down == Decimal("100000.00")
    assert review.average == Decimal(50000)
    assert review.drafts_average == Decimal(45000)
    lines = {line.draft.person.name: line for line in review.lines}
    assert lines["王小明"].last_year == Decimal(40000)
    assert lines["王小明"].growth == Decimal("0.5")
    assert lines["王小明"].vs_average == Decimal(10000)
    assert review.gap == Decimal(-10000)

    draft_review(draft=mine, by=company.manager_north.user, action="accept")
    draft_review(
        draft=theirs,
        by=company.manager_north.user,
        action="change",
        agreed_value=Decimal(40000),
        note="去年基础好，再加一点",
    )
    mine.refresh_from_db()
    assert (mine.status, mine.agreed_value) == (DraftStatus.ACCEPTED, Decimal(60000))
    assert round_review(rnd).gap == Decimal(0)

    target_decompose(
        target=target,
        spec=DecompositionSpec(axes=("people",), method="drafts"),
        by=company.manager_north.user,
    )
    children = {c.person.name: c for c in target.children.select_related("person")}
    assert {n: c.value for n, c in children.items()} == {
        "王小明": Decimal(60000),
        "张小华": Decimal(40000),
    }
    assert (children["王小明"].base_value, children["王小明"].challenge_value) == (
        Decimal(50000),
        Decimal(60000),
    )
    assert children["王小明"].node == company.team_bj
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.APPLIED


def test_a_split_by_drafts_needs_every_draft_agreed(company, rep_two, team_target) -> None:
    target = team_target()
    rnd = round_open(target=target, by=company.team_lead.user)
    draft_submit(
        draft=rnd.drafts.get(person=company.rep),
        by=company.rep.user,
        base_value=Decimal(1),
        challenge_value=Decimal(2),
    )
    draft_review(
        draft=rnd.drafts.get(person=company.rep), by=company.team_lead.user, action="accept"
    )
    with pytest.raises(ValidationError, match="张小华"):
        target_decompose(
            target=target,
            spec=DecompositionSpec(axes=("people",), method="drafts"),
            by=company.team_lead.user,
        )


def test_people_submit_only_their_own_and_managers_review(company, rep_two, team_target) -> None:
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    mine = rnd.drafts.get(person=company.rep)
    with pytest.raises(PermissionDenied):
        draft_submit(draft=mine, by=rep_two.user, base_value=Decimal(1), challenge_value=Decimal(2))
    with pytest.raises(ValidationError) as caught:
        draft_submit(
            draft=mine, by=company.rep.user, base_value=Decimal(5), challenge_value=Decimal(4)
        )
    assert "challenge_value" in caught.value.message_dict
    draft_submit(draft=mine, by=company.rep.user, base_value=Decimal(4), challenge_value=Decimal(5))
    for outsider in (company.rep, company.manager_east, company.finance):
        with pytest.raises(PermissionDenied):
            draft_review(draft=mine, by=outsider.user, action="accept")
    with pytest.raises(ValidationError, match="原因"):
        draft_review(draft=mine, by=company.team_lead.user, action="return")
    draft_review(draft=mine, by=company.team_lead.user, action="return", note="保底太低")
    mine.refresh_from_db()
    assert mine.status == DraftStatus.RETURNED
    # A returned draft may be submitted again.
    draft_submit(draft=mine, by=company.rep.user, base_value=Decimal(6), challenge_value=Decimal(8))


# -- pages ----------------------------------------------------------------------------------------
