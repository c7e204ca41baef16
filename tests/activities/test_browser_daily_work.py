"""In a real browser: on a phone (390×844) 王小明 logs a visit in three taps and submits his
daily report; his team lead reads the team's reports at a desk (1366) and comments; back on
the phone he reads the comment. No page scrolls sideways; the log page also at 360 px.
Screenshots land in var/screenshots/activities-*.png."""

from __future__ import annotations

import pytest

from salestarget.actuals.models import Activity
from tests.browser import screenshot
from tests.incentives.test_browser_statement import no_page_scroll

pytestmark = pytest.mark.browser


def test_a_rep_logs_a_visit_reports_and_reads_the_comment_on_a_phone(
    browser_page, live_login, company
) -> None:
    browser_page.set_viewport_size({"width": 390, "height": 844})
    page = live_login(company.rep)
    page.goto(f"{page.live_url}/activities/")
    page.click("label:has-text('拜访')")  # 1. what
    page.click("label:has-text('北京客户')")  # 2. with whom
    screenshot(page, "activities-log-phone")
    no_page_scroll(page)
    page.click("[data-testid=activity-save]")  # 3. save
    # (the first write loads the import flow: slow on a loaded machine)
    page.wait_for_selector("text=已记录", timeout=90_000)
    assert "北京客户" in page.inner_text("[data-testid=today-list]")
    assert Activity.objects.get().kind == "visit"
    assert "1" in page.inner_text("[data-testid=week-counts]")

    page.goto(f"{page.live_url}/activities/report/")
    assert "拜访次数\n1" in page.inner_text("[data-testid=report-counts]")
    page.fill("[name=summary]", "拜访北京客户，介绍新品，对方有采购意向")
    page.fill("[name=plan_next]", "明天发报价单")
    page.click("[data-testid=report-submit]")
    page.wait_for_selector("[data-testid=report-submitted]", timeout=60_000)
    no_page_scroll(page)
    screenshot(page, "activities-report-phone")

    page.context.clear_cookies()
    browser_page.set_viewport_size({"width": 1366, "height": 900})
    page = live_login(company.team_lead)
    page.goto(f"{page.live_url}/activities/reports/")
    card = page.locator("[data-testid=team-report]")
    assert "对方有采购意向" in card.inner_text()
    card.locator("[name=text]").fill("报价前先和我确认折扣")
    card.locator("button").click()
    page.wait_for_selector("[data-testid=comments]", timeout=60_000)
    screenshot(page, "activities-team-reports-desk")

    page.context.clear_cookies()
    browser_page.set_viewport_size({"width": 360, "height": 780})
    page = live_login(company.rep)
    page.goto(f"{page.live_url}/activities/report/")
    assert "报价前先和我确认折扣" in page.inner_text("[data-testid=comments]")
    no_page_scroll(page)
    screenshot(page, "activities-report-comment-phone")
    page.goto(f"{page.live_url}/activities/")
    no_page_scroll(page)
    assert browser_page.console_errors == []
