"""The form that opens a cycle, in a browser in both languages, on a phone and at a desk:
every field is a full-width Bootstrap control (it was a bare form, fields squeezed beside
their labels and wider than a phone), the roles are a row of check boxes, and finance opens
November's cycle from it. Screenshots land in var/screenshots/."""

from __future__ import annotations

from typing import Any

import pytest

from salestarget.assessment.models import AssessmentCycle
from tests.assessment.test_browser_cycle import cycle_form_fill, no_sideways_scroll
from tests.browser import screenshot

pytestmark = pytest.mark.browser

OPEN = {"zh-hans": "发起", "en": "Open"}


def _bare_fields(page: Any) -> list[str]:
    """The form's visible inputs, selects and text areas without a Bootstrap class."""
    return page.eval_on_selector_all(
        "[data-testid=cycle-form] :is(input, select, textarea)"
        ":not([type=hidden]):not([type=checkbox])",
        """els => els.filter(e => !/form-(control|select)/.test(e.className))
                 .map(e => e.name)""",
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_finance_opens_a_cycle_from_a_styled_form_on_a_phone_and_at_a_desk(
    browser_page, live_login, team, language: str
) -> None:
    company = team.company
    page = live_login(company.finance)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": page.live_url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.live_url}/assessment/cycles/new/")
    assert _bare_fields(page) == []
    assert page.locator("[data-testid=cycle-roles] input[type=checkbox].form-check-input").count()
    screenshot(page, f"assessment-cycle-form-{language}-390")
    assert no_sideways_scroll(page)
    page.set_viewport_size({"width": 1440, "height": 900})
    screenshot(page, f"assessment-cycle-form-{language}-1440")
    assert no_sideways_scroll(page)

    cycle_form_fill(
        page,
        period="2026-11",
        root=company.root,
        deadlines=("2026-12-09", "2026-12-11", "2026-12-14", "2026-12-16", "2026-12-18"),
        at="18:00",
    )
    page.click(f"[data-testid=cycle-form] button:has-text('{OPEN[language]}')")
    page.wait_for_url("**/assessment/cycles/*/")
    assert AssessmentCycle.objects.filter(period_start__year=2026, period_start__month=11).exists()
