"""A round of drafts for next year, opened in December: each person's last year is finished at
the year before's pace (``targets.year_ago``, the split's rule), so the growth a draft implies
is read against a whole year and not against a year stopping on 20 November."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from salestarget.targets.queries import round_review
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import draft_submit, round_open
from tests.personas import Company, account

THROUGH = dt.date(2026, 11, 20)


@pytest.fixture
def december_round(company: Company, rep_two, revenue_plan, history):
    """王小明 sold 1,000 a month in FY2025 (November 600 by the 20th, December 2,000: 13,000,
    10,600 of it by 20 November) and 13,250 in FY2026 to 20 November; 张小华 sold nothing
    before. 北京一组's FY2027 target goes to a round of drafts."""
    rows = [{"day": dt.date(2025, m, 5), "amount": "1000"} for m in range(1, 11)]
    rows += [
        {"day": dt.date(2025, 11, 10), "amount": "600"},
        {"day": dt.date(2025, 11, 25), "amount": "400"},
        {"day": dt.date(2025, 12, 5), "amount": "2000"},
    ]
    rows += [{"day": dt.date(2026, m, 5), "amount": "1250"} for m in range(1, 11)]
    rows += [
        {"day": dt.date(2026, 11, 10), "amount": "450"},
        {"day": THROUGH, "amount": "300"},
    ]
    history([{**r, "person": company.rep} for r in rows])
    plan = revenue_plan(
        "40000.00",
        period="FY2027",
        node=company.north,
        by=company.director,
        owner=company.manager_north,
    )
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("org",)),
        by=account(company.manager_north),
    )
    team = plan.root.children.get(node=company.team_bj)
    return round_open(target=team, by=company.team_lead.user)


def test_the_reps_last_year_is_finished_at_the_year_befores_pace(
    company: Company, december_round
) -> None:
    """13,250 so far × 13,000 ÷ 10,600 = 16,250: a challenge of 19,500 is 20 % growth, not
    the 47 % it reads against the year so far."""
    mine = december_round.drafts.get(person=company.rep)
    draft_submit(
        draft=mine, by=company.rep.user, base_value=Decimal(17000), challenge_value=Decimal(19500)
    )
    review = round_review(december_round)
    lines = {line.draft.person.name: line for line in review.lines}
    assert review.last_year_through == THROUGH
    assert lines["王小明"].last_year == Decimal("16250.00")
    assert (lines["王小明"].last_year_paced, lines["王小明"].last_year_so_far) == (
        True,
        Decimal(13250),
    )
    assert lines["王小明"].growth == Decimal("0.2")
    assert lines["张小华"].last_year is None
    assert review.team_last_year == Decimal("16250.00")
    assert (review.any_paced, review.any_partial) == (True, False)


@pytest.mark.parametrize(
    ("language", "note", "so_far"),
    [
        (
            "zh-hans",
            "† 去年同期数据截至 2026-11-20，标 † 的去年数按前年同期进度推算至期末",
            "* 去年同期",
        ),
        ("en", "† Last year's facts run only to 2026-11-20", "* Last year's"),
    ],
)
def test_the_rep_and_the_manager_see_the_paced_figure_and_what_it_means(
    company: Company, december_round, login, language, note, so_far
) -> None:
    """Last year is paced, and says how; last period (FY2026 too, for a year's target) is
    still its facts so far, marked as such."""
    for who in (company.rep, company.team_lead):
        client = login(who)
        client.cookies["django_language"] = language
        page = client.get(f"/targets/rounds/{december_round.pk}/").content.decode()
        assert "16,250.00" in page
        assert 'data-testid="paced-mark"' in page
        assert note in page
        assert so_far not in page  # no last-year figure is left "so far"
        client.logout()
