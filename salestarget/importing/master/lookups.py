"""Stored master data as frames, and the matching of a file's rows against it: the stored
record of each code, references by code or exact name, what changed, what lies in scope."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl
from django.db import models

from salestarget.importing.kinds import KindSpec
from salestarget.importing.lookups import resolve
from salestarget.importing.master.step import Step
from salestarget.importing.master.values import CODE


def model_frame(
    queryset: models.QuerySet[Any],
    schema: Mapping[str, Any],
    fields: Mapping[str, str] | None = None,
) -> pl.DataFrame:
    """Stored records as a frame with ``schema``; ``fields`` renames (frame column → model
    field, e.g. ``{"code": "employee_no"}``)."""
    names = list(schema)
    source = [(fields or {}).get(n, n) for n in names]
    rows = list(queryset.order_by().values_list(*source))
    return pl.DataFrame(rows, schema=dict(schema), orient="row")


def key_field(kind: KindSpec) -> str:
    return next(f.name for f in kind.fields if f.type == CODE)


def with_stored(
    step: Step,
    df: pl.DataFrame,
    model: type[models.Model],
    stored: Mapping[str, Any],
    *,
    key: str = "code",
) -> pl.DataFrame:
    """``df`` with ``_id`` and ``db_<field>`` (``stored``: field → dtype) of the stored record
    whose ``key`` is the row's code; fetched a slice of 5,000 codes per query."""
    column = f"v_{key_field(step.kind)}"
    codes = sorted(set(df[column].drop_nulls().to_list()))
    schema = {"_id": pl.Int64, "_key": pl.String} | {f"db_{f}": t for f, t in stored.items()}
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(codes), 5000):
        rows += model._default_manager.filter(
            **{f"{key}__in": codes[start : start + 5000]}
        ).values_list("pk", key, *stored)
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return df.join(frame, left_on=column, right_on="_key", how="left", maintain_order="left")


def match(
    df: pl.DataFrame,
    column: str,
    lookup: pl.DataFrame,
    *,
    what: str,
    out: str,
    create: bool | pl.Expr = False,
) -> pl.DataFrame:
    """``<out>_id`` of the record each cell of ``column`` names (code first, then exact
    name); ``<out>_new`` where it names nothing and ``create`` (for every row, or the rows
    where the expression holds) allows making it from the name; ``<out>_reason`` where it
    names nothing (or several records) and cannot be made."""
    ids, reasons = resolve(df, column, lookup, what=what)
    df = df.with_columns(ids.alias(f"{out}_id"), reasons.alias(f"{out}_reason"))
    if create is False:
        return df.with_columns(pl.lit(False).alias(f"{out}_new"))
    allowed = pl.lit(True) if create is True else create
    names = lookup["name"].unique().implode()
    value = pl.col(column)
    # A name several records share is not "missing": it stays an error (use the code).
    new = allowed & pl.col(f"{out}_id").is_null() & value.is_not_null() & ~value.is_in(names)
    return df.with_columns(
        new.alias(f"{out}_new"),
        pl.when(new).then(None).otherwise(pl.col(f"{out}_reason")).alias(f"{out}_reason"),
    )


def differs(pairs: Iterable[tuple[str, str]]) -> pl.Expr:
    """A stored record whose (new column, stored column) pairs differ anywhere (null-safe)."""
    expr = pl.lit(False)
    for new, old in pairs:
        expr = expr | pl.col(new).ne_missing(pl.col(old))
    return pl.col("_id").is_not_null() & expr


def in_scope(scope: Any, path: pl.Expr) -> pl.Expr:
    """Whether a node path lies inside the scope (column-wise)."""
    if scope.everything:
        return pl.lit(True)
    if not scope.root_paths:
        return pl.lit(False)
    inside = pl.lit(False)
    for root in scope.root_paths:
        inside = inside | path.str.starts_with(root)
    return inside.fill_null(False)
