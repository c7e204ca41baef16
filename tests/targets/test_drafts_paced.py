"""A round of drafts for next year, opened in December: each person's last year is finished at
the year before's pace (``targets.year_ago``, the split's rule), so the growth a draft implies
is read against a whole year and not against a year stopping on 20 November."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from salestarget.targets.queries import round_review
from salestarget.targets.services.drafts import draft_submit
from tests.personas import Company

THROUGH = dt.date(2026, 11, 20)  # the last day with facts (tests/targets/conftest.py)


def test_the_reps_last_year_is_finished_at_the_year_befores_pace(
    company: Company, december_round
) -> None:
    """王小明's FY2026: 13,250 so far × 13,000 ÷ 10,600 = 16,250: a challenge of 19,500 is 20 % growth, not
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
