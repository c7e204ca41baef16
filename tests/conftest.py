from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from tests.browser import browser, browser_page, live_login, live_server  # noqa: F401  (browser tests' fixtures)
from tests.integrations.dingtalk_server import dingtalk_server  # noqa: F401  (a local DingTalk API)
from tests.integrations.ldap_server import ldap_directory  # noqa: F401  (a local slapd)
from tests.integrations.oidc_server import oidc_provider  # noqa: F401  (a local OpenID provider)
from tests.integrations.robot_server import robot_server, worker_run  # noqa: F401  (a local webhook server, the worker)
from tests.integrations.wecom_server import wecom_server  # noqa: F401  (a local WeCom API)
from tests.personas import PASSWORD, Company, build_company
from tests.processes import migrated_template, template_for_processes  # noqa: F401  (fixture)
from tests.scope.world import world  # noqa: F401  (every route's subject, built once a module)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request, tmp_path_factory):
    """pytest-django's test database; when a test starts processes on a database of their own
    (tests.processes), a copy of it as migrations left it, made before any test writes."""
    with django_db_blocker.unblock():
        template = template_for_processes(request.session.items, tmp_path_factory.mktemp("db"))
    yield
    if template is not None:
        with django_db_blocker.unblock():
            template.drop()


@pytest.fixture
def company(db: None) -> Company:
    return build_company()


@pytest.fixture(scope="module")
def company_shared(django_db_setup, django_db_blocker) -> Iterator[Company]:
    """The personas' company built once for a module of many small tests that only read it
    (``company`` builds it for each test). It is built inside a transaction rolled back at the
    module's end, and each test's own transaction (``db``, which the test must ask for) nests
    inside it, so what a test writes is undone after it; the personas' Python objects are
    shared, so a test must not change them."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS):  # as ``_fast_passwords`` below
            company = build_company()
        yield company
        transaction.set_rollback(True)


@pytest.fixture
def login(client: Client):
    """``login(person)`` signs the test client in as that person and returns the client."""

    def _login(person) -> Client:
        assert client.login(username=person.user.username, password=PASSWORD)
        return client

    return _login


@pytest.fixture(scope="session", autouse=True)
def _static_files_looked_up_when_asked() -> Iterator[None]:
    """WhiteNoise indexes every collected static file (some 280) when its middleware is made,
    and the test client makes the middleware anew for each test that asks for ``client``: 25 ms
    of CPU a test, over a thousand tests a suite. No test asks the client for a static file
    (the live server serves them before the middleware), so WhiteNoise looks a file up when
    one is asked for instead, as it does under ``DEBUG``."""
    with override_settings(WHITENOISE_AUTOREFRESH=True):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Real hashers are slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _secret_key(settings) -> None:
    # Tests run as production does (DEBUG off), so with a key of their own: a server refuses
    # the built-in development key then (salestarget.ops.serving).
    settings.SECRET_KEY = "tests-only-" + "k" * 50


@pytest.fixture(autouse=True)
def _default_language() -> None:
    # A request in English leaves English active in the thread; each test starts in zh-Hans.
    translation.activate(django_settings.LANGUAGE_CODE)


def demo_small_loaded(django_db_blocker):
    """Load the small demo company, yield its ``DemoSummary``, wipe it afterwards."""
    from salestarget.demo.loader import demo_load, demo_wipe
    from salestarget.demo.scales import DEFAULT_SEED, SCALES

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
    ):
        # Into an empty database with its ids started again (a flush restarts PostgreSQL's
        # sequences, which the rollbacks of the tests before left moved on), as a first
        # ``salestarget demo`` would load it: the determinism test reloads it with
        # ``--reset`` and compares (tests/demo_seed/test_determinism.py).
        demo_wipe()
        summary = demo_load(scale=SCALES["small"], seed=DEFAULT_SEED)
    _shared_demo["loaded"] = True
    yield summary
    _shared_demo["loaded"] = False
    with django_db_blocker.unblock():
        demo_wipe()


# Whether the suite's one load of the small demo is in the database now.
_shared_demo = {"loaded": False}


@pytest.fixture(scope="session")
def demo_small(django_db_setup, django_db_blocker):
    """The small demo company (every person, 400 customers, ~40k sales lines, three years),
    loaded once for the whole run by the first test that asks for it and wiped at its end.
    A load takes 15–20 s; a load per module cost CI minutes a suite.

    The tests that ask for it run last, one after another (``pytest_collection_modifyitems``
    below), so no other test finds the demo in the database. Tests using it also need ``db``
    (their changes roll back; the demo stays). Sign in as a demo user with
    ``client.login(username="mgr_north", password=demo_small.password)``. Returns the load's
    ``DemoSummary`` (``counts``, ``first_day``, ``last_day``).
    """
    yield from demo_small_loaded(django_db_blocker)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # After pytest-django's order (database tests, then transactional ones, then the rest):
    # the tests on the shared demo move to the end in that same order, so the demo is loaded
    # once, after every test that expects an empty company. A transactional one among them
    # (the phone walk) empties the database after itself; only such tests follow it.
    items.sort(key=lambda item: "demo_small" in getattr(item, "fixturenames", ()))


def pytest_runtest_setup(item: pytest.Item) -> None:
    if _shared_demo["loaded"] and "demo_small" not in getattr(item, "fixturenames", ()):
        pytest.fail(
            "the shared demo is loaded and this test does not ask for it: the demo's tests "
            "must run last (tests/conftest.py pytest_collection_modifyitems)"
        )
