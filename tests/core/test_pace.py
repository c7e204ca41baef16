"""Last year finished at the year before's pace (core.pace): the arithmetic behind the plan
form's proposal and a December split by last year's share."""

from __future__ import annotations

from decimal import Decimal

from salestarget.core.pace import paced, paced_unstarted


def test_a_month_two_thirds_there_is_finished_as_the_year_before_finished_it() -> None:
    # 750 by the 20th; the year before sold 600 of its 1,000 by the 20th.
    assert paced(Decimal(750), Decimal(1000), Decimal(600)) == Decimal(1250)


def test_a_month_with_no_facts_yet_takes_the_year_before_at_last_years_pace() -> None:
    # The year before's December 2,000; last year 13,250 to 20 November against 10,600.
    assert paced_unstarted(Decimal(2000), Decimal(13250), Decimal(10600)) == Decimal(2500)


def test_nothing_to_pace_by_gives_no_figure() -> None:
    assert paced(Decimal(750), None, Decimal(600)) is None
    assert paced(Decimal(750), Decimal(1000), Decimal(0)) is None
    assert paced(Decimal(750), Decimal(1000), Decimal(-5)) is None  # returns above sales
    assert paced(None, Decimal(1000), Decimal(600)) is None
    assert paced_unstarted(None, Decimal(13250), Decimal(10600)) is None
