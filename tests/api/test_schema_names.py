"""Every schema of the API has a name of its own. The OpenAPI document keys its schemas by
class name, so a second ``ReportOut`` silently replaced the first: the weekly report's
answers were then checked against the daily work report's fields (found by the fuzz test)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ninja import Schema

from salestarget.api import api


def subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_no_two_schemas_share_a_name(db: None) -> None:
    assert api.get_openapi_schema()["components"]["schemas"]  # every router is loaded
    modules: dict[str, set[str]] = defaultdict(set)
    for schema in subclasses(Schema):
        if schema.__module__.startswith("salestarget."):
            modules[schema.__name__].add(schema.__module__)
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}
