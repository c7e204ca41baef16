"""In a real browser, on a phone: finance uploads an order export with a region on every line
and no salesperson column, is asked how to credit the lines, chooses a table from region to
person or team, imports, and the batch page says how the lines were credited. Screenshots land
in var/screenshots/ (look at them)."""

from __future__ import annotations

from typing import Any

import pytest

from salestarget.actuals.models import SalesLine
from tests.actuals.files import csv_bytes
from tests.browser import screenshot
from tests.personas import Company

pytestmark = pytest.mark.browser

ORDERS = csv_bytes(
    "2026-03-02,SO-1,CU-BJ,P-A,华北,1,120.5",
    "2026-03-03,SO-2,CU-BJ,P-A,华东,2,99.9999",
    "2026-03-04,SO-3,CU-SH,P-B,华东,1,250",
    header="Order Date,Order ID,Customer ID,Product ID,Region,Quantity,Sales",
)


def _fits(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_finance_credits_an_export_without_salespeople_by_region(
    browser_page, live_login, company: Company
) -> None:
    page = live_login(company.finance)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.live_url}/actuals/import/")
    page.select_option("#id_kind", "sales")
    page.fill("#id_source", "store")
    page.set_input_files(
        "#id_file", files=[{"name": "orders.csv", "mimeType": "text/csv", "buffer": ORDERS}]
    )
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_url("**/mapping/")
    assert "文件没有销售人员列" in page.inner_text("[data-testid=file-errors]")
    screenshot(page, "sales-import-no-salesperson-phone")
    assert _fits(page)

    page.select_option("#id_credit", "dimension")
    page.select_option("#id_credit_by", "region")
    page.fill("#id_credit_map", "华北=王小明\n华东=EAST")
    page.click("button[name=action][value=preview]")
    page.wait_for_load_state()
    assert not page.locator("[data-testid=file-errors]").count()
    screenshot(page, "sales-import-crediting-phone")
    assert _fits(page)

    page.click("button[name=action][value=import]")
    page.wait_for_url("**/import/*/")
    assert "完成" in page.inner_text("[data-testid=import-progress]")
    stated = page.inner_text("[data-testid=batch-stated]")
    assert "销售人员为空的行计入：按区域对应：华北 → 王小明；华东 → EAST" in stated
    screenshot(page, "sales-import-crediting-done-phone")
    assert _fits(page)
    assert sorted(SalesLine.objects.values_list("order_no", "person__employee_no")) == [
        ("SO-1", "REP"),
        ("SO-2", "MANAGER_EAST"),
        ("SO-3", "MANAGER_EAST"),
    ]
    assert not page.console_errors
