"""The draft pages: a rep fills their draft and the manager reviews it inline; outsiders do not see a round."""

from __future__ import annotations

import datetime as dt

import pytest

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


@pytest.mark.parametrize(
    ("language", "so_far"),
    [
        ("zh-hans", "去年同期数据截至 2025-03-10，尚不完整"),
        ("en", "Last year's figures run only to 2025-03-10"),
    ],
)
def test_a_round_whose_last_year_is_so_far_says_so_to_the_rep_and_the_manager(
    company, rep_two, team_target, login, history, language, so_far
) -> None:
    """March 2026 drafted while last March's facts stop on the 10th: the rep's form and the
    manager's review mark last year's figures and say to which day they run."""
    history([{"day": dt.date(2025, 3, 10), "amount": "40000", "person": company.rep}])
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    for who in (company.rep, company.team_lead):
        client = login(who)
        client.cookies["django_language"] = language
        page = client.get(f"/targets/rounds/{rnd.pk}/").content.decode()
        assert so_far in page
        assert "<sup>*</sup>" in page


def test_a_round_with_last_year_and_last_period_complete_carries_no_mark(
    company, rep_two, team_target, login, history
) -> None:
    history(
        [
            {"day": dt.date(2025, 3, 10), "amount": "40000", "person": company.rep},
            {"day": dt.date(2026, 3, 1), "amount": "100", "person": company.rep},
        ]
    )
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    page = login(company.team_lead).get(f"/targets/rounds/{rnd.pk}/").content.decode()
    assert 'data-testid="partial-year"' not in page
    assert "<sup>*</sup>" not in page


def test_a_last_period_so_far_is_marked_as_such(
    company, rep_two, team_target, login, history
) -> None:
    """Facts to 10 February: last March is complete, but February (last period) is not."""
    history([{"day": dt.date(2026, 2, 10), "amount": "100", "person": company.rep}])
    rnd = round_open(target=team_target(), by=company.team_lead.user)
    page = login(company.team_lead).get(f"/targets/rounds/{rnd.pk}/").content.decode()
    assert "上期数据截至 2026-02-10，尚不完整" in page
    assert "去年同期数据截至" not in page
