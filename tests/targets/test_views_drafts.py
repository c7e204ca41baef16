"""The draft pages: a rep fills their draft and the manager reviews it inline; outsiders do not see a round."""

from __future__ import annotations

from salestarget.targets.services.drafts import round_open


def test_rep_fills_the_draft_form_and_the_manager_reviews_inline(
    company, rep_two, team_target, login, client
) -> None:
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    rep_page = login(company.rep).get(f"/targets/rounds/{rnd.pk}/")
    assert "提交草案" in rep_page.content.decode()
    response = client.post(
        f"/targets/rounds/{rnd.pk}/",
        {
            "base_value": "50000",
            "challenge_value": "60000",
            "obstacles": "渠道库存高",
            "resources": "促销品",
        },
    )
    assert response.status_code == 302
    client.logout()

    manager = login(company.team_lead)
    review = manager.get(f"/targets/rounds/{rnd.pk}/").content.decode()
    assert "渠道库存高" in review
    assert "促销品" in review
    assert "60,000.00" in review
    draft = rnd.drafts.get(person=company.rep)
    row = manager.post(
        f"/targets/drafts/{draft.pk}/review/", {"action": "accept"}, headers={"HX-Request": "true"}
    )
    html = row.content.decode()
    assert 'id="draft-' in html
    assert "已接受" in html
    assert 'hx-swap-oob="true"' in html


def test_outsiders_do_not_see_a_round(company, rep_two, team_target, login, client) -> None:
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    assert login(company.rep_other).get(f"/targets/rounds/{rnd.pk}/").status_code == 404
    client.logout()
    assert login(company.manager_east).get(f"/targets/rounds/{rnd.pk}/").status_code == 404
