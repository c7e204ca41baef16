"""What the import flow needs from the company, given by ``org`` when it is ready: the scope a
user imports in (``None``: the system, for the command line and the worker without a user) and
the company's currency. The import flow sits below ``org`` and may not ask it directly."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ImportContext:
    scope_of: Callable[[Any], Any]  # user (or None) → org.scoping.Scope
    request_scope: Callable[[Any], Any]  # HttpRequest → its Scope (computed once per request)
    currency: Callable[[], str]


_CONTEXT: list[ImportContext] = []


def context_register(context: ImportContext) -> None:
    _CONTEXT[:] = [context]


def import_context() -> ImportContext:
    if not _CONTEXT:
        raise RuntimeError("no import context: salestarget.org registers it when ready")
    return _CONTEXT[0]
