"""The director plans FY2027 in December and splits it by month by last year's share, on a
phone and on a desk, in Chinese and in English: December gets its share (last year's
December finished at the year before's pace), November is finished, and the page says which
figures are paced and how."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser import language_choose, screenshot
from tests.targets.test_paced_split import december  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


def months_split_opened(page, plan, *, language: str, width: int, method: str):
    """The director's split of ``plan``'s top target by month with ``method``, at ``width``
    in ``language``."""
    page.set_viewport_size({"width": width, "height": 900})
    if language == "en":
        language_choose(page, "en")
    page.goto(page.live_url + reverse("targets:decompose", args=[plan.root.pk]))
    page.select_option("#id_axis", "month")
    page.select_option("#id_method", method)
    return page


@pytest.mark.usefixtures("december")
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [390, 1440])
def test_a_december_split_by_last_years_months(
    browser_page, live_login, company, revenue_plan, language, width
) -> None:
    plan = revenue_plan("32500", period="FY2027", name="2027 销售额")  # before the browser signs in
    page = months_split_opened(
        live_login(company.director),
        plan,
        language=language,
        width=width,
        method="history",
    )
    page.wait_for_selector('[data-testid="paced-year"]')
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    values = page.locator('[data-testid="preview-value"] span.num')
    assert values.last.get_attribute("title") == "5,000.00"  # December
    assert page.locator('[data-testid="paced-mark"]').count() == 2
    heading = page.locator('[data-testid="last-year-heading"]').inner_text()
    if width < 768:  # a phone: the note above says what † means
        assert heading == ("去年同期†" if language == "zh-hans" else "Same period last year†")
    else:
        assert ("前年同期进度" if language == "zh-hans" else "the year before's pace") in heading
    screenshot(page, f"targets/paced-split-{language}-{width}")
    assert not page.console_errors
