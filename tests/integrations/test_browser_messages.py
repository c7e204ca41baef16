"""In a real browser: the rep opens 消息设置 from his name's menu on a phone (390 px), takes
进度落后预警 as a DingTalk work notice with quiet hours, saves; then reads the page in
English at a desk (1440 px). Screenshots: var/screenshots/integrations-messages-*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from salestarget.integrations.models import MessageChoice, MessageSettings, WorkApp
from tests.browser import language_choose, menu_unfold, screenshot
from tests.incentives.test_browser_statement import no_page_scroll

pytestmark = pytest.mark.browser


def test_a_rep_chooses_his_channels_on_a_phone_and_reads_them_in_english_at_a_desk(
    browser_page, live_login, company
) -> None:
    WorkApp.objects.create(kind="dingtalk", app_key="k", app_secret="s", agent_id=2001)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    page = live_login(company.rep)
    menu_unfold(page)
    link = page.locator("[data-testid=my-messages]")
    for _ in range(5):  # the user's menu opens by script: open it until the entry shows
        if link.is_visible():
            break
        page.click("[data-testid=whoami]")
        try:
            link.wait_for(state="visible", timeout=3000)
        except PlaywrightTimeout:
            continue
    with page.expect_navigation():
        link.click()
    page.locator("[name=channel_tracking_alert]").select_option("dingtalk")
    page.locator("[name=quiet_start]").fill("22:00")
    page.locator("[name=quiet_end]").fill("08:00")
    with page.expect_navigation():
        page.click("[data-testid=message-save]")
    assert "消息设置已保存" in page.inner_text("body")
    choice = MessageChoice.objects.get(user=company.rep.user, kind="tracking_alert")
    assert choice.channel == "dingtalk"
    assert str(MessageSettings.objects.get(user=company.rep.user).quiet_end) == "08:00:00"
    no_page_scroll(page)
    screenshot(page, "integrations-messages-phone")

    browser_page.set_viewport_size({"width": 1440, "height": 900})
    language_choose(page, "en")
    assert "Message settings" in page.inner_text("h1")
    assert page.locator("[name=channel_tracking_alert]").input_value() == "dingtalk"
    assert "Falling behind alert" in page.inner_text("[data-testid=message-kinds]")
    no_page_scroll(page)
    screenshot(page, "integrations-messages-desk-en")
    assert not browser_page.console_errors
