"""Browser fixtures for ``@pytest.mark.browser`` tests: Playwright (sync API) driving Debian's
chromium against pytest-django's ``live_server``.

    @pytest.mark.browser
    def test_something(browser_page, live_login, company):
        page = live_login(company.manager_north)          # signed in, on the home page
        page.goto(live_url("/targets/"))
        screenshot(page, "targets-manager")
        assert not browser_page.console_errors

``browser_page`` records console errors, uncaught page errors and 5xx responses in
``page.console_errors``; screenshots go to ``var/screenshots/``.
"""

from __future__ import annotations

import base64
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pytest_django.live_server_helper import LiveServer

from tests.personas import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def compile_messages() -> None:
    """Compile the committed .po files (the .mo files are not committed) when any is newer
    than its .mo, so the English interface works in tests run without ``make``."""
    root = Path(settings.BASE_DIR) / "salestarget"
    stale = [
        po
        for po in root.rglob("locale/*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        import fcntl

        lock = Path(settings.BASE_DIR) / "var" / ".compilemessages.lock"
        with lock.open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # xdist workers compile one at a time
            call_command("compilemessages", ignore_patterns=[".venv", "node_modules"], verbosity=0)
        from django.utils import translation

        translation.trans_real._translations = {}  # reload the catalogues
        translation.trans_real._default = None


def missing_tool(reason: str) -> None:
    """Skip a test whose outside tool is missing; under ``make test`` (which installs the
    tools, and sets SALESTARGET_REQUIRE_TOOLS) fail instead, so that CI never goes green
    with the browser tests quietly skipped."""
    if os.environ.get("SALESTARGET_REQUIRE_TOOLS"):
        pytest.fail(reason)
    pytest.skip(reason)


class OneRequestAtATime(StaticFilesHandler):
    """The live server's threads share the test's in-memory SQLite connection, and a page
    that fetches its charts in parallel made two of them use it at once: the sqlite3 module
    then hangs both (seen in CI, where a run stopped at the 90-minute limit). Requests still
    arrive on their own threads (keep-alive connections stay open) but run one at a time."""

    lock = threading.Lock()
    # Requests that have arrived and not yet answered, waiting for the lock or holding it.
    in_flight = 0
    counting = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        with OneRequestAtATime.counting:
            OneRequestAtATime.in_flight += 1
        try:
            with self.lock:
                return super().__call__(environ, start_response)
        finally:
            with OneRequestAtATime.counting:
                OneRequestAtATime.in_flight -= 1

    @classmethod
    def drain(cls, *, quiet_for: float = 0.3, at_most: float = 60.0) -> None:
        """Wait until no request has been running for ``quiet_for`` seconds. A page's
        last fetches (htmx panels, charts) can still run on the server after its browser
        context is closed; the test's database flush must not start under them (CI saw
        "couldn't be flushed" when it did)."""
        deadline = time.monotonic() + at_most
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if cls.in_flight:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_for:
                return
            time.sleep(0.02)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server, serving one request at a time (see above)."""
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = OneRequestAtATime
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        missing_tool(f"Debian's chromium is not installed at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # (fixtures, assertions) are still synchronous, so Django's async guard must stand down.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    compile_messages()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser_page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh page (own cookies) in zh-CN at 1366×900, recording what went wrong."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda resp: errors.append(f"{resp.status} {resp.url}") if resp.status >= 500 else None,
    )
    page.console_errors = errors
    page.live_url = live_server.url
    yield page
    context.close()
    OneRequestAtATime.drain()


@pytest.fixture
def live_login(browser_page: Any) -> Callable[..., Any]:
    """``live_login(person)`` signs in through the login form and returns the page."""

    def _login(person: Any, password: str = PASSWORD) -> Any:
        page = browser_page
        page.goto(f"{page.live_url}/login/")
        page.fill("#id_username", person.user.username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{page.live_url}/")
        return page

    return _login


class PageRequests:
    """The requests a page has sent and not yet had answered, for :func:`settle`. Attach it
    when the page opens, so that no request goes uncounted."""

    def __init__(self, page: Any) -> None:
        self.open: set[Any] = set()
        self.last_change = time.monotonic()
        page.on("request", self._sent)
        page.on("requestfinished", self._answered)
        page.on("requestfailed", self._answered)
        page.requests_in_flight = self

    def _sent(self, request: Any) -> None:
        self.open.add(request)
        self.last_change = time.monotonic()

    def _answered(self, request: Any) -> None:
        self.open.discard(request)
        self.last_change = time.monotonic()


def settle(page: Any, *, quiet_for: float = 0.15, at_most: float = 30.0) -> None:
    """Wait until ``page`` (with :class:`PageRequests` attached) has had no request open for
    ``quiet_for`` seconds: its htmx panels and chart data are in. Playwright's "networkidle"
    waits a fixed 0.5 s of quiet, which the phone walk paid on each of its ~330 page visits;
    a panel's follow-up request starts within milliseconds of the answer before it."""
    tracker: PageRequests = page.requests_in_flight
    deadline = time.monotonic() + at_most
    while time.monotonic() < deadline:
        if not tracker.open and time.monotonic() - tracker.last_change >= quiet_for:
            return
        page.wait_for_timeout(25)  # Playwright delivers the page's events while it waits
    still = sorted(request.url for request in tracker.open)
    raise TimeoutError(f"the page kept requests open for {at_most} s: {still}")


def screenshot(page: Any, name: str, *, folder: Path = SCREENSHOTS) -> Path:
    """Save a full-page screenshot as ``<folder>/<name>.png`` (``var/screenshots/``).

    Taken through Chromium's own DevTools call with its PNG encoder set for speed, not size:
    the same picture as Playwright's ``page.screenshot(full_page=True)`` in half the time
    (0.62 → 0.32 s a page at 1,440 px; the files ~25 % larger). The phone walk takes ~490."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    session = getattr(page, "screenshot_session", None)
    if session is None:
        session = page.screenshot_session = page.context.new_cdp_session(page)
    width, height = page.evaluate(
        """() => document.fonts.ready.then(() => {
             const root = document.documentElement, body = document.body;
             return [Math.max(root.scrollWidth, body ? body.scrollWidth : 0),
                     Math.max(root.scrollHeight, body ? body.scrollHeight : 0)];
           })"""
    )
    shot = session.send(
        "Page.captureScreenshot",
        {
            "format": "png",
            "optimizeForSpeed": True,
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def menu_unfold(page: Any) -> None:
    """Below 1400 px the menu bar is folded behind its toggler: open it, and wait for it to open."""
    if page.locator(".navbar-toggler").is_visible():
        page.click(".navbar-toggler")
        # The bar slides open; a click on an item while it moves can miss.
        page.locator(".navbar-collapse.show:not(.collapsing)").wait_for()


def language_choose(page: Any, code: str) -> None:
    """Choose the page's language in the user's menu (a form post: wait for the next page).

    The user's menu opens by script; on a loaded machine the first click can come before the
    script is ready, so the menu is opened again until its language list shows.
    """
    menu_unfold(page)
    choice = page.locator("select[name=language]")
    for _ in range(5):
        if choice.is_visible():
            break
        page.click("[data-testid=whoami]")
        try:
            choice.wait_for(state="visible", timeout=3000)
        except PlaywrightTimeout:
            continue
    with page.expect_navigation():
        choice.select_option(code)
