"""The demo's own tests share one load of the small demo across their modules (a load takes
15–20 s; each module loading its own cost CI about a minute and a half a suite). Every test in
this package may therefore find the demo loaded. A test that needs an empty database to load
a company itself lives outside (tests/demo_seed): a ``--reset`` starts the ids again, and on
PostgreSQL the sequences, which a rollback does not undo, would be left below the shared
demo's ids."""

from __future__ import annotations

import pytest

from tests.conftest import demo_small_loaded


@pytest.fixture(scope="package")
def demo_small(django_db_setup, django_db_blocker):
    """The small demo company, loaded once for every module of tests/demo."""
    yield from demo_small_loaded(django_db_blocker)
