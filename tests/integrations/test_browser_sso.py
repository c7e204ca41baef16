"""In a real browser: with local passwords switched off the login page offers only the
company's single sign-on; somebody the directory knows but the product does not is told so on
the login page, and the rep signs in through the local OpenID provider (node-oidc-provider,
started by the test) and lands on his own home page as a rep. Screenshots:
var/screenshots/integrations-sso-*.png."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from tests.browser import screenshot
from tests.incentives.test_browser_statement import no_page_scroll

pytestmark = pytest.mark.browser


def _sign_in_at_provider(page, login: str) -> None:
    page.click("[data-testid=sso-oidc]")
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "any password: the stand-in checks none")
    page.click("button[type=submit]")


def test_a_rep_signs_in_through_the_companys_openid_provider(
    browser_page, company, oidc_provider, settings
) -> None:
    oidc_provider.settings_apply(settings)
    settings.SALESTARGET_LOCAL_PASSWORDS = False
    page = browser_page
    # The provider's development pages ask for a web font; this machine has no internet.
    page.route("**/fonts.googleapis.com/**", lambda route: route.abort())
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(f"{page.live_url}/login/")
    assert page.locator("[data-testid=sso-oidc]").is_visible()
    assert page.locator("#id_password").count() == 0
    no_page_scroll(page)
    screenshot(page, "integrations-sso-login-phone")

    _sign_in_at_provider(page, "stranger")
    page.wait_for_selector(".alert-danger")
    assert page.url == f"{page.live_url}/login/"
    assert "E-404 不在本系统的人员名单中" in page.inner_text(".alert-danger")
    screenshot(page, "integrations-sso-refused-phone")

    page.context.clear_cookies()  # leave the provider's session as the stranger
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{page.live_url}/login/")
    _sign_in_at_provider(page, "wang")
    page.wait_for_url(f"{page.live_url}/")
    assert "王小明" in page.inner_text("[data-testid=whoami]")
    assert "销售代表" in page.inner_text("[data-testid=whoami]")
    screenshot(page, "integrations-sso-home-desk")
    signed_in = LogEntry.objects.filter(additional_data__event="login").latest("timestamp")
    assert signed_in.additional_data["method"] == "oidc"
    assert signed_in.actor == company.rep.user
    assert not [e for e in page.console_errors if page.live_url in e]
