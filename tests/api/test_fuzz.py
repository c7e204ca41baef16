"""Schemathesis over /api/openapi.json: every operation gets generated requests (valid and
not), as the admin and as a rep, through the WSGI app (no server). No answer may be a
server error, and every answer's status, content type and body are the ones the schema
documents.

On PostgreSQL (production's database) each operation also gets schemathesis's coverage
phase: every parameter and body field at its edges, missing, of the wrong type, and the
schema's own examples — about nine in ten of the requests, minutes on the two-core machine.
The SQLite suite runs the generated requests only; ``make test`` runs both suites, so each CI
run sends the coverage cases once and the generated requests on both databases. For the whole
on one machine:
``DATABASE_URL=$(scripts/pg-test-server url) .venv/bin/pytest tests/api/test_fuzz.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from salestarget.api import api
from salestarget.org.auth import api_token_create
from tests.scope.world import World

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Enough to reach every parameter and body field of each operation a few times; the whole
# run stays within about two minutes on the two-core machine.
EXAMPLES = 4
# Hypothesis's explicit phase carries schemathesis's coverage cases and the schema's examples.
PHASES = [Phase.explicit, Phase.generate] if connection.vendor == "postgresql" else [Phase.generate]

pytestmark = pytest.mark.fuzz
# Django's WSGI handler as a server would run it (salestarget.wsgi also checks the production
# key, which a test does not need).
application = get_wsgi_application()


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request, as a server must;
    the test's transaction lives on it, so keep it open (what Django's test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world: World, db: None, _connection_kept: None) -> dict[str, str]:
    company = world.company
    return {
        who: api_token_create(user=getattr(company, who).user, name="fuzz")
        for who in ("admin", "rep")
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    phases=PHASES,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_generated_request_breaks_the_api(case, tokens: dict[str, str]) -> None:
    for token in tokens.values():
        response = case.call(app=application, headers={"Authorization": f"Bearer {token}"})
        case.validate_response(response, checks=CHECKS)
