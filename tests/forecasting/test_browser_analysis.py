"""In a browser, at a phone's width and a desk's: a regional manager reads the customer
value trend and drills conversion by stage into a stage's deals."""

from __future__ import annotations

import pytest

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.models import OpportunityCall
from tests.browser import screenshot
from tests.forecasting.test_customers import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser
WIDTHS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1440, "height": 900}}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_customer_value_and_stage_conversion_at_both_widths(
    browser_page,
    live_login,
    world,  # noqa: F811
):
    OpportunityCall.objects.create(
        opportunity=Opportunity.objects.get(external_id="op0"), category="commit"
    )
    page = live_login(world.manager_north)
    for name, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.goto(f"{page.live_url}/forecasting/customers/value/?node={world.north.pk}")
        assert page.locator("[data-testid=value-point]").count() == 5
        assert _no_sideways_scroll(page)
        screenshot(page, f"forecasting-customer-value-{name}")
        page.goto(f"{page.live_url}/forecasting/conversion/?node={world.north.pk}")
        with page.expect_navigation():
            page.click("tr[data-category=commit] [data-testid=stage-link]")
        page.locator("[data-testid=stage-deals]").wait_for()
        assert page.locator("[data-testid=stage-deals] tbody tr").count() == 1
        assert _no_sideways_scroll(page)
        screenshot(page, f"forecasting-conversion-{name}")
        assert not page.console_errors
