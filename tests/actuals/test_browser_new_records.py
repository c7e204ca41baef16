"""In a real browser, in both languages, on a phone and at a desk: finance uploads a new
company's first 金蝶 sales report, the mapping page says which customers and products the
file names that SalesTarget lacks and offers to make them, the import makes them, and the
batch page lists them with links to complete them. Screenshots land in var/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from salestarget.actuals.models import SalesLine
from salestarget.catalog.models import Customer
from tests.actuals.files import csv_bytes
from tests.actuals.test_import_new_records import KINGDEE, LINES
from tests.browser import screenshot
from tests.personas import Company

pytestmark = pytest.mark.browser

WORDS = {
    "zh-hans": ("新客户 2", "创建文件中新的客户和产品", "2 个客户"),
    "en": (
        "New customers 2",
        "Create the new customers and products this file names",
        "2 customers",
    ),
}


def _fits(page: Any) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_finance_makes_the_new_customers_and_products_of_a_first_sales_file(
    browser_page, live_login, company: Company, language: str
) -> None:
    counted, option, made = WORDS[language]
    page = live_login(company.finance)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.live_url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.live_url}/actuals/import/")
    page.select_option("#id_kind", "sales")
    page.fill("#id_source", "kingdee")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "销售出库单.csv",
                "mimeType": "text/csv",
                "buffer": csv_bytes(*LINES, header=KINGDEE),
            }
        ],
    )
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_url("**/mapping/")
    box = page.inner_text("[data-testid=new-records]")
    assert counted in box
    assert "K-001" in box
    assert option in box
    screenshot(page, f"sales-import-new-records-{language}-390")
    assert _fits(page)
    page.set_viewport_size({"width": 1440, "height": 900})
    screenshot(page, f"sales-import-new-records-{language}-1440")

    page.check("[data-testid=create-new] input[type=checkbox]")
    page.click("button[name=action][value=import]")
    page.wait_for_url("**/import/*/")
    listed = page.inner_text("[data-testid=records-made]")
    assert made in listed
    assert "K-001" in listed
    screenshot(page, f"sales-import-new-records-done-{language}-1440")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"sales-import-new-records-done-{language}-390")
    assert _fits(page)

    page.click("[data-testid=records-made] a >> nth=0")
    page.wait_for_url("**/catalog/customers/?batch=*")
    assert "甲商贸有限公司" in page.inner_text("#results")
    screenshot(page, f"sales-import-new-customers-{language}-390")
    assert _fits(page)
    assert Customer.objects.filter(code__startswith="K-").count() == 2
    assert SalesLine.objects.count() == 5
    assert not page.console_errors
