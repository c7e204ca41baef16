"""Trees in a master-data file (regions, org nodes): each row names its parent by code or by
exact name, in the same file or already stored, in any order.

The tree after the import (the stored nodes with the file's rows laid over them) is levelled
set-based: the roots are level 0, then each pass joins the next level to the one above, so a
parent given after its children is fine and a file costs as many joins as the tree is deep.
Whatever never reaches a root lies on (or below) a cycle and is named with the chain. Writing
goes level by level (a new parent gets its id before its children are inserted), then the
materialised paths of the whole tree are recomputed and only the changed ones updated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import polars as pl
from django.db import models
from django.utils.translation import gettext as _

from salestarget.importing.kinds import WriteResult
from salestarget.importing.lookups import resolve
from salestarget.importing.master.step import Step
from salestarget.importing.master.values import reason_if
from salestarget.importing.master.writing import BATCH
from salestarget.importing.reading import ROW


def with_stored_nodes(df: pl.DataFrame, stored: pl.DataFrame) -> pl.DataFrame:
    """``df`` with ``_id`` and ``db_<column>`` of the stored node of each row's code, and
    ``db_parent_code``. ``stored`` holds every node: id, code, parent_id and more."""
    codes = stored.select(pl.col("id").alias("parent_id"), pl.col("code").alias("parent_code"))
    stored = stored.join(codes, on="parent_id", how="left")
    renamed = stored.select(
        pl.col("code").alias("_key"),
        pl.col("id").alias("_id"),
        *(pl.col(c).alias(f"db_{c}") for c in stored.columns if c not in ("id", "code")),
    )
    return df.join(renamed, left_on="v_code", right_on="_key", how="left", maintain_order="left")


def tree_parents(step: Step, df: pl.DataFrame, stored: pl.DataFrame, *, what: str) -> pl.DataFrame:
    """Adds ``parent_code`` (null: a root), ``parent_id`` (when the parent is stored),
    ``parent_in_file`` and ``depth`` (null on a cycle); errors name unknown parents and cycles.

    A file without a parent column keeps each stored node's parent (new nodes are roots); with
    one, an empty cell makes the node a root."""
    first = df.filter(pl.col("v_code").is_not_null()).unique("v_code", keep="first")
    in_file = first["v_code"].implode()
    stored_codes = stored.select("id", "code", "parent_id").join(
        stored.select(pl.col("id").alias("parent_id"), pl.col("code").alias("parent")),
        on="parent_id",
        how="left",
    )
    stored_only = stored_codes.filter(~pl.col("code").is_in(in_file))
    if step.mapped("parent"):
        candidates = pl.concat(
            [
                first.select(
                    pl.col("v_code").alias("code"),
                    pl.coalesce(pl.col("v_name"), pl.col("db_name")).alias("name"),
                ),
                stored_only.join(stored.select("id", "name"), on="id").select("code", "name"),
            ]
        ).with_row_index("id")
        candidates = candidates.with_columns(pl.col("id").cast(pl.Int64))
        ids, reasons = resolve(df, "v_parent", candidates, what=what)
        df = df.with_columns(ids.alias("_parent_index"))
        df = df.join(
            candidates.select(
                pl.col("id").alias("_parent_index"), pl.col("code").alias("parent_code")
            ),
            on="_parent_index",
            how="left",
            maintain_order="left",
        ).drop("_parent_index")
        step.errors.add(df.with_columns(reasons.alias("_r")), "parent", pl.col("_r"))
    else:
        df = df.with_columns(pl.col("db_parent_code").alias("parent_code"))
    df = df.join(
        stored.select(pl.col("code").alias("parent_code"), pl.col("id").alias("parent_id")),
        on="parent_code",
        how="left",
        maintain_order="left",
    ).with_columns(pl.col("parent_code").is_in(in_file).fill_null(False).alias("parent_in_file"))

    first = df.filter(pl.col("v_code").is_not_null()).unique("v_code", keep="first")
    edges = pl.concat(
        [
            first.select(pl.col("v_code").alias("code"), pl.col("parent_code").alias("parent")),
            stored_only.select("code", "parent"),
        ]
    )
    depths = _levels(edges)
    df = df.join(depths.rename({"code": "v_code"}), on="v_code", how="left", maintain_order="left")
    on_cycle = pl.col("v_code").is_not_null() & pl.col("depth").is_null()
    cycles = df.filter(on_cycle)
    if cycles.height:
        parent_of = dict(edges.iter_rows())
        chains = {code: _chain(code, parent_of) for code in cycles["v_code"].to_list()}
        df = df.with_columns(
            pl.col("v_code")
            .replace_strict(chains, default=None, return_dtype=pl.String)
            .alias("_chain")
        )
        step.errors.add(
            df,
            "parent" if step.mapped("parent") else "code",
            reason_if(on_cycle, pl.format(_("上级关系形成循环：{}"), pl.col("_chain"))),
        )
        df = df.drop("_chain")
    return df


def _levels(edges: pl.DataFrame) -> pl.DataFrame:
    """code → depth (0 for roots), one join per level; codes on or below a cycle stay null."""
    graph = edges.with_columns(
        pl.when(pl.col("parent").is_null()).then(pl.lit(0)).otherwise(None).alias("depth")
    )
    unknown = graph["depth"].null_count()
    while unknown:
        known = graph.filter(pl.col("depth").is_not_null()).select(
            pl.col("code").alias("parent"), (pl.col("depth") + 1).alias("_below")
        )
        graph = graph.join(known, on="parent", how="left").with_columns(
            pl.coalesce(pl.col("depth"), pl.col("_below")).alias("depth")
        )
        graph = graph.drop("_below")
        still = graph["depth"].null_count()
        if still == unknown:
            break
        unknown = still
    return graph.select("code", "depth")


def _chain(code: str, parent_of: Mapping[str, str | None]) -> str:
    """ "A → B → C → A": from ``code`` up to the first code met twice."""
    seen: list[str] = []
    current: str | None = code
    while current is not None and current not in seen:
        seen.append(current)
        current = parent_of.get(current)
    return " → ".join([*seen, current or "?"])


def with_parent(df: pl.DataFrame, stored: pl.DataFrame, columns: Mapping[str, str]) -> pl.DataFrame:
    """``parent_<name>`` for each ``columns`` item (name → the row's final column in ``df``,
    e.g. ``{"level": "level"}``), from the parent's row in the file or its stored record."""
    first = df.filter(pl.col("v_code").is_not_null()).unique("v_code", keep="first")
    in_file = first["v_code"].implode()
    nodes = pl.concat(
        [
            first.select(
                pl.col("v_code").alias("parent_code"),
                *(pl.col(col).alias(f"parent_{name}") for name, col in columns.items()),
            ),
            stored.filter(~pl.col("code").is_in(in_file)).select(
                pl.col("code").alias("parent_code"),
                *(pl.col(name).alias(f"parent_{name}") for name in columns),
            ),
        ],
        how="vertical_relaxed",
    )
    return df.join(nodes, on="parent_code", how="left", maintain_order="left")


def tree_orphans(step: Step, df: pl.DataFrame) -> None:
    """A row whose parent is a bad row of the same file cannot be written either (when only
    the good rows are imported): named, level by level down."""
    bad = set(step.errors.frame()["row"].drop_nulls().to_list())
    rows = df.select(ROW, "v_code", "parent_code", "parent_in_file")
    flagged: set[int] = set()
    while True:
        bad_codes = rows.filter(pl.col(ROW).is_in(list(bad)))["v_code"].drop_nulls().implode()
        newly = rows.filter(
            pl.col("parent_in_file")
            & pl.col("parent_code").is_in(bad_codes)
            & ~pl.col(ROW).is_in(list(bad))
        )[ROW].to_list()
        if not newly:
            break
        bad.update(newly)
        flagged.update(newly)
    if flagged:
        step.errors.add(
            df,
            "parent" if step.mapped("parent") else "code",
            reason_if(
                pl.col(ROW).is_in(list(flagged)),
                pl.format(_("上级“{}”所在的行有错误，本行不能导入"), pl.col("parent_code")),
            ),
        )


def tree_store(
    model: type[models.Model],
    rows: pl.DataFrame,
    build: Callable[[dict[str, Any]], models.Model],
    fields: Sequence[str],
    *,
    with_depth: bool,
) -> WriteResult:
    """Insert new nodes a level at a time (parents first), update the changed ones, then
    recompute the materialised paths."""
    created: dict[str, int] = {}

    def parent_id(r: dict[str, Any]) -> int | None:
        if r["parent_code"] is None:
            return None
        return r["parent_id"] or created[r["parent_code"]]

    inserted = 0
    for depth in sorted(rows["depth"].drop_nulls().unique().to_list()):
        new = []
        level = rows.filter((pl.col("depth") == depth) & pl.col("_id").is_null())
        for r in level.iter_rows(named=True):
            obj = build(r)
            obj.parent_id = parent_id(r)  # type: ignore[attr-defined]
            new.append(obj)
        model._default_manager.bulk_create(new, batch_size=BATCH)
        created |= {obj.code: obj.pk for obj in new}  # type: ignore[attr-defined]
        inserted += len(new)
    updates = []
    for r in rows.filter(pl.col("_id").is_not_null() & pl.col("_changed")).iter_rows(named=True):
        obj = build(r)
        obj.pk = r["_id"]
        obj.parent_id = parent_id(r)  # type: ignore[attr-defined]
        updates.append(obj)
    if updates:
        model._default_manager.bulk_update(updates, [*fields, "parent"], batch_size=BATCH)
    tree_repath(model, with_depth=with_depth)
    return WriteResult(
        inserted=inserted, updated=len(updates), unchanged=rows.height - inserted - len(updates)
    )


def tree_repath(model: type[models.Model], *, with_depth: bool) -> int:
    """Recompute every node's path ("/1/5/17/") from the parents; update the changed ones."""
    columns = ["pk", "parent_id", "path", *(["depth"] if with_depth else [])]
    children: dict[int | None, list[tuple[Any, ...]]] = defaultdict(list)
    for row in model._default_manager.order_by().values_list(*columns):
        children[row[1]].append(row)
    updates = []
    stack = [(row, "/") for row in children[None]]
    while stack:
        row, above = stack.pop()
        path = f"{above}{row[0]}/"
        depth = path.count("/") - 2
        if row[2] != path or (with_depth and row[3] != depth):
            obj = model(pk=row[0], path=path)
            if with_depth:
                obj.depth = depth  # type: ignore[attr-defined]
            updates.append(obj)
        stack.extend((child, path) for child in children[row[0]])
    fields = ["path", "depth"] if with_depth else ["path"]
    model._default_manager.bulk_update(updates, fields, batch_size=BATCH)
    return len(updates)
