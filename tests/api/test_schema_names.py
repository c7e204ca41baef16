"""OpenAPI names a body or answer schema by its class name alone: two apps' ``PlanOut`` were
one component in /api/openapi.json, so targets' plans were documented (and validated) as
incentives' commission plans. Every schema class of ours has a name of its own."""

from __future__ import annotations

from collections import Counter

from ninja import Schema

import salestarget.api  # noqa: F401  (mounts every app's router, importing its schemas)


def _ours(cls: type) -> list[type]:
    found = [cls] if cls.__module__.startswith("salestarget.") else []
    return found + [s for sub in cls.__subclasses__() for s in _ours(sub)]


def test_every_api_schema_has_a_name_of_its_own() -> None:
    names = Counter(cls.__name__ for cls in set(_ours(Schema)))
    assert [name for name, n in names.items() if n > 1] == []
