"""The pages: each one scoped (a rep their own, a manager their subtree, runners their tree),
the customer's form without a login, calibration and results for those who run cycles."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from salestarget.assessment.models import CycleStep, FeedbackInterview, Review, Scorecard
from salestarget.assessment.services.calibration import calibration_open
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.assessment.services.feedback import interview_record
from salestarget.assessment.services.invitations import customer_invitation_revoke
from salestarget.assessment.services.reviews import (
    customer_invite,
    peer_decide,
    peer_nominate,
    review_submit,
)
from salestarget.assessment.services.scoring import scorecard_compute
from tests.browser import compile_messages

from .conftest import rate, review_of


def _to(cycle, step, by):
    while cycle.step != step:
        cycle = cycle_advance(cycle=cycle, by=by)
    return cycle


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("rep", 200),
        ("team_lead", 200),
        ("manager_north", 200),
        ("director", 200),
        ("finance", 200),
        ("rep_other", 404),
        ("manager_east", 404),
    ],
)
def test_a_scorecard_is_seen_by_its_person_and_those_above_only(
    team, open_cycle, login, viewer, status
):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(getattr(team.company, viewer))
    assert client.get(f"/assessment/card/{card.pk}/").status_code == status
    assert client.get(f"/api/assessment/scorecards/{card.pk}").status_code == status


def test_my_assessment_lists_my_reviews_to_give_and_my_scorecards(team, open_cycle, login):
    cycle = open_cycle()
    client = login(team.rep)
    page = client.get("/assessment/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "我的自评" in html
    assert cycle.name in html
    form = client.get(f"/assessment/review/{review_of(cycle, team.rep, team.rep).pk}/")
    assert form.status_code == 200
    assert "符合期望" in form.content.decode()  # the level descriptions


def test_a_review_form_that_misses_an_item_says_which(team, open_cycle, login):
    cycle = open_cycle()
    review = review_of(cycle, team.rep, team.rep)
    client = login(team.rep)
    response = client.post(
        f"/assessment/review/{review.pk}/", {f"item_{team.item('沟通能力').pk}": "4"}, follow=True
    )
    assert "团队协作" in response.content.decode()
    review.refresh_from_db()
    assert review.status == "requested"


def test_the_team_page_lists_the_subtree_and_nothing_for_a_rep(team, open_cycle, login):
    cycle = open_cycle()
    lead = login(team.lead).get(f"/assessment/team/?cycle={cycle.pk}")
    names = lead.content.decode()
    assert all(p.name in names for p in team.reps)
    assert team.company.rep_other.name not in names
    rep = login(team.rep).get("/assessment/team/").content.decode()
    assert team.peers[0].name not in rep


def test_cycle_pages_are_for_those_who_run_assessments(team, open_cycle, login):
    cycle = open_cycle()
    for who in (team.rep, team.lead):
        client = login(who)
        assert client.get(f"/assessment/cycles/{cycle.pk}/").status_code == 404
        assert client.get(f"/assessment/cycles/{cycle.pk}/results.xlsx").status_code == 404
        assert client.get("/assessment/cycles/new/").status_code == 403
    client = login(team.company.finance)
    assert client.get(f"/assessment/cycles/{cycle.pk}/").status_code == 200
    export = client.get(f"/assessment/cycles/{cycle.pk}/results.xlsx")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_opening_a_cycle_from_the_form_and_a_bad_period_is_named(team, login):
    client = login(team.company.finance)
    data = {
        "period": "FY2026-Q9",
        "root": team.company.root.pk,
        "roles": ["rep"],
        "self_review_by": "2026-07-05T17:30",
        "reviews_by": "2026-07-10T17:30",
        "proposal_by": "2026-07-15T17:30",
        "calibration_by": "2026-07-20T17:30",
        "feedback_by": "2026-07-30T17:30",
        "enforcement": "warning",
        "min_group_size": "10",
    }
    bad = client.post("/assessment/cycles/new/", data)
    assert bad.status_code == 200
    assert "Q1 to Q4" in bad.content.decode()
    data["period"] = "FY2026-Q2"
    good = client.post("/assessment/cycles/new/", data)
    assert good.status_code == 302
    assert Scorecard.objects.filter(person=team.rep).count() == 1


def test_a_customer_answers_by_link_without_logging_in(team, open_cycle, client):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    _review, token = customer_invite(
        scorecard=card, customer=team.company.customer_bj, by=team.rep.user
    )
    url = f"/assessment/r/{token}/"
    assert client.get(url).status_code == 200
    incomplete = client.post(url, {f"item_{team.item('沟通能力').pk}": "5"})
    assert incomplete.status_code == 422
    assert "团队协作" in incomplete.content.decode()
    done = client.post(
        url, {f"item_{team.item('沟通能力').pk}": "5", f"item_{team.item('团队协作').pk}": "4"}
    )
    assert "感谢" in done.content.decode()
    assert client.get(url).status_code == 404
    assert client.get("/assessment/r/not-a-token/").status_code == 404


def test_calibration_page_shows_the_distribution_and_grid_to_runners_only(team, open_cycle, login):
    finance = team.company.finance
    cycle = _to(open_cycle(), CycleStep.CALIBRATION, finance.user)
    session = calibration_open(cycle=cycle, node=team.company.north, by=finance.user)
    client = login(finance)
    page = client.get(f"/assessment/sessions/{session.pk}/")
    assert page.status_code == 200
    assert 'data-testid="grid"' in page.content.decode()
    chart = client.get(f"/assessment/sessions/{session.pk}/chart.json").json()
    assert chart["grades"] == ["S", "A", "B", "C", "D"]
    assert sum(chart["actual"]) == 4
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    change = client.post(
        f"/assessment/sessions/{session.pk}/do/change/",
        {"scorecard": card.pk, "grade": "B", "reason": ""},
        follow=True,
    )
    assert "理由" in change.content.decode()
    assert login(team.rep).get(f"/assessment/sessions/{session.pk}/").status_code == 404
    assert (
        login(team.company.manager_east).get(f"/assessment/sessions/{session.pk}/").status_code
        == 404
    )


def test_the_rep_acknowledges_the_interview_on_their_phone_page(team, open_cycle, login):
    finance = team.company.finance.user
    cycle = _to(open_cycle(), CycleStep.FEEDBACK, finance)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    interview_record(
        scorecard=card, held_on=dt.date(2026, 7, 10), notes="继续保持", by=team.lead.user
    )
    client = login(team.rep)
    page = client.get(f"/assessment/card/{card.pk}/").content.decode()
    assert "继续保持" in page
    assert 'data-testid="acknowledge"' in page
    client.post(f"/assessment/card/{card.pk}/acknowledge/", {"comment": "同意"})
    assert FeedbackInterview.objects.get(scorecard=card).acknowledged_at is not None
    other = login(team.company.rep_other)
    assert other.post(f"/assessment/card/{card.pk}/acknowledge/", {}).status_code == 404


def test_my_assessment_reads_in_english(team, open_cycle, login):
    open_cycle()
    client = login(team.rep)
    client.post("/i18n/setlang/", {"language": "en", "next": "/assessment/"})
    html = client.get("/assessment/").content.decode()
    assert "My self-review" in html
    assert "Reviews to give" in html


def test_the_scorecard_pdf_in_chinese_and_english(team, open_cycle, login):
    from tests.targets.test_documents import pdf_text

    cycle = open_cycle()
    scorecard_compute(cycle=cycle)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(team.rep)
    zh = client.get(f"/assessment/card/{card.pk}/scorecard-zh.pdf")
    assert zh["Content-Type"] == "application/pdf"
    text = pdf_text(zh.content)
    assert "绩效考核表" in text
    assert "王小明" in text
    assert "100.71" in text
    en = pdf_text(client.get(f"/assessment/card/{card.pk}/scorecard-en.pdf").content)
    assert "Scorecard" in en
    assert "Total score" in en
    assert (
        login(team.company.rep_other)
        .get(f"/assessment/card/{card.pk}/scorecard-zh.pdf")
        .status_code
        == 404
    )


def test_in_english_the_card_says_a_review_was_declined_or_revoked(team, open_cycle, login):
    """已拒绝 / 已撤回 of a review are Declined and Revoked, not an import's Rejected or an
    adjustment request's Withdrawn."""
    compile_messages()
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    nominated = peer_nominate(scorecard=card, reviewer=team.peers[0], by=team.rep.user)
    peer_decide(review=nominated, approve=False, by=team.lead.user)
    invited, _token = customer_invite(
        scorecard=card, customer=team.company.customer_bj, by=team.rep.user
    )
    customer_invitation_revoke(review=invited, by=team.rep.user)
    client = login(team.lead)
    client.cookies["django_language"] = "en"
    page = client.get(f"/assessment/card/{card.pk}/").content.decode()
    reviewers = re.search(r'data-testid="reviewers">(.*?)</ul>', page, re.S)
    assert reviewers is not None
    states = re.findall(r'<span class="small text-muted">([^<]*)</span>', reviewers.group(1))
    assert sorted(states) == ["Declined", "Revoked"]


def test_a_manager_who_has_not_reviewed_yet_reads_as_such_not_as_too_few_answers(
    team, open_cycle, login
):
    # The three-answer threshold hides peers and customers; the manager's review is one
    # person's, shown once given. Before it, the card said "fewer than 3 answers".
    compile_messages()
    cycle = open_cycle()
    scorecard_compute(cycle=cycle, by=team.company.finance.user)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(team.lead)
    page = client.get(f"/assessment/card/{card.pk}/").content.decode()
    assert '上级评价：<span class="text-muted" data-testid="not-reviewed">尚未评价' in page
    assert '上级评价：<span class="text-muted">不足 3 份' not in page
    assert '同事互评：<span class="text-muted">不足 3 份，不显示' in page
    client.cookies["django_language"] = "en"
    page = client.get(f"/assessment/card/{card.pk}/").content.decode()
    assert "not reviewed yet" in page


def test_a_tampered_id_in_a_cycle_form_is_not_found_not_a_server_error(team, open_cycle, login):
    """The peer, customer, session and calibration forms post ids from their own lists; a word,
    a negative or a number past the database's range in their place finds nothing (it once
    reached the query and failed)."""
    finance = team.company.finance
    cycle = _to(open_cycle(), CycleStep.CALIBRATION, finance.user)
    session = calibration_open(cycle=cycle, node=team.company.north, by=finance.user)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    runner = login(finance)
    for bad in ("abc", "-1", "99999999999999999999", "１"):
        assert (
            runner.post(f"/assessment/cycles/{cycle.pk}/do/session/", {"node": bad}).status_code
            == 404
        )
        changed = runner.post(
            f"/assessment/sessions/{session.pk}/do/change/",
            {"scorecard": bad, "grade": "B", "reason": "x"},
        )
        assert changed.status_code == 404
        for action, field in (("nominate", "reviewer"), ("invite", "customer")):
            posted = login(team.rep).post(f"/assessment/card/{card.pk}/{action}/", {field: bad})
            assert posted.status_code == 404, (action, bad)


def test_in_self_review_the_rep_sees_their_items_with_the_figures_so_far_and_what_to_rate(
    team, open_cycle, login
):
    # A new company's first cycle: opened, nobody has recomputed anything. The rep's card
    # and self-review show what they are assessed on — the measured items already computed,
    # the rated items they fill — not an empty card and a bare comment box.
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    assert card.lines.count() == 4
    client = login(team.rep)
    page = client.get(f"/assessment/card/{card.pk}/").content.decode()
    assert page.count('class="list-group-item"') >= 4
    assert '实际 <span class="num" title="93,000.00">9.30万</span>' in page  # so far
    assert 'data-testid="so-far"' in page
    assert '<div class="fs-5 fw-bold" data-testid="total">—</div>' in page  # no total yet
    form = client.get(f"/assessment/review/{review_of(cycle, team.rep, team.rep).pk}/")
    html = form.content.decode()
    assert html.count('data-testid="review-line"') == 4
    assert "9.30万</span> · 完成率" in html
    assert "请在下方打分" in html
    assert f'name="item_{team.item("沟通能力").pk}"' in html
    assert 'data-testid="nothing-to-rate"' not in html


def test_a_self_review_with_nothing_to_rate_says_so_beside_the_items(team, open_cycle, login):
    for name in ("沟通能力", "团队协作"):
        item = team.item(name)
        item.group_weights = {"manager": "100"}
        item.save()
    cycle = open_cycle()
    html = (
        login(team.rep)
        .get(f"/assessment/review/{review_of(cycle, team.rep, team.rep).pk}/")
        .content.decode()
    )
    assert html.count('data-testid="review-line"') == 4
    assert "由以下评价人打分：上级评价" in html
    assert 'data-testid="nothing-to-rate"' in html
    assert 'name="item_' not in html


def test_a_peer_reviewing_does_not_see_the_colleagues_figures(team, open_cycle, login):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    peer = team.peers[0]
    peer_nominate(scorecard=card, reviewer=peer, by=team.lead.user)
    html = login(peer).get(f"/assessment/review/{review_of(cycle, team.rep, peer).pk}/")
    assert 'data-testid="review-lines"' not in html.content.decode()
    assert "9.30万" not in html.content.decode()


def test_the_weight_spread_note_reaches_who_can_act_at_the_step_it_matters(team, open_cycle, login):
    # No peer or customer answers, no manager review yet. In self-review that is nobody's
    # concern; while reviews are given the card's leaders are told what will happen; once
    # scored it explains the score to them, and to the person from the feedback step.
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    url = f"/assessment/card/{card.pk}/"
    rep, lead = team.rep, team.lead

    def notes(reader):
        page = login(reader).get(url).content.decode()
        return ('data-testid="reweighted"' in page, 'data-testid="reweighted-pending"' in page)

    assert notes(rep) == (False, False)
    assert notes(lead) == (False, False)
    runner = team.company.finance.user
    cycle = _to(cycle, CycleStep.REVIEWS, runner)
    assert notes(rep) == (False, False)
    assert notes(lead) == (False, True)
    assert (
        "评价截止时仍不足的，其权重将按比例分配给其他评价人"
        in login(lead).get(url).content.decode()
    )
    cycle = _to(cycle, CycleStep.PROPOSAL, runner)
    assert notes(rep) == (False, False)
    assert notes(lead) == (True, False)
    cycle = _to(cycle, CycleStep.FEEDBACK, runner)
    assert notes(rep) == (True, False)


def test_while_reviews_are_given_the_cycle_page_says_who_still_owes_them(team, open_cycle, login):
    """Its owner reads per reviewer group what is in and what is owed, and the reviewers who
    owe most, to chase them before the step closes; once the reviews close it is gone."""
    from salestarget.assessment.queries.review_progress import review_progress

    finance = team.company.finance
    cycle = open_cycle()
    owed_self = Review.objects.filter(scorecard__cycle=cycle, group="self").count()
    owed_lead = Review.objects.filter(
        scorecard__cycle=cycle, group="manager", reviewer=team.lead
    ).count()
    assert owed_self >= 4
    assert owed_lead >= 1
    client = login(finance)
    page = client.get(f"/assessment/cycles/{cycle.pk}/").content.decode()
    assert 'data-testid="review-progress"' in page
    before = review_progress(cycle)
    assert {g.group: (g.submitted, g.owed) for g in before.groups}["self"] == (0, owed_self)
    assert team.lead.name in page[page.index('data-testid="owing"') :]
    review_submit(
        review=review_of(cycle, team.rep, team.lead),
        answers=rate(team, None, 4, 4),
        by=team.lead.user,
    )
    after = {g.group: (g.submitted, g.owed) for g in review_progress(cycle).groups}
    manager_before = {g.group: (g.submitted, g.owed) for g in before.groups}["manager"]
    assert after["manager"] == (manager_before[0] + 1, manager_before[1] - 1)
    owing = {o.name: o.owed for o in review_progress(cycle).owing}
    assert owing.get(team.lead.name, 0) == owed_lead - 1
    client.cookies["django_language"] = "en"
    english = client.get(f"/assessment/cycles/{cycle.pk}/").content.decode()
    assert "Reviews so far" in english
    assert "still owe" in english or "still owes" in english
    closed = _to(cycle, CycleStep.PROPOSAL, finance.user)
    assert 'data-testid="review-progress"' not in (
        client.get(f"/assessment/cycles/{closed.pk}/").content.decode()
    )
