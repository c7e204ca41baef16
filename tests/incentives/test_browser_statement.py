"""In a real browser: finance makes a plan and runs June, the rep opens the statement on a
phone (390×844) and disputes a line, finance resolves it and exports the payroll.
Screenshots land in var/screenshots/incentives-*.png."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from salestarget.incentives.models import Statement
from tests.browser import screenshot

pytestmark = pytest.mark.browser


def no_page_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"page is {width}px wide"


def test_plan_run_statement_on_a_phone_dispute_resolve_and_payroll(
    browser_page, live_login, june
) -> None:
    page = live_login(june.finance)
    page.goto(f"{page.live_url}/incentives/plans/new/")
    page.fill("#id_code", "june")
    page.fill("#id_name", "六月销售提成")
    page.fill("#id_effective_from", "2026-01-01")
    page.wait_for_selector("[data-testid=payout-chart] canvas")
    screenshot(page, "incentives-plan-editor")
    page.click("[data-testid=component-add]")
    page.wait_for_selector("[data-testid=component] >> nth=1")
    second = page.locator("[data-testid=component]").nth(1)
    second.locator("[name$=-code]").fill("collections")
    second.locator("[name$=-name]").fill("回款提成")
    second.locator("[name$=-measure]").select_option("collections")  # June has no payments
    second.locator("[name$=-basis]").select_option("amount")
    second.locator("[name$=-tiers]").fill("0 1")
    # "add" posts the form and the editor comes back as a new page whose ECharts is deferred:
    # until it has run, neither echarts nor the chart exists, and the wait must not throw.
    page.wait_for_function(
        "() => typeof echarts !== 'undefined'"
        " && echarts.getInstanceByDom(document.getElementById('payout-chart'))"
        "?.getOption().series.length === 2"
    )
    screenshot(page, "incentives-plan-editor-two-components")
    page.click("[data-testid=plan-save]")
    page.wait_for_url("**/incentives/plans/*/")
    assert "六月销售提成" in page.inner_text("body")

    page.goto(f"{page.live_url}/incentives/")
    page.fill("#run-period", "2026-06")
    page.click("[data-testid=run-calculate]")
    page.wait_for_url("**/incentives/?period=2026-06")
    assert "4,400.00" in page.inner_text("[data-testid=statements]")

    page.set_viewport_size({"width": 390, "height": 844})
    page.context.clear_cookies()
    page = live_login(june.rep)
    page.goto(f"{page.live_url}/incentives/")
    page.click("[data-testid=statements] a")
    assert page.inner_text("[data-testid=statement-total]") == "4,400.00"
    page.click("text=计算过程")
    assert "20,000.00 × 5% = 1,000.00" in page.inner_text("[data-testid=steps]")
    page.click("[data-testid=what-if-form] button")
    page.wait_for_selector("[data-testid=what-if-answer]")
    # 16,000 more on revenue; nothing on collections (a closed deal is not money received)
    answer = page.locator("[data-testid=what-if-answer]")
    assert "提成多 1.60万" in answer.inner_text()
    assert answer.locator('span.num[title="16,000.00"]').count() == 1
    no_page_scroll(page)
    screenshot(page, "incentives-rep-statement-phone")
    page.click("text=对这一行提出申诉")
    page.fill("[data-testid=dispute-form] textarea", "6月20日那单少算了")
    page.click("[data-testid=dispute-form] button")
    page.wait_for_selector("[data-testid=dispute]")
    no_page_scroll(page)
    screenshot(page, "incentives-rep-disputed-phone")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.context.clear_cookies()
    page = live_login(june.finance)
    page.goto(f"{page.live_url}/incentives/disputes/")
    page.click("[data-testid=disputes] a")
    page.fill("[data-testid=resolve-form] textarea", "核实后补发")
    page.fill("[data-testid=resolve-form] input[name=adjustment]", "250")
    page.click("[data-testid=resolve-form] button")
    page.wait_for_selector("text=已调整")
    assert page.inner_text("[data-testid=statement-total]") == "4,650.00"
    screenshot(page, "incentives-finance-resolved")

    page.goto(f"{page.live_url}/incentives/?period=2026-06")
    with page.expect_download() as download:
        page.click("[data-testid=payroll-xlsx]")
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert isinstance(sheet, Worksheet)
    paid = {row[1]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert paid["王小明"] == 4650
    assert Statement.objects.get(person=june.rep, period="2026-06").total == 4650
    assert browser_page.console_errors == []
