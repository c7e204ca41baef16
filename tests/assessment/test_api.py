"""The API: the same scoping as the pages; a rep's grade shows only from the feedback step;
reviews are submitted through it; grades for a period and a person's history."""

from __future__ import annotations

from decimal import Decimal

from salestarget.assessment.models import CycleStep, Scorecard
from salestarget.assessment.services.cycles import cycle_advance

from .conftest import rate, review_of


def test_a_rep_lists_only_their_own_scorecards_and_a_manager_the_subtree(team, open_cycle, login):
    cycle = open_cycle()
    rep = login(team.rep).get("/api/assessment/scorecards").json()
    assert [c["person_id"] for c in rep] == [team.rep.pk]
    north = login(team.company.manager_north).get(f"/api/assessment/scorecards?cycle={cycle.pk}")
    assert {c["person_id"] for c in north.json()} == {p.pk for p in team.reps}


def test_reviews_are_given_through_the_api(team, open_cycle, login):
    cycle = open_cycle()
    client = login(team.rep)
    mine = client.get("/api/assessment/reviews/mine").json()
    assert [(r["group"], r["status"]) for r in mine] == [("self", "requested")]
    review = review_of(cycle, team.rep, team.rep)
    bad = client.post(
        f"/api/assessment/reviews/{review.pk}/submit",
        {"ratings": {str(team.item("沟通能力").pk): 7}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    ok = client.post(
        f"/api/assessment/reviews/{review.pk}/submit",
        {"ratings": {str(k): v for k, v in rate(team, None, 4, 4).items()}},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "submitted"


def test_the_grade_reaches_the_rep_at_feedback_and_the_history_keeps_it(team, open_cycle, login):
    finance = team.company.finance.user
    cycle = open_cycle()
    while cycle.step != CycleStep.PROPOSAL:
        cycle = cycle_advance(cycle=cycle, by=finance)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    lead = login(team.lead)
    proposal = lead.post(
        f"/api/assessment/scorecards/{card.pk}/grade",
        {"grade": "S", "reason": ""},
        content_type="application/json",
    )
    assert proposal.status_code == 422
    assert "reason" in proposal.json()["errors"]
    rep = login(team.rep)
    assert rep.get(f"/api/assessment/scorecards/{card.pk}").json()["grade"] is None
    assert (
        rep.post(
            f"/api/assessment/scorecards/{card.pk}/grade",
            {"grade": "S", "reason": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    while cycle.step != CycleStep.FEEDBACK:
        cycle = cycle_advance(cycle=cycle, by=finance)
    assert rep.get(f"/api/assessment/scorecards/{card.pk}").json()["grade"] == "A"
    history = rep.get(f"/api/assessment/people/{team.rep.pk}/history").json()
    assert [h["grade"] for h in history] == ["A"]
    assert rep.get(f"/api/assessment/people/{team.peers[0].pk}/history").status_code == 404
    grades = rep.get("/api/assessment/grades?start=2026-04-01&end=2026-06-30").json()
    assert grades == [{"person_id": team.rep.pk, "grade": "A"}]


def test_a_card_in_self_review_has_its_measured_items_and_says_it_is_not_scored_yet(
    team, open_cycle, login
):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    got = login(team.rep).get(f"/api/assessment/scorecards/{card.pk}").json()
    assert got["scored"] is False
    assert got["computed_at"] is not None
    revenue = next(line for line in got["lines"] if line["item"] == "销售额")
    assert Decimal(revenue["actual"]) == 93000
    assert Decimal(revenue["target"]) == 100000
    assert got["reweighting"] == ""  # nothing for the rep to act on during self-review
    finance = team.company.finance.user
    while cycle.step != CycleStep.PROPOSAL:
        cycle = cycle_advance(cycle=cycle, by=finance)
    lead = login(team.lead).get(f"/api/assessment/scorecards/{card.pk}").json()
    assert lead["scored"] is True
    assert lead["reweighting"] == "spread"  # no peer or customer answered


def test_the_cycles_review_progress_is_for_those_who_run_it(team, open_cycle, login):
    cycle = open_cycle()
    runner = login(team.company.finance)
    progress = runner.get(f"/api/assessment/cycles/{cycle.pk}/review-progress").json()
    assert progress["open"] is True
    groups = {g["group"]: g for g in progress["groups"]}
    assert groups["self"]["submitted"] == 0
    assert groups["self"]["owed"] == Scorecard.objects.filter(cycle=cycle).count()
    assert team.lead.name in [o["name"] for o in progress["owing"]]
    assert progress["owing_people"] >= len(progress["owing"])
    assert (
        login(team.lead).get(f"/api/assessment/cycles/{cycle.pk}/review-progress").status_code
        == 404
    )
    assert runner.get("/api/assessment/cycles/99999999/review-progress").status_code == 404
