"""The shell in a real browser: the admin and finance sign in and open every page of their
menus without a server error or a JavaScript error; the English switch works;
search-as-you-type works. Screenshots land in var/screenshots/ (look at them).

The director's, a manager's and a rep's menus are walked in the browser by the phone walk
(tests/web/test_browser_phone.py: on the demo, in both languages, with the same checks), and
on the personas' company by the test client (tests/web/test_pages.py): walking them here as
well took a minute of every suite to repeat both."""

from __future__ import annotations

import pytest
from django.utils import timezone

from salestarget.catalog.models import Customer
from salestarget.catalog.services import calendar_holidays_load
from tests.browser import language_choose, screenshot
from tests.personas import Company

pytestmark = pytest.mark.browser

# The office roles, whose menus the phone walk leaves out (it walks a rep's, a manager's and
# the director's).
ROLES = ["admin", "finance"]


@pytest.fixture
def company_with_data(company: Company) -> Company:
    """The personas' company with a calendar and enough customers to page through."""
    calendar_holidays_load(by=None, year=timezone.localdate().year)
    Customer.objects.bulk_create(
        Customer(
            code=f"CU-{i:04}",
            name=f"{city}客户{i}",
            customer_type=company.customer_type,
            region=company.region_north if i % 3 else company.region_east,
            channel=company.channel,
            owner=company.rep if i % 3 else company.rep_other,
        )
        for i, city in enumerate(["北京", "天津", "上海", "杭州"] * 20)
    )
    return company


def menu_urls(page) -> list[str]:
    links = page.locator("#mainnav a.dropdown-item, #mainnav a.nav-link[href^='/']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    return [h for h in dict.fromkeys(hrefs) if h and not h.startswith("/admin/")]


def open_page(page, path: str) -> None:
    resp = page.goto(f"{page.live_url}{path}")
    assert resp is not None
    assert resp.status == 200, f"{path}: HTTP {resp.status}"
    body = page.content()
    assert "Traceback" not in body
    assert "{%" not in body
    assert "{{" not in body


@pytest.mark.parametrize("who", ROLES)
def test_each_role_opens_every_page_of_its_menu(
    browser_page, live_login, company_with_data: Company, who: str
) -> None:
    company = company_with_data
    page = live_login(getattr(company, who))
    assert getattr(company, who).name in page.locator("[data-testid=whoami]").inner_text()
    screenshot(page, f"{who}-home")
    urls = menu_urls(page)
    assert len(urls) >= 4, urls
    for path in urls:
        open_page(page, path)
        screenshot(page, f"{who}{path}")
    # A detail page each role may open.
    person = getattr(company, who)
    open_page(page, f"/org/people/{person.pk}/")
    screenshot(page, f"{who}-person")
    if who == "finance":
        open_page(page, f"/catalog/customers/{company.customer_sh.pk}/")
    assert browser_page.console_errors == []


def test_the_login_page_and_the_english_switch(browser_page, live_login, company: Company) -> None:
    page = browser_page
    page.goto(f"{page.live_url}/login/")
    screenshot(page, "login")
    page = live_login(company.manager_north)
    page.goto(f"{page.live_url}/org/nodes/")
    language_choose(page, "en")  # in the user's menu, behind the folded bar below 1400 px
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Organisation" in page.locator("h1").inner_text()
    page.goto(f"{page.live_url}/")
    assert "Hello, 李经理" in page.content()
    screenshot(page, "en-manager-home")
    page.goto(f"{page.live_url}/org/people/")
    screenshot(page, "en-manager-people")
    assert browser_page.console_errors == []


def test_customer_search_updates_as_you_type(
    browser_page, live_login, company_with_data: Company
) -> None:
    page = live_login(company_with_data.finance)
    page.goto(f"{page.live_url}/catalog/customers/")
    rows = page.locator("[data-testid=customer-table] tbody tr")
    assert rows.count() == 50  # the first page of 82
    page.fill("input[name=q]", "杭州")
    page.wait_for_url("**q=%E6%9D%AD%E5%B7%9E**")
    assert rows.count() == 20
    assert all("杭州" in rows.nth(i).inner_text() for i in range(rows.count()))
    screenshot(page, "finance-customers-search")
    assert browser_page.console_errors == []


def test_finance_fixes_a_refused_customer_form(
    browser_page, live_login, company_with_data: Company
) -> None:
    company = company_with_data
    page = live_login(company.finance)
    open_page(page, "/catalog/customers/new/")
    page.fill("#id_code", "CU-BJ")  # taken
    page.fill("#id_name", "新客户")
    page.select_option("#id_customer_type", str(company.customer_type.pk))
    page.select_option("#id_region", str(company.region_north.pk))
    page.select_option("#id_channel", str(company.channel.pk))
    page.select_option("#id_owner", str(company.rep.pk))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "编码“CU-BJ”已被使用。" in page.locator(".invalid-feedback").first.inner_text()
    screenshot(page, "finance-customer-form-error")
    page.fill("#id_code", "CU-NEW")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "已创建客户“新客户”。" in page.locator(".alert-success").inner_text()
    screenshot(page, "finance-customer-created")
    for path in ("/org/nodes/new/", "/org/people/new/", f"/org/people/{company.rep.pk}/move/"):
        open_page(page, path)
        screenshot(page, f"finance{path}")
    assert browser_page.console_errors == []


@pytest.mark.parametrize("who", ["admin", "rep"])
def test_the_menu_bar_keeps_every_entry_on_one_line_at_desk_widths(
    browser_page, live_login, company: Company, who: str
) -> None:
    """From 1400 px the bar is one row, in both languages, with the admin's longest menu; below
    it folds behind the toggler (laptops, phones), and no width scrolls the page sideways."""
    page = live_login(getattr(company, who))
    for language in ("zh-hans", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": page.live_url}]
        )
        for width in (1600, 1440, 1400, 1280, 1024, 390, 360):
            page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
            page.goto(f"{page.live_url}/")
            where = f"{who} {language} {width}px"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, where
            folded = page.locator(".navbar-toggler").is_visible()
            assert folded == (width < 1400), where
            if not folded:
                assert page.locator("nav.navbar").bounding_box()["height"] <= 64, where
                two_lines = page.evaluate(
                    """() => [...document.querySelectorAll(
                        'nav .nav-link, nav .navbar-text, nav .navbar-brand, nav button')]
                        .filter(e => e.offsetParent && e.getBoundingClientRect().height > 44)
                        .map(e => e.textContent.trim())"""
                )
                assert two_lines == [], where
            if width in (1440, 390):
                screenshot(page, f"menu-bar-{who}-{language}-{width}")
    assert browser_page.console_errors == []
