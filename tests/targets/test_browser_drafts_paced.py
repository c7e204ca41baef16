"""The team lead reviews next year's drafts in December, on a phone and on a desk, in Chinese
and in English: the rep's last year is finished at the year before's pace, marked †, the
note says how, and the page does not scroll sideways."""

from __future__ import annotations

import pytest

from tests.browser import language_choose, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("width", [390, 1440])
def test_a_december_round_shows_last_year_paced(
    browser_page, live_login, company, december_round, language, width
) -> None:
    page = live_login(company.team_lead)
    page.set_viewport_size({"width": width, "height": 900})
    if language == "en":
        language_choose(page, "en")
    page.goto(page.live_url + f"/targets/rounds/{december_round.pk}/")
    row = page.locator('[data-testid="draft-row"]').filter(has_text="王小明")
    assert row.locator('[title="16,250.00"]').count() == 1  # shown as 1.63万 / 16.25K
    assert row.locator('[data-testid="paced-mark"]').count() == 1
    assert page.locator('[data-testid="paced-year"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, f"targets/drafts-paced-{language}-{width}")
    assert not page.console_errors
