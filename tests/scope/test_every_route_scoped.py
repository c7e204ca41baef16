"""Scope by construction: every page and every API operation is asked, as a rep, as the
manager of another subtree and as finance, about something of 华北 / 王小明, and answers as
``tests/scope/cases/`` says. A route without a line there fails the first test, so a new
page cannot ship unchecked."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from salestarget.api import api
from tests.scope.cases import (
    ADMIN_NAMESPACE,
    ADMIN_SAMPLES,
    CASES,
    DENIED,
    KNOWN_BROKEN,
    OWN,
    PASSES,
    REFUSED,
    UNSCOPED,
    Case,
)
from tests.scope.world import World

PERSONAS = ("rep", "manager_east", "finance")
# What each persona must never be shown about the other side of the company.
FOREIGN: dict[str, tuple[str, ...]] = {
    # names of people, customers and teams, and each side's only sale (62,000 / 30,000)
    "rep": ("陈小红", "上海客户", "周经理", "62,000", "62000"),
    "manager_east": ("王小明", "北京客户", "李经理", "吴组长", "北京一组", "30,000", "30000"),
    "finance": (),
}


def page_routes() -> Iterator[str]:
    """The name of every URL pattern, ``namespace:name`` inside an app."""

    def walk(patterns: list, namespace: str | None) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern):
                yield f"{namespace}:{p.name}" if namespace else str(p.name)

    yield from walk(get_resolver().url_patterns, None)


def api_operations() -> Iterator[str]:
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path}"


def all_routes() -> set[str]:
    # The admin site's pages all sit behind its staff gate (``test_the_django_admin_…``).
    pages = {r for r in page_routes() if not r.startswith(f"{ADMIN_NAMESPACE}:")}
    # The API's own URL patterns are its operations, enumerated from the schema.
    pages = {r for r in pages if not r.startswith("api:") or r in UNSCOPED}
    return pages | set(api_operations())


def test_every_route_has_a_scope_case() -> None:
    routes = all_routes()
    missing = sorted(routes - CASES.keys() - UNSCOPED.keys())
    assert not missing, (
        "These routes have no scope case: add a line for each to its area in tests/scope/cases/ "
        "(see docs/engineering.md, 'Scope by construction'):\n  " + "\n  ".join(missing)
    )
    stale = sorted((CASES.keys() | UNSCOPED.keys()) - routes)
    assert not stale, f"cases for routes that no longer exist: {stale}"


def _readable(response) -> str:
    """The text a person would read in the answer, whatever its format."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )
    if "json" in kind and body:
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8", errors="replace")


def _judged_by_the_service(response) -> bool:
    """A 422 of the service (``{"detail": "invalid", ...}`` or a rejected batch), not one of
    the request schema (``{"detail": [{"loc": ...}]}``) that never reached the service."""
    answer = json.loads(response.content)
    return not isinstance(answer.get("detail"), list)


def _ask(client: Client, case: Case, ids: dict[str, int]):
    request, *_answers = case[:4]
    body = case[4] if len(case) > 4 else None
    method, path = request.split(" ", 1)
    path = path.format(**ids)
    if body is not None:
        body = {k: v.format(**ids) if isinstance(v, str) else v for k, v in body.items()}
    if path.startswith("/api/"):
        payload = json.dumps(body or {})
        return client.generic(method, path, payload, content_type="application/json")
    if method == "GET":
        return client.get(path)
    return client.post(path, body or {})


@pytest.mark.parametrize(
    "route",
    [
        pytest.param(r, marks=pytest.mark.xfail(reason=KNOWN_BROKEN[r])) if r in KNOWN_BROKEN else r
        for r in sorted(CASES)
    ],
)
def test_the_route_answers_each_persona_within_their_scope(
    route: str, world: World, client: Client, db: None
) -> None:
    case = CASES[route]
    ids = world.ids()
    wrong = []
    for persona, expected in zip(PERSONAS, case[1:4], strict=True):
        client.force_login(getattr(world.company, persona).user)
        response = _ask(client, case, ids)
        status = response.status_code
        if expected in (DENIED, REFUSED):
            if status in (403, 404) or (
                expected == REFUSED
                and status == 422
                and "outside your scope" in _readable(response)
            ):
                continue
            wrong.append(f"{persona}: expected to be kept out, got {status}")
            continue
        if expected == PASSES and status == 422 and _judged_by_the_service(response):
            continue
        assert expected in (OWN, PASSES)
        if status >= 400:
            wrong.append(f"{persona}: expected an answer, got {status}")
            continue
        shown = [m for m in FOREIGN[persona] if m in _readable(response)]
        if shown:
            wrong.append(f"{persona}: shown what is outside their scope: {shown}")
    assert not wrong, f"{route} ({case[0]}):\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("path", ADMIN_SAMPLES)
def test_the_django_admin_lets_none_of_them_in(path: str, world: World, db: None) -> None:
    client = Client()
    for persona in PERSONAS:
        user: User = getattr(world.company, persona).user
        assert not user.is_staff
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
