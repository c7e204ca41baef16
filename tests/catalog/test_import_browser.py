"""In a real browser: finance uploads a CRM customer export with English headers, accepts the
suggested mapping, sees the preview, imports, and finds the customers in the list.
Screenshots land in var/screenshots/ (look at them)."""

from __future__ import annotations

import pytest

from salestarget.catalog.models import Customer
from tests.browser import menu_unfold, screenshot
from tests.catalog.masterfiles import _media, csv_bytes  # noqa: F401
from tests.personas import Company

pytestmark = pytest.mark.browser

ACCOUNTS = csv_bytes(
    "Account Number,Account Name,Segment,Billing City,Channel,Account Owner,Customer Since",
    "ACC-1001,Beijing Hualian Trading Co.,KA,华北,DIRECT,王小明,2024-03-05",
    '"ACC-1002","Shanghai Jinqiao Foods, Ltd.",KA,华东,DIRECT,陈小红,11/20/2024',
    "ACC-1003,Tianjin Port Logistics,KA,华北,直销,REP,",
)


def test_finance_imports_a_crm_customer_export(browser_page, live_login, company: Company) -> None:
    page = live_login(company.finance)
    menu_unfold(page)
    page.click("#mainnav >> text=主数据")
    page.click("#mainnav >> text=导入主数据")
    page.wait_for_url(f"{page.live_url}/catalog/import/")
    page.select_option("#id_kind", "customers")
    page.fill("#id_source", "crm")
    page.set_input_files(
        "#id_file", files=[{"name": "accounts.csv", "mimeType": "text/csv", "buffer": ACCOUNTS}]
    )
    screenshot(page, "masterdata-import-upload")
    page.click("[data-testid=master-upload-form] button[type=submit]")
    page.wait_for_url("**/mapping/")

    # The suggested mapping, as the page offers it.
    chosen = {
        page.locator(f"#id_col_{i}").evaluate("e => e.selectedOptions[0].text"): i for i in range(7)
    }
    assert page.locator("#id_col_0").input_value() == "code"
    assert page.locator("#id_col_3").input_value() == "region"
    assert page.locator("#id_col_5").input_value() == "owner"
    assert page.locator("#id_col_6").input_value() == ""  # first purchase: derived, not read
    assert len(chosen) == 7
    preview = page.locator("[data-testid=preview-table]")
    assert "Shanghai Jinqiao Foods, Ltd." in preview.inner_text()
    assert "陈小红" in preview.inner_text()  # the owner, found by name
    assert "已检查全部 3 行，0 行有错误。" in page.inner_text("[data-testid=checked-summary]")
    screenshot(page, "masterdata-import-mapping")

    page.click("button[name=action][value=import]")
    page.wait_for_url("**/import/*/")
    progress = page.locator("[data-testid=import-progress]")
    assert "完成" in progress.inner_text()
    screenshot(page, "masterdata-import-done")

    page.click("[data-testid=imported-list]")
    page.wait_for_url(f"{page.live_url}/catalog/customers/")
    table = page.locator("[data-testid=customer-table]")
    for name in (
        "Beijing Hualian Trading Co.",
        "Shanghai Jinqiao Foods, Ltd.",
        "Tianjin Port Logistics",
    ):
        assert name in table.inner_text()
    screenshot(page, "masterdata-import-customers")
    assert Customer.objects.filter(code__startswith="ACC-").count() == 3
    assert not page.console_errors


def test_the_admin_sees_the_getting_started_checklist(
    browser_page, live_login, company: Company
) -> None:
    page = live_login(company.admin)
    checklist = page.locator("[data-testid=setup-checklist]")
    assert "公司设置" in checklist.inner_text()
    screenshot(page, "masterdata-setup-checklist")
    checklist.locator("a", has_text="客户").first.click()
    page.wait_for_url("**/catalog/import/?kind=customers")
    assert page.locator("#id_kind").input_value() == "customers"
    assert not page.console_errors
