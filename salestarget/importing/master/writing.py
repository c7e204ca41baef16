"""Writing master data: upsert by code in bulk, and codes for records made from names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl
from django.db import models

from salestarget.importing.kinds import WriteResult

BATCH = 500  # rows per INSERT / UPDATE statement


def upsert(
    model: type[models.Model],
    rows: pl.DataFrame,
    build: Callable[[dict[str, Any]], models.Model],
    fields: Sequence[str],
) -> tuple[WriteResult, list[models.Model]]:
    """Insert the rows without ``_id``, update the ``_changed`` ones (only ``fields``).
    Returns the counts and the new records (with their ids)."""
    new = [build(r) for r in rows.filter(pl.col("_id").is_null()).iter_rows(named=True)]
    model._default_manager.bulk_create(new, batch_size=BATCH)
    updates = []
    for r in rows.filter(pl.col("_id").is_not_null() & pl.col("_changed")).iter_rows(named=True):
        obj = build(r)
        obj.pk = r["_id"]
        updates.append(obj)
    if updates:
        model._default_manager.bulk_update(updates, list(fields), batch_size=BATCH)
    result = WriteResult(
        inserted=len(new), updated=len(updates), unchanged=rows.height - len(new) - len(updates)
    )
    return result, new


def new_codes(
    names: Iterable[str], taken: set[str], *, prefix: str = "", max_length: int = 40
) -> dict[str, str]:
    """A code for each record made from a name in the file: the name itself when that code
    is free, else ``prefix-name``, else the name and a number."""
    codes: dict[str, str] = {}
    for name in names:
        candidates = [name[:max_length]]
        if prefix:
            candidates.append(f"{prefix}-{name}"[:max_length])
        code = next((c for c in candidates if c not in taken), "")
        n = 2
        while not code:
            tail = f"-{n}"
            attempt = f"{name[: max_length - len(tail)]}{tail}"
            code = attempt if attempt not in taken else ""
            n += 1
        taken.add(code)
        codes[name] = code
    return codes
