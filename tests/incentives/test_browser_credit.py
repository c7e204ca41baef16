"""In a real browser: finance shares an order's credit on the split-credit page (a bad sum is
named first), and the rep reads his share on a phone (390×844) without sideways scrolling.
Screenshots land in var/screenshots/incentives-credit-*.png."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser import screenshot
from tests.incentives.test_browser_statement import no_page_scroll
from tests.tracking.conftest import sell

pytestmark = pytest.mark.browser


def test_finance_splits_an_order_and_the_rep_reads_his_share_on_a_phone(
    browser_page, live_login, june
) -> None:
    sale = sell(june, dt.date(2026, 6, 9), "10000.01")
    sale.order_no = "SO-2026-0609-长单号-000123"
    sale.save()
    page = live_login(june.finance)
    page.goto(f"{page.live_url}/incentives/credit/")
    page.click("text=设置订单分成")
    form = page.locator("[data-testid=credit-form]")
    form.locator("[name=order_no]").fill(sale.order_no)
    form.locator("[name=shares]").fill("REP 60%\nREP_OTHER 30%")
    form.locator("button").click()
    assert "分成比例合计为 90%，应为 100%" in page.inner_text("[data-testid=credit-form]")
    screenshot(page, "incentives-credit-refused")
    form = page.locator("[data-testid=credit-form]")
    form.locator("[name=shares]").fill("REP 60%\nREP_OTHER 40%")
    form.locator("button").click()
    page.wait_for_selector("[data-testid=credit-share]")
    shares = page.inner_text("[data-testid=credit-orders]")
    assert "6,000.01" in shares  # largest remainder: the odd cent goes to the larger share
    assert "4,000.00" in shares

    page.context.clear_cookies()
    browser_page.set_viewport_size({"width": 390, "height": 844})
    page = live_login(june.rep)
    page.goto(f"{page.live_url}/incentives/credit/")
    text = page.inner_text("[data-testid=credit-orders]")
    assert sale.order_no in text
    assert "60.00%" in text
    assert page.locator("[data-testid=credit-form]").count() == 0
    no_page_scroll(page)
    screenshot(page, "incentives-credit-rep-phone")
    # Only the refused form's answer (a 400, on purpose) is in the console.
    assert [e for e in browser_page.console_errors if "status of 400" not in e] == []
