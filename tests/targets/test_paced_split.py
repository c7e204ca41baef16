"""Planning next year in December (queries.decomposition, targets.year_ago): a split by last
year's share weighs each month by last year's facts, which stop on 20 November. November is
finished at the year before's pace for November, December takes the year before's December
at last year's pace, so December no longer gets a target of 0 (or the average of the others);
complete months keep their facts. Without a year before, or for a ratio, nothing is paced
and the figures stay marked "so far"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from salestarget.targets.queries.decomposition import DecompositionSpec, decomposition_preview
from tests.personas import Company

THROUGH = dt.date(2026, 11, 20)


def _year_before(company: Company, history, scale: Decimal = Decimal(1)) -> None:
    """FY2025, complete: 1,000 a month, November 1,000 (600 of it by the 20th), December
    2,000 — 13,000 in all, 10,600 by 20 November."""
    rows = [{"day": dt.date(2025, m, 5), "amount": 1000 * scale} for m in range(1, 11)]
    rows += [
        {"day": dt.date(2025, 11, 10), "amount": 600 * scale},
        {"day": dt.date(2025, 11, 25), "amount": 400 * scale},
        {"day": dt.date(2025, 12, 5), "amount": 2000 * scale},
    ]
    _sold(company, history, rows, scale)


def _last_year_so_far(company: Company, history, scale: Decimal = Decimal(1)) -> None:
    """FY2026 to 20 November: 1,250 a month, November 750 by the 20th — 13,250, a quarter
    ahead of the year before's 10,600 to the same day."""
    rows = [{"day": dt.date(2026, m, 5), "amount": 1250 * scale} for m in range(1, 11)]
    rows += [
        {"day": dt.date(2026, 11, 10), "amount": 450 * scale},
        {"day": THROUGH, "amount": 300 * scale},
    ]
    _sold(company, history, rows, scale)


def _sold(company: Company, history, rows: list[dict], scale: Decimal) -> None:
    person = company.rep if scale == 1 else company.rep_other
    history([{**r, "amount": str(r["amount"]), "person": person} for r in rows])


def _by_month(company: Company, plan, method: str = "history", **spec):
    return decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("month",), method=method, **spec),
        by=company.director.user,
    )


@pytest.fixture
def december(company: Company, history) -> None:
    _year_before(company, history)
    _last_year_so_far(company, history)


def test_planning_fy2027_by_last_years_months_gives_december_its_paced_share(
    company, revenue_plan, december
) -> None:
    """Weights: ten months of 1,250, November 750 × 1,000 ÷ 600 = 1,250, December 2,000 ×
    13,250 ÷ 10,600 = 2,500 — 16,250 in all, so 32,500 gives December 5,000."""
    plan = revenue_plan("32500", period="FY2027", name="2027 销售额")
    preview = _by_month(company, plan)
    assert preview.last_year_through == THROUGH
    rows = {r.label: r for r in preview.rows}
    assert rows["2027-12"].value == Decimal("5000.00")
    assert rows["2027-12"].last_year == Decimal("2500.00")
    assert (rows["2027-12"].last_year_paced, rows["2027-12"].last_year_so_far) == (True, None)
    assert rows["2027-11"].value == Decimal("2500.00")  # finished, not two-thirds of a month
    assert rows["2027-11"].last_year == Decimal("1250.00")
    assert rows["2027-11"].last_year_so_far == Decimal("750")
    assert rows["2027-11"].growth == Decimal(1)
    for month in range(1, 11):  # complete months keep their facts, unmarked
        row = rows[f"2027-{month:02d}"]
        assert (row.value, row.last_year, row.last_year_paced) == (
            Decimal("2500.00"),
            Decimal("1250"),
            False,
        )
    assert not preview.any_partial
    assert preview.last_year_total == Decimal("16250.00")
    assert sum(r.value for r in preview.rows) == Decimal("32500.00")


def test_a_quarter_half_way_through_is_finished_at_the_year_befores_pace_for_it(
    company, revenue_plan, december
) -> None:
    """Q4 2026 so far (October and November to the 20th) 2,000; the year before's Q4 4,000,
    1,600 of it by 20 November: 2,000 × 4,000 ÷ 1,600 = 5,000."""
    plan = revenue_plan("16250", period="FY2027", name="2027 销售额")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("quarter",), method="history"),
        by=company.director.user,
    )
    assert [(r.last_year, r.last_year_paced) for r in preview.rows] == [
        (Decimal("3750"), False),
        (Decimal("3750"), False),
        (Decimal("3750"), False),
        (Decimal("5000.00"), True),
    ]
    assert [r.value for r in preview.rows] == [Decimal("3750.00")] * 3 + [Decimal("5000.00")]


def test_a_seasonal_split_finishes_last_years_months_the_same_way(
    company, revenue_plan, december
) -> None:
    plan = revenue_plan("32500", period="FY2027", name="2027 销售额")
    preview = _by_month(company, plan, method="seasonality", history_years=1)
    values = {r.label: r.value for r in preview.rows}
    assert values["2027-12"] == Decimal("5000.00")
    assert values["2027-11"] == Decimal("2500.00")
    assert values["2027-01"] == Decimal("2500.00")
    assert any("2026-11-20" in n and "前年同月的进度" in n for n in preview.notes)


def test_a_team_by_month_table_paces_each_team_by_its_own_year(
    company, revenue_plan, history
) -> None:
    """华北 sells the pattern above, 华东 half of it: each team's December is its year
    before's December at its own pace, and so is the month's column."""
    for scale in (Decimal(1), Decimal("0.5")):
        _year_before(company, history, scale)
        _last_year_so_far(company, history, scale)
    plan = revenue_plan("48750", period="FY2027", name="2027 销售额")
    preview = decomposition_preview(
        target=plan.root,
        spec=DecompositionSpec(axes=("org", "month"), method="history", column_method="history"),
        by=company.director.user,
    )
    rows = {r.label: r for r in preview.rows}
    north_december = rows["华北"].cells[-1]
    east_december = rows["华东"].cells[-1]
    assert (north_december.last_year, north_december.last_year_paced) == (Decimal("2500.00"), True)
    assert (east_december.last_year, east_december.last_year_paced) == (Decimal("1250.00"), True)
    december = preview.columns[-1]
    assert (december.last_year, december.last_year_paced) == (Decimal("3750.00"), True)
    assert december.value == Decimal("7500.00")  # 48,750 × 3,750 ÷ 24,375
    assert north_december.value + east_december.value == december.value
    # The team's whole year: 13,250 so far × 13,000 ÷ 10,600.
    assert (rows["华北"].last_year, rows["华北"].last_year_paced) == (Decimal("16250.00"), True)


def test_the_year_before_is_read_in_the_same_pass_whatever_the_number_of_rows(
    company, revenue_plan, december
) -> None:
    """Four quarters, twelve months, or two teams by twelve months: the year-ago spans, the
    year before's and the pace windows are one read, not a query per row."""
    plan = revenue_plan("16250", period="FY2027", name="2027 销售额")
    counts = []
    for axes in (("quarter",), ("month",), ("org", "month")):
        with CaptureQueriesContext(connection) as queries:
            decomposition_preview(
                target=plan.root,
                spec=DecompositionSpec(axes=axes, method="history", column_method="history"),
                by=company.director.user,
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[2] <= counts[1] + 3  # the second axis's members, not its cells


def test_without_a_year_before_last_year_stays_so_far_and_marked(
    company, revenue_plan, history
) -> None:
    """Nothing to pace by: November is its 750 so far, marked, and December, with no facts,
    takes the average of the others as before."""
    _last_year_so_far(company, history)
    plan = revenue_plan("32500", period="FY2027", name="2027 销售额")
    preview = _by_month(company, plan)
    rows = {r.label: r for r in preview.rows}
    assert (rows["2027-11"].last_year, rows["2027-11"].last_year_partial) == (Decimal("750"), True)
    assert rows["2027-12"].last_year is None
    assert not preview.any_paced
    assert rows["2027-11"].value < rows["2027-01"].value  # the short share of before
    assert any("平均值" in n for n in preview.notes)


@pytest.mark.parametrize("metric", ["return_rate", "new_customers"])
def test_a_ratio_or_a_distinct_count_is_marked_not_paced(
    company, revenue_plan, december, metric
) -> None:
    plan = revenue_plan("10", period="FY2027", name="2027", metric=metric)
    preview = _by_month(company, plan)
    rows = {r.label: r for r in preview.rows}
    assert rows["2027-11"].last_year_partial
    assert not preview.any_paced


@pytest.mark.parametrize(
    ("language", "heading", "note", "shares"),
    [
        (
            "zh-hans",
            "去年同期（† 截至 2026-11-20 的实绩按前年同期进度推算）",
            "标 † 的去年数按前年同期进度推算至期末",
            "按去年同期占比分解用的也是推算后的数",
        ),
        (
            "en",
            "Same period last year († facts to 2026-11-20, finished at the year before's pace)",
            "a last-year figure marked † is finished at the year before's pace",
            "The split by last year's share weighs the finished figures too",
        ),
    ],
)
def test_the_page_and_the_api_say_which_figures_are_paced(
    company, revenue_plan, december, login, language, heading, note, shares
) -> None:
    plan = revenue_plan("32500", period="FY2027", name="2027 销售额")
    client = login(company.director)
    client.cookies["django_language"] = language
    url = reverse("targets:decompose", args=[plan.root.pk])
    page = client.post(url, {"axis": "month", "method": "history"}).content.decode()
    assert heading in page
    assert note in page
    assert shares in page
    assert page.count('data-testid="paced-mark"') == 2  # November and December
    assert 'data-testid="partial-year"' not in page  # nothing is left "so far"
    even = client.post(url, {"axis": "month", "method": "equal"}).content.decode()
    assert note in even
    assert shares not in even
    api = client.post(
        f"/api/targets/targets/{plan.root.pk}/decompose/preview",
        {"axes": ["month"], "method": "history"},
        content_type="application/json",
    ).json()
    assert api["last_year_through"] == "2026-11-20"
    rows = {r["label"]: r for r in api["rows"]}
    december = rows["2027-12"]
    assert (Decimal(december["last_year"]), december["last_year_paced"]) == (2500, True)
    assert december["last_year_so_far"] is None
    assert Decimal(december["value"]) == 5000
    assert Decimal(rows["2027-11"]["last_year_so_far"]) == 750
    assert not rows["2027-01"]["last_year_paced"]
    assert not any(r["last_year_partial"] for r in api["rows"])
