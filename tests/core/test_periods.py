from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salestarget.core.periods import FiscalCalendar, Period, PeriodCodeError, PeriodKind

GREGORIAN = FiscalCalendar()
APRIL = FiscalCalendar(year_start_month=4)


def labels(periods: list[Period]) -> list[str]:
    return [p.label for p in periods]


def test_a_calendar_year_and_its_parts():
    year = GREGORIAN.year(2026)
    assert (year.start, year.end, year.label, year.days) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        "FY2026",
        365,
    )
    assert labels(year.children(PeriodKind.HALF)) == ["FY2026-H1", "FY2026-H2"]
    assert labels(year.children(PeriodKind.QUARTER)) == [f"FY2026-Q{q}" for q in range(1, 5)]
    assert labels(year.children(PeriodKind.MONTH))[:3] == ["2026-01", "2026-02", "2026-03"]


def test_a_fiscal_year_starting_in_april_is_named_by_its_first_calendar_year():
    year = APRIL.year(2026)
    assert (year.start, year.end) == (date(2026, 4, 1), date(2027, 3, 31))
    q4 = APRIL.quarter(2026, 4)
    assert (q4.start, q4.end, q4.label) == (date(2027, 1, 1), date(2027, 3, 31), "FY2026-Q4")
    assert APRIL.fiscal_year_of(date(2027, 2, 10)) == 2026
    assert APRIL.period_of(PeriodKind.QUARTER, date(2026, 8, 15)).label == "FY2026-Q2"
    assert APRIL.period_of(PeriodKind.HALF, date(2027, 3, 31)).label == "FY2026-H2"
    assert labels(q4.children(PeriodKind.MONTH)) == ["2027-01", "2027-02", "2027-03"]
    # Period.children works out the fiscal start from the period itself.
    assert labels(APRIL.half(2026, 2).children(PeriodKind.QUARTER)) == ["FY2026-Q3", "FY2026-Q4"]


def test_a_month_splits_into_weeks_clipped_at_its_edges():
    march = GREGORIAN.parse("2026-03")
    weeks = march.children(PeriodKind.WEEK)
    assert labels(weeks) == [
        "2026-03/2026-W09",
        "2026-W10",
        "2026-W11",
        "2026-W12",
        "2026-W13",
        "2026-03/2026-W14",
    ]
    assert weeks[0].days == 1
    assert weeks[0].is_clipped
    assert not weeks[1].is_clipped
    assert sum(w.days for w in weeks) == march.days


def test_iso_weeks_belong_to_their_iso_year():
    week = GREGORIAN.period_of(PeriodKind.WEEK, date(2025, 12, 31))
    assert (week.label, week.start, week.end) == ("2026-W01", date(2025, 12, 29), date(2026, 1, 4))
    year_weeks = GREGORIAN.year(2026).children(PeriodKind.WEEK)
    assert year_weeks[0].label == "2026-01/2026-W01"
    assert year_weeks[0].start == date(2026, 1, 1)


def test_codes_parse_back_to_the_same_period():
    codes = [
        "FY2026",
        "FY2026-H2",
        "FY2026-Q3",
        "2026-02",
        "2026-W05",
        "2020-W53",
        "2026-03/2026-W14",
        "2024-02-29",
    ]
    for code in codes:
        assert APRIL.parse(code).label == code
    assert APRIL.parse(" FY2026-Q1 ") == APRIL.quarter(2026, 1)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2026Q1", "unknown period code"),
        ("FY2026-Q5", "quarters Q1 to Q4"),
        ("FY2026-H3", "halves H1 and H2"),
        ("2026-13", "month 13 does not exist"),
        ("2026-W54", "no ISO week 54"),
        ("2025-W53", "no ISO week 53"),
        ("2026-02-30", "not a real date"),
        ("2026-03/2026-W10", "its code is 2026-W10"),
        ("2026-03/2026-W20", "not in 2026-03"),
    ],
)
def test_bad_codes_say_what_is_wrong(code: str, message: str):
    with pytest.raises(PeriodCodeError, match=message):
        GREGORIAN.parse(code)


def test_splitting_into_a_coarser_kind_is_refused():
    with pytest.raises(ValueError, match="cannot split a month"):
        GREGORIAN.parse("2026-03").children(PeriodKind.QUARTER)
    with pytest.raises(ValueError, match="cannot split a week"):
        GREGORIAN.subperiods(GREGORIAN.parse("2026-W10"), PeriodKind.MONTH)
    with pytest.raises(ValueError, match="not aligned"):
        APRIL.subperiods(GREGORIAN.year(2026), PeriodKind.QUARTER)


def test_shift_and_year_ago():
    assert APRIL.shift(APRIL.quarter(2026, 4), 1).label == "FY2027-Q1"
    assert APRIL.shift(APRIL.quarter(2026, 1), -1).label == "FY2025-Q4"
    assert GREGORIAN.shift(GREGORIAN.parse("2026-12"), 2).label == "2027-02"
    assert GREGORIAN.shift(GREGORIAN.parse("2025-W52"), 2).label == "2026-W02"
    assert GREGORIAN.year_ago(GREGORIAN.parse("2026-03")).label == "2025-03"
    assert GREGORIAN.year_ago(GREGORIAN.parse("2024-02-29")).label == "2023-02-28"
    assert GREGORIAN.year_ago(GREGORIAN.parse("2021-W05")).label == "2020-W05"
    assert GREGORIAN.year_ago(GREGORIAN.parse("2021-W52")).label == "2020-W52"
    assert GREGORIAN.year_ago(GREGORIAN.parse("2026-W53")).label == "2025-W52"
    with pytest.raises(ValueError, match="clipped week"):
        GREGORIAN.shift(GREGORIAN.parse("2026-03/2026-W14"), 1)


KINDS_BELOW_YEAR = [
    PeriodKind.HALF,
    PeriodKind.QUARTER,
    PeriodKind.MONTH,
    PeriodKind.WEEK,
    PeriodKind.DAY,
]


@given(
    start_month=st.integers(1, 12),
    fiscal_year=st.integers(1990, 2090),
    kind=st.sampled_from(KINDS_BELOW_YEAR),
)
def test_children_tile_the_parent_and_round_trip_through_their_codes(
    start_month, fiscal_year, kind
):
    calendar = FiscalCalendar(start_month)
    year = calendar.year(fiscal_year)
    children = year.children(kind)
    assert children[0].start == year.start
    assert children[-1].end == year.end
    for before, after in itertools.pairwise(children):
        assert after.start == before.end + timedelta(days=1)
    for child in children[:: max(1, len(children) // 12)]:
        assert calendar.parse(child.label) == child
        assert child.kind is kind


@given(
    start_month=st.integers(1, 12),
    day=st.dates(date(1990, 1, 1), date(2090, 12, 31)),
    kind=st.sampled_from(list(PeriodKind)),
)
def test_period_of_contains_the_day(start_month, day, kind):
    calendar = FiscalCalendar(start_month)
    period = calendar.period_of(kind, day)
    assert period.contains(day)
    assert calendar.parse(period.label) == period
    assert calendar.shift(calendar.shift(period, 3), -3) == period
