"""Scores computed from the tracked targets and the reviews: achievement by the metric's
direction, reviewer groups reweighted when one is missing (and the scorecard says so),
peers counted only from three answers, grades by the cycle's bands."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.assessment.models import Scorecard, ScorecardLine
from salestarget.assessment.services.reviews import peer_nominate, review_submit
from salestarget.assessment.services.scoring import scorecard_compute

from .conftest import rate, review_of

D = Decimal


def _line(card: Scorecard, name: str) -> ScorecardLine:
    return card.lines.get(item__name=name)


def test_revenue_at_93_percent_and_an_expense_rate_under_its_ceiling(team, open_cycle):
    cycle = open_cycle()
    scorecard_compute(cycle=cycle, by=team.company.finance.user)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    revenue = _line(card, "销售额")
    assert (revenue.target, revenue.actual) == (D(100_000), D(93_000))
    assert revenue.achievement == D("0.93")
    assert revenue.score == D(93)
    rate_line = _line(card, "销售费用率")
    assert rate_line.actual == D("0.08")
    assert rate_line.achievement == D("1.2")  # 20% under the ceiling, mirrored
    assert rate_line.score == D(120)
    # No reviews yet: the qualitative items are left out and named; the figures carry the
    # whole weight (50 : 20).
    assert card.performance_score == D("100.71")  # (93×50 + 120×20) / 70
    assert card.behaviour_score is None
    assert card.total_score == D("100.71")
    assert sorted(card.missing_items) == sorted(
        [team.item("沟通能力").pk, team.item("团队协作").pk]
    )


def test_a_rep_without_spending_has_no_expense_rate_and_the_card_says_so(team, open_cycle):
    cycle = open_cycle()
    scorecard_compute(cycle=cycle)
    peer_card = Scorecard.objects.get(cycle=cycle, person=team.peers[0])
    assert _line(peer_card, "销售额").score == 0  # nothing sold: 0%, scored 0
    assert _line(peer_card, "销售费用率").score is None  # a ratio over no revenue
    assert team.item("销售费用率").pk in peer_card.missing_items


def test_missing_peers_and_customers_are_reweighted_over_self_and_manager(team, open_cycle):
    cycle = open_cycle()
    review_submit(
        review=review_of(cycle, team.rep, team.rep),
        answers=rate(team, None, 5, 5),
        by=team.rep.user,
    )
    review_submit(
        review=review_of(cycle, team.rep, team.lead),
        answers=rate(team, None, 4, 3),
        by=team.lead.user,
    )
    scorecard_compute(cycle=cycle)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    communication = _line(card, "沟通能力")
    # self 100 × 10/70 + manager 75 × 60/70
    assert communication.score == D("78.57")
    assert communication.missing_groups == ["peer", "customer"]
    teamwork = _line(card, "团队协作")
    assert teamwork.score == D("57.14")  # (100×10 + 50×60) / 70
    assert card.behaviour_score == D("67.86")
    assert card.missing_items == []


def test_two_peer_answers_count_for_nothing_three_count_as_a_mean(team, open_cycle):
    cycle = open_cycle()
    for peer in team.peers:
        peer_nominate(
            scorecard=Scorecard.objects.get(cycle=cycle, person=team.rep),
            reviewer=peer,
            by=team.lead.user,
        )
    review_submit(
        review=review_of(cycle, team.rep, team.lead),
        answers=rate(team, None, 3, 3),
        by=team.lead.user,
    )
    for peer, rating in zip(team.peers[:2], (5, 1), strict=True):
        review_submit(
            review=review_of(cycle, team.rep, peer),
            answers=rate(team, None, rating, rating),
            by=peer.user,
        )
    scorecard_compute(cycle=cycle)
    line = _line(Scorecard.objects.get(cycle=cycle, person=team.rep), "沟通能力")
    peers = next(g for g in line.groups if g["group"] == "peer")
    assert peers == {"group": "peer", "answers": 0, "mean": None}
    assert "peer" in line.missing_groups
    assert line.score == D(50)  # the manager's 3 of 5 alone

    review_submit(
        review=review_of(cycle, team.rep, team.peers[2]),
        answers=rate(team, None, 3, 3),
        by=team.peers[2].user,
    )
    scorecard_compute(cycle=cycle)
    line = _line(Scorecard.objects.get(cycle=cycle, person=team.rep), "沟通能力")
    peers = next(g for g in line.groups if g["group"] == "peer")
    assert peers == {"group": "peer", "answers": 3, "mean": "50.00"}  # (100 + 0 + 50) / 3
    assert line.missing_groups == ["self", "customer"]


def test_grades_follow_the_bands_and_the_too_new_get_none(team, open_cycle):
    cycle = open_cycle()
    scorecard_compute(cycle=cycle)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    assert card.computed_grade == "A"  # 100.71 ≥ 100
    assert Scorecard.objects.get(cycle=cycle, person=team.peers[0]).computed_grade == "D"


def test_an_import_during_self_review_brings_the_measured_items_up_to_date(team, open_cycle):
    # The rep reads their figures so far while the cycle takes reviews: a later sale shows
    # after the import's recomputation, not only when someone presses 重新计算.
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from salestarget.actuals.rollups import rollups_rebuild
    from salestarget.assessment import tasks
    from tests.tracking.conftest import sell

    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    assert card.lines.get(item__name="销售额").actual == 93_000
    sell(team.company, dt.date(2026, 6, 2), "5000")
    rollups_rebuild()
    rollups_rebuild()  # a second change in the same transaction
    pending = [func for _ids, func, _robust in transaction.get_connection().run_on_commit]
    assert pending.count(tasks._enqueue) == 1  # once, when the import commits
    tasks._enqueue()
    queued = DBTaskResult.objects.filter(task_path__endswith="open_cycles_compute_task")
    assert queued.count() == 1
    assert tasks.open_cycles_compute_task.call() == 1
    assert card.lines.get(item__name="销售额").actual == 98_000


def test_an_import_with_no_cycle_taking_reviews_enqueues_nothing(
    company, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from salestarget.actuals.rollups import rollups_rebuild
    from salestarget.assessment import tasks
    from tests.tracking.conftest import sell

    with django_capture_on_commit_callbacks(execute=True) as ran:
        sell(company, dt.date(2026, 6, 2), "5000")
        rollups_rebuild()
    assert tasks._enqueue in ran
    assert not DBTaskResult.objects.filter(task_path__endswith="open_cycles_compute_task")
