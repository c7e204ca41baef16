"""Under the Content-Security-Policy (scripts from our own files only) the dashboard draws its
ECharts charts, the trees open and close and the selects submit, with no violation reported.
Screenshot: var/screenshots/csp-dashboard.png."""

from __future__ import annotations

import pytest

from tests.browser import language_choose, screenshot
from tests.tracking.conftest import AT

pytestmark = pytest.mark.browser

# Every violation the page sees, whatever reports it (the console is checked too).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def violations(page) -> list[str]:
    return page.evaluate("window.cspViolations")


def test_the_dashboard_and_trees_work_under_the_policy(
    browser_page, live_login, company, june_sales, june_plan
):
    plan = june_plan()
    browser_page.add_init_script(RECORD_VIOLATIONS)
    page = live_login(company.director)
    page.goto(f"{page.live_url}/tracking/?plan={plan.pk}&at={AT}")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.ready === '1')"
    )
    assert page.locator("[data-chart] canvas").count() >= 2
    screenshot(page, "csp-dashboard")
    assert violations(page) == []

    # The trees load a level at a time: opening a target fetches its children (htmx).
    page.goto(f"{page.live_url}/tracking/tree/?plan={plan.pk}&at={AT}")
    person_rows = page.locator("#tracking-tree tr[data-level='3']")
    assert person_rows.count() == 0
    page.locator("#tracking-tree tr[data-level='1'] [data-tree-toggle]").first.click()
    page.locator("#tracking-tree tr[data-level='2'] [data-tree-toggle]").first.click()
    person_rows.first.wait_for()
    assert page.locator("#tracking-tree tr[data-level='3']:visible").count() == 1
    page.click("[data-tree-all=close]")
    assert person_rows.first.is_hidden()
    page.locator("#tracking-tree tr[data-level='1'] [data-tree-toggle]").first.click()
    page.locator("#tracking-tree tr[data-level='2'] [data-tree-toggle]").first.click()
    assert person_rows.first.is_visible()  # opened again without fetching twice
    assert person_rows.count() == 1
    assert violations(page) == []

    page.goto(f"{page.live_url}/targets/plans/{plan.pk}/")
    teams = page.locator("#plan-tree tr[data-level='2']")
    assert teams.count() == 0
    page.locator("#plan-tree tr[data-level='1'] [data-tree-toggle]").first.click()
    teams.first.wait_for()
    assert teams.first.is_visible()
    # Choosing a language posts a form: wait for the page it leads to, not the current one.
    language_choose(page, "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert violations(page) == []
    assert not page.console_errors, page.console_errors
