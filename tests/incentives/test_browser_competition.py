"""In a real browser on a phone (390×844): the rep opens the June competition's leaderboard
and sees their own standing; the east manager sees their people; finance announces the
results and the rep finds them in the good-news feed (喜报).
Screenshots land in var/screenshots/incentives-competition-*.png."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from salestarget.incentives.services.competitions import competition_save
from tests.browser import screenshot
from tests.incentives.test_browser_statement import no_page_scroll

pytestmark = pytest.mark.browser


def test_the_leaderboard_on_a_phone_and_the_results_as_good_news(
    browser_page, live_login, june
) -> None:
    contest = competition_save(
        by=june.finance.user,
        name="六月冲刺赛",
        metric="revenue",
        starts=dt.date(2026, 6, 1),
        ends=dt.date(2026, 6, 20),
        node=june.root,
        prizes=["3000", "1000"],
        threshold=Decimal(150_000),
        threshold_prize=Decimal(500),
    )
    browser_page.set_viewport_size({"width": 390, "height": 844})
    page = live_login(june.rep)
    page.goto(f"{page.live_url}/incentives/competitions/")
    page.click("[data-testid=competitions] a")
    own = page.inner_text("[data-testid=own-standing]")
    assert "第 1 名 / 2" in own
    assert "12.50万" in own
    assert "距达标线还差 2.50万" in own
    assert page.locator('[data-testid=own-standing] span.num[title="125,000.00"]').count() >= 1
    assert "越高越好" in page.inner_text("[data-testid=direction]")
    assert "陈小红" not in page.inner_text("body")
    no_page_scroll(page)
    screenshot(page, "incentives-competition-rep-phone")

    page.context.clear_cookies()
    page = live_login(june.finance)
    page.goto(f"{page.live_url}/incentives/competitions/{contest.pk}/")
    rows = page.inner_text("[data-testid=standings]")
    assert rows.index("王小明") < rows.index("陈小红")
    no_page_scroll(page)
    screenshot(page, "incentives-competition-finance-phone")
    page.click("[data-testid=announce]")
    page.wait_for_selector("text=已发布 2 条喜报")

    page.context.clear_cookies()
    page = live_login(june.rep)
    page.goto(f"{page.live_url}/tracking/news/")
    assert "王小明 在「六月冲刺赛」中获得第 1 名！" in page.inner_text("[data-testid=news]")
    no_page_scroll(page)
    screenshot(page, "incentives-competition-news-phone")
    assert browser_page.console_errors == []
