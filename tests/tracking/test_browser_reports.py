"""What the reports and notifications say, in a real browser at phone and desk widths, in both
languages: the battle report's attainment ranking and share image link, a flagged outlier in
the good news, and an alert card read in English. Screenshots: var/screenshots/ (look at them).
"""

from __future__ import annotations

import pytest

from salestarget.org.models import CompanySettings
from salestarget.tracking.services.alerts import tracking_alerts
from salestarget.tracking.services.news import good_news_detect
from tests.browser import language_choose, screenshot
from tests.tracking.conftest import AT

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def english(page) -> None:
    page.goto(f"{page.live_url}/")
    language_choose(page, "en")
    page.wait_for_function("document.documentElement.lang === 'en'")


def test_battle_report_news_and_alerts_in_both_languages(
    browser_page, live_login, company, june_sales, june_plan
):
    june_plan(weights=("45", "155"))  # 王小明 45,000: reached; 华东's people behind
    settings = CompanySettings.current()
    settings.outlier_achievement_bound = 99  # 100% counts as absurd here: flagged, not celebrated
    settings.save()
    good_news_detect(at=AT)
    tracking_alerts(at=AT)
    page = live_login(company.director)
    for language in ("zh", "en"):
        if language == "en":
            english(page)
        for name, size in (("phone", PHONE), ("desk", DESK)):
            page.set_viewport_size(size)
            page.goto(f"{page.live_url}/tracking/battle/?week=2026-W25&at={AT}")
            table = page.locator("[data-testid=attainment-people]")
            assert table.is_visible()
            assert "陈小红" in table.inner_text()
            assert "王小明" in page.inner_text("[data-testid=attainment-outliers]")
            assert page.locator("[data-testid=battle-png]").is_visible()
            screenshot(page, f"reports-battle-{language}-{name}")
            page.goto(f"{page.live_url}/tracking/news/")
            flagged = page.locator("[data-outlier]")
            assert flagged.count() >= 1
            assert flagged.first.locator("[data-testid=outlier]").is_visible()
            screenshot(page, f"reports-news-{language}-{name}")
            assert fits(page), f"news {language} {name}"
            page.goto(f"{page.live_url}/notifications/")
            screenshot(page, f"reports-notifications-{language}-{name}")
            assert fits(page), f"notifications {language} {name}"
    cards = page.locator("[data-testid=notification]").all_inner_texts()
    assert any("Behind" in c and "achievement" in c for c in cards), cards
    assert not browser_page.console_errors
