"""In a real browser on a phone: the team lead adds the team's DingTalk robot (the local
stand-in checks its signature), sends a test message and reads the log; the rep makes his
calendar address in English at 414 px. Screenshots: var/screenshots/integrations-*.png."""

from __future__ import annotations

import pytest

from tests.browser import screenshot
from tests.incentives.test_browser_statement import no_page_scroll
from tests.integrations.robot_server import DINGTALK_SECRET

pytestmark = pytest.mark.browser


def test_a_team_lead_sets_up_the_groups_robot_on_a_phone(
    browser_page, live_login, company, robot_server
) -> None:
    browser_page.set_viewport_size({"width": 360, "height": 780})
    page = live_login(company.team_lead)
    page.goto(f"{page.live_url}/integrations/robots/")
    page.click("[data-testid=robot-new]")
    form = page.locator("[data-testid=robot-form]")
    form.locator("[name=node]").select_option(label="北京一组")
    form.locator("[name=name]").fill("北京一组销售群")
    form.locator("[name=kind]").select_option("dingtalk")
    form.locator("[name=url]").fill(robot_server.url("dingtalk"))
    form.locator("[name=secret]").fill(DINGTALK_SECRET)
    page.click("[data-testid=robot-save]")
    page.wait_for_selector("[data-testid=robot-test]")
    page.click("[data-testid=robot-test]")
    page.wait_for_selector("[data-testid=robot-send]")
    assert "测试消息已发送" in page.inner_text("body")
    assert "已发送" in page.inner_text("[data-testid=robot-log]")
    assert len(robot_server.received) == 1
    no_page_scroll(page)
    screenshot(page, "integrations-robot-phone")
    assert not browser_page.console_errors


def test_a_rep_makes_his_calendar_address_in_english(browser_page, live_login, company) -> None:
    browser_page.set_viewport_size({"width": 414, "height": 896})
    page = live_login(company.rep)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.live_url}])
    page.goto(f"{page.live_url}/integrations/calendar/")
    page.click("[data-testid=calendar-create]")
    address = page.inner_text("[data-testid=calendar-address]")
    assert "shown only this once" in address
    assert ".ics" in address
    no_page_scroll(page)
    screenshot(page, "integrations-calendar-phone-en")
    assert not browser_page.console_errors
