"""Every page a rep or a manager opens works on a phone: on the small demo company, each demo
login walks its whole menu (and the detail pages its menu pages lead to) in Chinese and in
English, at 360 and 390 px wide, and no page is wider than the screen (a table scrolls in its
own box instead). Screenshots at 390×844 and 1440×900 in both languages land in
var/screenshots/ as ``phone-<lang>-<login>-<page>`` and ``desk-…`` (look at them).

The walk is built from the menu registry, so a page an app adds to the menu is walked without
anyone remembering to add it here; a menu page that no walked login sees fails the first test.

It is also the browser walk of these roles' menus (tests/web/test_browser_shell.py walks the
admin's and finance's on the personas' company): each page answers 200 with no console error,
no uncaught page error and no server error, shows no "Traceback" and no template tag left
unrendered ("{%", "{{"), and home names the login in its user menu.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import modify_settings, override_settings
from django.urls import reverse

from salestarget.catalog.models import Customer
from salestarget.org.models import Person, Role
from salestarget.targets.models import AdjustmentRequest, DraftRound, TargetPlan
from salestarget.ui.menu import menu_entries, menu_for
from tests.browser import OneRequestAtATime, PageRequests, screenshot, settle

pytestmark = pytest.mark.browser

# The demo logins walked, one per role a phone reader has: a rep, a team lead (a manager, with
# a drafts round of the team open) and the sales director (a regional manager's menu is the
# team lead's).
WALKERS = {"rep_001": Role.REP, "lead_bj": Role.MANAGER, "director": Role.EXECUTIVE}
PHONE_ROLES = frozenset({Role.REP, Role.MANAGER, Role.EXECUTIVE})
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PHONES = (360, 390)
PHONE_HEIGHT = 844
DESK = {"width": 1440, "height": 900}
MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"


def detail_pages(username: str) -> list[str]:
    """The pages a login reaches from its menu pages: a plan, the drafts round it reviews, its
    own person page, a customer and (the director) an adjustment request."""
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
    if person.role == Role.EXECUTIVE:  # sees every adjustment request
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


def signed_in(browser: Any, base: str, username: str, password: str, lang: str) -> Any:
    context = browser.new_context(
        locale="zh-CN", viewport={"width": PHONES[0], "height": PHONE_HEIGHT}
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    PageRequests(page)
    page.console_errors = []
    page.on(
        "console",
        lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: page.console_errors.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda r: page.console_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None,
    )
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": base}])
    return page


@dataclass
class Walk:
    """What one login saw walking its pages in one language."""

    planned: list[str] = field(default_factory=list)  # the login's phone walk
    pages: list[str] = field(default_factory=list)  # the pages it opened
    too_wide: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # wrong status or language, JS errors


# What a page shows when the server failed or a template was left unrendered.
LEFT_OVER = ("Traceback", "{%", "{{")


def left_over(page: Any) -> list[str]:
    """The ``LEFT_OVER`` markers in the page as it stands (its panels in)."""
    return page.evaluate(
        "(marks) => marks.filter((mark) => document.documentElement.outerHTML.includes(mark))",
        list(LEFT_OVER),
    )


def walk(page: Any, base: str, username: str, lang: str) -> Walk:
    seen = Walk(planned=phone_walk(username))
    who = Person.objects.get(user__username=username).name
    for path in seen.planned:
        page.set_viewport_size({"width": PHONES[0], "height": PHONE_HEIGHT})
        response = page.goto(f"{base}{path}")
        settle(page)
        seen.pages.append(path)
        if response is None or response.status != 200:
            seen.problems.append(f"{path}: HTTP {response.status if response else '-'}")
            continue
        if page.locator("html").get_attribute("lang") != lang:
            seen.problems.append(f"{path}: not in {lang}")
        if shown := left_over(page):
            seen.problems.append(f"{path}: shows {shown}")
        if path == "/" and who not in (page.locator("[data-testid=whoami]").text_content() or ""):
            seen.problems.append(f"{path}: the user menu does not name {who}")
        name = f"{lang}-{username}{path}"
        for width in PHONES:  # narrowest first: a chart redraws itself when the page widens
            page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
            if page_width(page) > width:
                seen.too_wide.append(
                    f"{path} at {width}: {page_width(page)} px {overflow_culprits(page)}"
                )
        screenshot(page, f"phone-{name}")
        page.set_viewport_size(DESK)
        screenshot(page, f"desk-{name}")
    seen.problems += page.console_errors
    return seen


def decisions_at_a_desk(page: Any, base: str) -> list[tuple[str, float, float]]:
    """The drafts review's buttons (label, left, right) at 1440 px."""
    page.set_viewport_size(DESK)
    page.goto(f"{base}{reverse('targets:round_detail', args=[DraftRound.objects.get().pk])}")
    screenshot(page, f"desk-{page.locator('html').get_attribute('lang')}-lead_bj-drafts-review")
    buttons = page.locator("[data-testid=draft-row] form button")
    out = []
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        out.append((buttons.nth(i).inner_text(), box["x"], box["x"] + box["width"]))
    return out


@pytest.fixture(scope="module")
def walks(browser, live_server, demo_small, django_db_blocker) -> dict[tuple[str, str], Any]:
    """Every walker's walk in every language, on one load of the demo: a test that asks for
    ``live_server`` empties the database after itself, so the tests below only read this."""
    done: dict[tuple[str, str], Any] = {}
    host = urlsplit(live_server.url).hostname  # as pytest-django lets it in for a test
    with (
        django_db_blocker.unblock(),
        modify_settings(ALLOWED_HOSTS={"append": host}),
        override_settings(PASSWORD_HASHERS=[MD5]),  # the demo's users were saved with it
    ):
        for username in WALKERS:
            for lang in LANGUAGES:
                page = signed_in(browser, live_server.url, username, demo_small.password, lang)
                done[username, lang] = walk(page, live_server.url, username, lang)
                if username == "lead_bj":
                    done["decisions", lang] = decisions_at_a_desk(page, live_server.url)
                page.context.close()
                OneRequestAtATime.drain()
    return done


@pytest.mark.slow
@pytest.mark.timeout(1800)  # the walks of every login, done once for all the tests below
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("username", list(WALKERS))
def test_no_page_is_wider_than_a_phone(walks, username: str, lang: str) -> None:
    seen = walks[username, lang]
    assert seen.pages == seen.planned
    assert len(seen.pages) > 10
    assert seen.too_wide == []
    assert seen.problems == []


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_drafts_review_decisions_are_on_screen_at_a_desk(walks, lang: str) -> None:
    """Accept, change and return sit inside a 1440 px screen, in English (where they were cut
    off) as in Chinese."""
    buttons = walks["decisions", lang]
    labels = {"en": {"Accept", "Change", "Return"}, "zh-hans": {"接受", "修改", "退回"}}[lang]
    assert {label for label, _left, _right in buttons[:3]} == labels
    assert len(buttons) >= 3 * 10  # every submitted draft of the demo team has its three
    for label, left, right in buttons:
        assert left >= 0, label
        assert right <= DESK["width"], label
