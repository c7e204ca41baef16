"""Caching what is read often and changes only on import.

Every cached value is keyed on the facts version (``FactsVersion.token``), which the rollups
change inside the writing transaction (``actuals.rollups.rollups_changed``). Reading the version
is one indexed single-row query per request, so a cache that is local to each server process
(the default locmem backend) is still correct with several workers: a worker whose entries
belong to an old version simply never reads them again. Targets are not cached: they are few,
change through many services and are read fresh.

The ``tracking`` cache alias (settings) may point at a shared backend (file, database, Redis) to
compute each figure once for all workers instead of once per worker.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import InvalidCacheBackendError, caches
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from salestarget.tracking.models import FactsVersion

T = TypeVar("T")
TIMEOUT = 24 * 3600
NO_VERSION = "none"


def facts_version() -> str:
    """The current token; the first read in a database that has none yet creates one."""
    token = FactsVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        try:
            with transaction.atomic():
                row, _created = FactsVersion.objects.get_or_create(
                    pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
                )
            token = row.token
        except (IntegrityError, OperationalError):  # a concurrent first read won, or read-only
            token = FactsVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    return token or NO_VERSION


def facts_version_bump(**_kwargs: Any) -> None:
    """A new token: every cached figure is recomputed on its next read."""
    FactsVersion.objects.update_or_create(
        pk=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
    )


def _cache() -> Any:
    try:
        return caches["tracking"]
    except InvalidCacheBackendError:
        return caches["default"]


def cache_key(name: str, *parts: Any) -> str:
    """A stable key: ``parts`` must have a deterministic ``repr`` (no sets; sort them)."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"tracking:{name}:{digest}"


def cached(name: str, parts: tuple[Any, ...], compute: Callable[[], T], *, version: str) -> T:
    """``compute()`` once per facts ``version`` and ``parts``; the value must pickle. Without
    a version (no rollup was ever written in this database) nothing is cached."""
    if version == NO_VERSION:
        return compute()
    key = cache_key(name, version, *parts)
    store = _cache()
    hit = store.get(key)
    if hit is not None:
        return hit[0]  # type: ignore[no-any-return]
    value = compute()
    store.set(key, (value,), TIMEOUT)
    return value


def cache_clear() -> None:
    _cache().clear()
