"""Every page a rep or a manager opens works on a phone: on the small demo company, each demo
login walks its whole menu (and the detail pages its menu pages lead to) in Chinese and in
English, at 360 and 390 px wide, and no page is wider than the screen (a table scrolls in its
own box instead). Screenshots at 390×844 and 1440×900 in both languages land in
var/screenshots/ as ``phone-<lang>-<login>-<page>`` and ``desk-…`` (look at them).

The walk is built from the menu registry, so a page an app adds to the menu is walked without
anyone remembering to add it here; a menu page that no walked login sees fails the first test.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from salestarget.catalog.models import Customer
from salestarget.org.models import Person, Role
from salestarget.targets.models import AdjustmentRequest, DraftRound, TargetPlan
from salestarget.ui.menu import menu_entries, menu_for
from tests.browser import screenshot

pytestmark = pytest.mark.browser

# The demo logins walked, one per kind of reader: a rep, a team lead (a manager of a team with
# a drafts round open), a regional manager and the sales director.
WALKERS = {
    "rep_001": Role.REP,
    "lead_bj": Role.MANAGER,
    "mgr_north": Role.MANAGER,
    "director": Role.EXECUTIVE,
}
PHONE_ROLES = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE})
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PHONES = (360, 390)
PHONE_HEIGHT = 844
DESK = {"width": 1440, "height": 900}


def detail_pages(username: str) -> list[str]:
    """The pages a login reaches from its menu pages: a plan, the drafts round it reviews, its
    own person page, a customer and an adjustment request it may see."""
    person = Person.objects.select_related("user").get(user__username=username)
    pages = [reverse("org:person_detail", args=[person.pk])]
    plan = TargetPlan.objects.filter(name__contains="销售额", period="FY2026").first()
    if plan is not None:
        pages.append(reverse("targets:plan_detail", args=[plan.pk]))
    if username == "lead_bj":
        pages += [reverse("targets:round_detail", args=[r.pk]) for r in DraftRound.objects.all()]
    customer = Customer.objects.filter(owner=person).first()
    if customer is not None:
        pages.append(reverse("catalog:customer_detail", args=[customer.pk]))
    if person.role != Role.REP:
        adjustment = AdjustmentRequest.objects.first()
        if adjustment is not None:
            pages.append(reverse("targets:adjustment_detail", args=[adjustment.pk]))
    return pages


def phone_walk(username: str) -> list[str]:
    """Home, every menu page of the login's role, then its detail pages."""
    menu = [reverse(entry.url_name) for entry in menu_for(WALKERS[username])]
    return list(dict.fromkeys(["/", *menu, *detail_pages(username)]))


def test_every_menu_page_of_a_rep_or_manager_is_walked() -> None:
    """A menu entry a rep, manager or director sees is walked by a login of such a role."""
    walked_roles = set(WALKERS.values())
    for entry in menu_entries():
        readers = entry.roles & PHONE_ROLES
        if readers:
            assert readers & walked_roles, f"{entry.url_name} is not in the phone walk"
    assert {Role.REP, Role.MANAGER, Role.EXECUTIVE} <= walked_roles


def page_width(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def overflow_culprits(page: Any) -> list[str]:
    """The outermost elements that stick out of the screen, to name in a failure."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter((el) => {
             const W = innerWidth, parent = el.parentElement;
             return el.getBoundingClientRect().right > W + 1
               && parent.getBoundingClientRect().right <= W + 1;
           }).slice(0, 5).map((el) => el.tagName.toLowerCase() + '.' + el.className
             + ' ' + Math.round(el.getBoundingClientRect().width) + 'px')"""
    )


def signed_in(browser: Any, live_server: Any, username: str, password: str, lang: str) -> Any:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": PHONES[0], "height": PHONE_HEIGHT}
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda exc: page.console_errors.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: page.console_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )
    return page


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("username", list(WALKERS))
def test_no_page_is_wider_than_a_phone(
    browser, live_server, db, demo_small, username: str, lang: str
) -> None:
    page = signed_in(browser, live_server, username, demo_small.password, lang)
    too_wide: list[str] = []
    for path in phone_walk(username):
        page.set_viewport_size({"width": PHONES[0], "height": PHONE_HEIGHT})
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, f"{path}: HTTP {response.status}"
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == lang
        name = f"{lang}-{username}{path}"
        for width in PHONES:  # narrowest first: a chart redraws itself when the page widens
            page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
            if page_width(page) > width:
                too_wide.append(
                    f"{path} at {width}: {page_width(page)} px {overflow_culprits(page)}"
                )
        screenshot(page, f"phone-{name}")
        page.set_viewport_size(DESK)
        screenshot(page, f"desk-{name}")
    page.context.close()
    assert too_wide == []
    assert page.console_errors == []


@pytest.mark.slow
def test_the_drafts_review_decisions_are_on_screen_at_a_desk_in_english(
    browser, live_server, db, demo_small
) -> None:
    """Accept, change and return sit inside a 1440 px screen, in English as in Chinese."""
    page = signed_in(browser, live_server, "lead_bj", demo_small.password, "en")
    page.set_viewport_size(DESK)
    round_ = DraftRound.objects.get()
    page.goto(f"{live_server.url}{reverse('targets:round_detail', args=[round_.pk])}")
    buttons = page.locator("[data-testid=draft-row] form button")
    assert buttons.count() >= 3
    assert {buttons.nth(i).inner_text() for i in range(3)} == {"Accept", "Correct", "Return"}
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= DESK["width"], buttons.nth(i).inner_text()
    assert page_width(page) <= DESK["width"]
    screenshot(page, "desk-en-lead_bj-drafts-review")
    page.context.close()
