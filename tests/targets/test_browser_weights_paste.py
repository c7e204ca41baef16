"""The director has the year's figures by month in a sheet: they copy the column from Excel,
paste it into January's weight, and the twelve months fill down and the preview follows — at
a desk and on a phone, in Chinese and in English."""

from __future__ import annotations

import pytest

from tests.browser import screenshot
from tests.targets.test_browser_paced_split import months_split_opened

pytestmark = pytest.mark.browser

# Twelve cells of one Excel column as the clipboard carries them (CRLF, a last line break),
# written as a finance sheet writes them.
MONTHS = "100万\r\n100万\r\n1,200,000\r\n１００万\r\n¥1,000,000\r\n100万\r\n100万\r\n100万\r\n100万\r\n100万\r\n100万\r\n300万\r\n"

PASTE = """([selector, text]) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  document.querySelector(selector).dispatchEvent(
    new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
}"""


@pytest.mark.parametrize(("language", "width"), [("zh-hans", 390), ("en", 1440)])
def test_a_column_pasted_from_excel_fills_the_months_weights(
    browser_page, live_login, company, revenue_plan, language, width
) -> None:
    plan = revenue_plan(
        "14200000", period="FY2027", name="2027 销售额"
    )  # before the browser signs in
    page = months_split_opened(
        live_login(company.director),
        plan,
        language=language,
        width=width,
        method="weights",
    )
    page.wait_for_selector('[data-testid="weight-12"]')
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.evaluate(PASTE, ['[data-testid="weight-1"]', MONTHS])
    assert page.input_value('[data-testid="weight-2"]') == "100万"
    assert page.input_value('[data-testid="weight-12"]') == "300万"
    page.wait_for_function(
        "() => document.querySelector('[data-testid=split-total]')"
        " && document.querySelectorAll('[data-testid=preview-value]').length === 12"
        " && !document.querySelector('.htmx-request')"
    )
    values = [
        v.get_attribute("title")
        for v in page.locator('[data-testid="preview-value"] span.num').all()
    ]
    assert values[0] == "1,000,000.00"
    assert values[2] == "1,200,000.00"
    assert values[11] == "3,000,000.00"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"targets/weights-paste-{language}-{width}")
    assert not page.console_errors
