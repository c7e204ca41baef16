"""In a real browser: on a phone (390×844) 王小明 starts the action plan of this month's
target, adds a step and moves an overdue one along in one tap; his manager reviews the team's
steps in the weekly meeting view at a desk (1440) and on a phone, then the team's leading
indicators (their page on a phone, the home page's panel at a desk). No page scrolls sideways.
Screenshots land in var/screenshots/action-plan-*.png and leading-*.png."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from salestarget.activities.models import ActionStep
from salestarget.activities.services.plans import action_step_add
from salestarget.org.scoping import scope_for
from tests.activities.test_leading import TODAY, figures
from tests.browser import screenshot
from tests.incentives.test_browser_statement import no_page_scroll
from tests.tracking.conftest import target_of

pytestmark = pytest.mark.browser


def test_a_rep_plans_the_month_and_the_manager_reviews_it(
    browser_page, live_login, company, june_plan
) -> None:
    today = timezone.localdate()
    target = target_of(june_plan(period=today.strftime("%Y-%m")), person=company.rep)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    page = live_login(company.rep)
    page.goto(f"{page.live_url}/activities/plans/")
    page.locator("[data-testid=unplanned] button").click()
    page.wait_for_selector("[data-testid=step-form]", timeout=60_000)
    page.fill("[name=title]", "拜访三家新客户，带上样品")
    page.fill("[name=resources]", "样品两套")
    page.click("[data-testid=step-add]")
    page.wait_for_selector("text=已添加行动", timeout=60_000)
    # A step already late (added as of last week) is flagged, and moved on in one tap.
    plan = target.action_plan
    late = action_step_add(
        plan=plan,
        title="跟进上月的报价",
        owner=company.rep,
        due_on=today - dt.timedelta(days=3),
        by=company.rep,
        scope=scope_for(company.rep.user),
    )
    page.reload()
    step = page.locator("[data-testid=step]", has_text="跟进上月的报价")
    assert "已逾期" in step.inner_text()
    step.locator("button", has_text="进行中").click()
    page.wait_for_selector("text=已更新", timeout=60_000)
    assert ActionStep.objects.get(pk=late.pk).status == "doing"
    no_page_scroll(page)
    screenshot(page, "action-plan-phone")

    page.context.clear_cookies()
    browser_page.set_viewport_size({"width": 1440, "height": 900})
    page = live_login(company.manager_north)
    page.goto(f"{page.live_url}/activities/plans/meeting/")
    first = page.locator("[data-testid=meeting-step]").first
    assert "跟进上月的报价" in first.inner_text()
    assert "待开始 → 进行中" in first.inner_text()
    screenshot(page, "action-plan-meeting-desk")
    browser_page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    no_page_scroll(page)
    screenshot(page, "action-plan-meeting-phone")

    # The team's leading indicators as of their figures' last day, on a phone and at a desk.
    figures(company)
    as_of = mock.patch("salestarget.activities.leading_views.progress_day", return_value=TODAY)
    as_of.start()
    page.goto(f"{page.live_url}/activities/leading/?node={company.team_bj.pk}")
    assert "1 个新客户" in page.inner_text("[data-testid=leading-sentence]")
    no_page_scroll(page)
    screenshot(page, "leading-phone")
    browser_page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{page.live_url}/")
    page.wait_for_selector("[data-testid=leading-sentence]", timeout=60_000)
    screenshot(page, "leading-home-desk")
    as_of.stop()
    assert browser_page.console_errors == []
