"""The monthly report reads each change by its metric's direction: 费用率 falling is good news
in percentage points, revenue rising is good news in percent; the gap analysis says who is
behind in words, and a laggard's share of the shortfall is never negative."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from openpyxl import load_workbook

from salestarget.actuals.rollups import rollups_rebuild
from tests.tracking.conftest import sell, spend


def test_a_falling_expense_rate_is_good_news_in_points(company, login) -> None:
    # May: 100,000 sold, 6,520 spent (6.52%); June: 100,000 sold, 6,430 spent (6.43%).
    sell(company, dt.date(2026, 5, 10), "100000")
    spend(company, dt.date(2026, 5, 11), "6520", person=company.rep)
    sell(company, dt.date(2026, 6, 10), "100000")
    spend(company, dt.date(2026, 6, 11), "6430", person=company.rep)
    rollups_rebuild()
    page = (
        login(company.director)
        .get("/tracking/report/?kind=month&period=2026-06&at=2026-06-30")
        .content.decode()
    )
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    expense = next(r for r in rows if "费用率" in r)
    assert '<span class="text-success text-nowrap" data-tone="good">↓ -0.09 个百分点</span>' in (
        expense
    )
    revenue = next(r for r in rows if "销售额" in r and "data-tone" in r)
    assert "→" in revenue  # the same 100,000 as May: no change

    # The workbook says the same: the rate moved by -0.09 points, shown as points.
    book = login(company.director).get(
        "/tracking/report.xlsx?kind=month&period=2026-06&at=2026-06-30"
    )
    sheet = load_workbook(io.BytesIO(book.content))["报表"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "销售费用率")
    assert Decimal(str(row[3].value)) == Decimal("-0.09")
    assert "pp" in row[3].number_format

    # So does the API, saying its unit: points for the rate, a fraction for revenue.
    body = (
        login(company.director)
        .get("/api/tracking/report?kind=month&period=2026-06&at=2026-06-30")
        .json()
    )
    stats = {s["metric"]: s for s in body["stats"]}
    assert (
        Decimal(stats["expense_rate"]["vs_previous"]),
        stats["expense_rate"]["change_unit"],
    ) == (
        Decimal("-0.09"),
        "points",
    )
    assert (Decimal(stats["revenue"]["vs_previous"]), stats["revenue"]["change_unit"]) == (
        Decimal(0),
        "fraction",
    )


def test_the_gap_says_who_is_behind(company, june_sales, june_plan, login) -> None:
    june_plan()
    page = login(company.director).get("/tracking/gap/?at=2026-06-30&period=2026-06").content
    html = page.decode()
    assert "占未完成部分" in html
    assert "占总差距" not in html
    shares = re.findall(r'data-testid="gap-share">([^<]+)<', html)
    assert shares
    assert all(not s.startswith("-") for s in shares)
    assert re.search(r'data-tone="bad">落后 ', html)


def test_the_dashboard_says_behind_in_words(company, june_sales, june_plan, login):
    june_plan()
    html = login(company.rep).get("/tracking/?period=2026-06").content.decode()
    gap = re.search(r'data-testid="kpi-gap">(.*?)</span> ·', html, re.S).group(1)
    # 50,000 sold by the 20th of 100,000 expected by the month's end: 16,666.67 short of the
    # two thirds due, said as "behind" in red, never as a bare sign.
    assert 'data-tone="bad"' in gap
    assert "落后 " in gap
    assert 'title="16,666.67"' in gap
    assert "-" not in re.sub(r"<[^>]+>", "", gap)
