"""Anonymity: no page or endpoint shows a peer's (or customer's) own answers to the person or
their manager; below three answers nothing of the group shows at all; a self-review stays
hidden from the manager until submitted."""

from __future__ import annotations

import pytest

from salestarget.assessment.models import Scorecard
from salestarget.assessment.services.reviews import review_submit

from .conftest import rate, review_of, reviewed

SECRETS = ("PEER-SECRET", "PEER-OVERALL")


def _pages(client, card):
    return [
        client.get(f"/assessment/card/{card.pk}/"),
        client.get(f"/api/assessment/scorecards/{card.pk}"),
        client.get(f"/api/assessment/scorecards?cycle={card.cycle_id}"),
    ]


@pytest.mark.parametrize("viewer", ["rep", "lead", "manager_north", "director"])
def test_two_peer_answers_show_nothing_of_the_peers_to_anyone(team, open_cycle, login, viewer):
    cycle = open_cycle()
    reviewed(team, cycle, peers_answering=2)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    who = {
        "rep": team.rep,
        "lead": team.lead,
        "manager_north": team.company.manager_north,
        "director": team.company.director,
    }[viewer]
    client = login(who)
    page, detail, listing = _pages(client, card)
    assert page.status_code == detail.status_code == listing.status_code == 200
    html = page.content.decode()
    assert "不足 3 份，不显示" in html
    for secret in SECRETS:
        for response in (page, detail, listing):
            assert secret not in response.content.decode()
    peers = [g for line in detail.json()["lines"] for g in line["groups"] if g["group"] == "peer"]
    assert peers
    assert all(g == {"group": "peer", "answers": 0, "mean": None} for g in peers)


def test_three_peer_answers_show_as_a_mean_and_never_one_by_one(team, open_cycle, login):
    cycle = open_cycle()
    reviewed(team, cycle, peers_answering=3)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    for who in (team.rep, team.lead):
        client = login(who)
        page, detail, _listing = _pages(client, card)
        html = page.content.decode()
        assert "50.00" in html  # (100 + 0 + 50) / 3
        for secret in SECRETS:
            assert secret not in html
            assert secret not in detail.content.decode()
        groups = detail.json()["lines"][2]["groups"]
        assert {"group": "peer", "answers": 3, "mean": "50.00"} in groups
        # Which peer gave what is nowhere: the reviewers' names appear at most beside a
        # status, never beside a rating.
        assert "100.00" not in html


def test_peers_see_nothing_of_each_other(team, open_cycle, login):
    cycle = open_cycle()
    reviewed(team, cycle, peers_answering=3)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(team.peers[0])
    assert client.get(f"/assessment/card/{card.pk}/").status_code == 404
    assert client.get(f"/api/assessment/scorecards/{card.pk}").status_code == 404
    listing = client.get("/api/assessment/scorecards").json()
    assert {c["person_id"] for c in listing} == {team.peers[0].pk}
    other_review = review_of(cycle, team.rep, team.peers[1])
    assert client.get(f"/assessment/review/{other_review.pk}/").status_code == 404
    assert (
        client.post(
            f"/api/assessment/reviews/{other_review.pk}/submit",
            {"ratings": {}},
            content_type="application/json",
        ).status_code
        == 404
    )


def test_a_self_review_is_hidden_from_the_manager_until_submitted(team, open_cycle, login):
    cycle = open_cycle()
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(team.lead)
    assert client.get(f"/api/assessment/scorecards/{card.pk}").json()["self_review"] == {}
    review_submit(
        review=review_of(cycle, team.rep, team.rep),
        answers=rate(team, None, 5, 4),
        by=team.rep.user,
    )
    shown = client.get(f"/api/assessment/scorecards/{card.pk}").json()["self_review"]
    assert shown == {str(team.item("沟通能力").pk): 5, str(team.item("团队协作").pk): 4}


def test_no_page_document_export_or_endpoint_shows_a_peers_words(team, open_cycle, login):
    """Beyond the scorecard: its PDF in both languages, the peers' own review forms, the
    team page, the calibration session, the results and their workbook, the history and
    the API's lists, for the rep, their manager, the managers above and finance."""
    from openpyxl import load_workbook

    from salestarget.assessment.models import CycleStep, Review
    from salestarget.assessment.services.calibration import calibration_lock, calibration_open
    from salestarget.assessment.services.cycles import cycle_advance
    from tests.targets.test_documents import pdf_text

    finance = team.company.finance.user
    cycle = open_cycle()
    reviewed(team, cycle, peers_answering=3)
    while cycle.step != CycleStep.CALIBRATION:
        cycle = cycle_advance(cycle=cycle, by=finance)
    session = calibration_open(cycle=cycle, node=team.company.north, by=finance)
    calibration_lock(session=session, by=finance)
    cycle = cycle_advance(cycle=cycle, by=finance)
    assert cycle.step == CycleStep.FEEDBACK
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    peer_reviews = Review.objects.filter(scorecard=card, group="peer")
    urls = [
        f"/assessment/card/{card.pk}/",
        f"/assessment/card/{card.pk}/scorecard-zh.pdf",
        f"/assessment/card/{card.pk}/scorecard-en.pdf",
        *(f"/assessment/review/{r.pk}/" for r in peer_reviews),
        "/assessment/",
        "/assessment/team/",
        f"/assessment/sessions/{session.pk}/",
        f"/assessment/sessions/{session.pk}/chart.json",
        f"/assessment/cycles/{cycle.pk}/",
        f"/assessment/cycles/{cycle.pk}/results/",
        f"/assessment/cycles/{cycle.pk}/results.xlsx",
        f"/assessment/people/{team.rep.pk}/history/",
        f"/assessment/people/{team.rep.pk}/history.json",
        f"/api/assessment/scorecards/{card.pk}",
        f"/api/assessment/scorecards?cycle={cycle.pk}",
        f"/api/assessment/scorecards/{card.pk}/invitations",
        "/api/assessment/reviews/mine",
        "/api/assessment/grades?start=2026-04-01&end=2026-06-30",
        f"/api/assessment/people/{team.rep.pk}/history",
    ]
    company = team.company
    for who in (team.rep, team.lead, company.manager_north, company.director, company.finance):
        client = login(who)
        opened = 0
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                assert response.status_code in (302, 403, 404), (who, url)
                continue
            opened += 1
            text = _readable(response, pdf_text, load_workbook)
            for secret in SECRETS:
                assert secret not in text, (who.name, url)
        assert opened >= 3, who.name  # each of them reads something of this cycle
    # The peers' own forms stay theirs: nobody above opens them.
    for who in (team.rep, team.lead, company.manager_north, company.director):
        for review in peer_reviews:
            assert login(who).get(f"/assessment/review/{review.pk}/").status_code == 404


def _readable(response, pdf_text, load_workbook) -> str:
    """What a person reads in a response: a PDF's text, a workbook's cells, else its body."""
    import io

    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return pdf_text(response.content)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    return response.content.decode()
