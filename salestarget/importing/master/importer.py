"""The importer of master data (customers, products, regions, customer types, channels, org
nodes, people: declared by ``catalog.importing`` and ``org.importing``).

They run through the import flow every kind shares (``salestarget.importing``: reading,
header suggestions remembered per source, column-wise normalising, the error log and its
report, the pages, ``salestarget import`` and the API) with steps of their own (the kind's
importer, a :class:`MasterImporter`):

prepare: map columns → normalise each typed column → required values and codes repeated in the
file → the kind's own check (references by code first, then by exact name; parents; scope;
the services' rules, set-based) → rows ready to write and every error (row, column, value,
reason). Nothing is written.

write: upsert by code inside the caller's transaction — bulk inserts of the new codes and bulk
updates of the changed rows; codes not in the file are left alone (nothing is deactivated).
The number of queries does not grow with the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.fields import units_to_decimal
from salestarget.importing.errors import ErrorLog
from salestarget.importing.kinds import MONEY, KindSpec, Options, Prepared, WriteResult
from salestarget.importing.master.named import codes_of_stored_names, names_as_codes
from salestarget.importing.master.step import Step
from salestarget.importing.master.values import CODE, Choices, master_normalise
from salestarget.importing.prepared import check_mapping, refused
from salestarget.importing.reading import ROW, Table

UPSERT_RULE = gettext_lazy(
    "按编码更新：编码已存在的记录被更新，不存在的被新建；文件中没有的记录保持不变，不会被停用。"
)
MATCH_RULE = gettext_lazy(
    "引用的记录（上级、客户类型、区域、渠道、负责人……）先按编码匹配，再按完整名称精确匹配。"
)
ACTION = "_action"


# --- the importer of one kind --------------------------------------------------------------


Check = Callable[[Step, pl.DataFrame], pl.DataFrame]
Store = Callable[[pl.DataFrame], WriteResult]


@dataclass(frozen=True)
class MasterImporter:
    """The steps of one master-data kind (see the module docstring).

    ``check`` gets the normalised frame (``ROW``, ``v_<field>`` for every field, null where the
    file has no such column) and returns the rows to write: ``_id`` (the stored record with the
    same code, or null), ``_changed`` (a stored record that the file changes) and what ``store``
    needs. ``preview`` lists the columns shown on the mapping page, with their headings.
    """

    list_url: str
    check: Check
    store: Store
    require: Callable[[Any], None]  # raises PermissionDenied unless the scope may import it
    preview: tuple[tuple[str, str | Promise], ...]
    choices: Mapping[str, Choices] = field(default_factory=dict)
    create_missing: str | Promise = ""  # the label of the option, where the kind offers it
    create_new: str | Promise = ""  # facts only: master data names no other records
    english: Mapping[str, str] = field(default_factory=dict)  # template headers in English
    example: Mapping[str, str] = field(default_factory=dict)  # the template's example row
    whole_file: bool = True  # a parent or a duplicate may come later in the file
    # Where a file of names without codes imports, keyed by name (``master.named``): the
    # model whose stored names give their codes.
    named: type[models.Model] | None = None

    def prepare(
        self,
        *,
        kind: KindSpec,
        table: Table,
        mapping: dict[str, str],
        options: Options,
        flags: Mapping[str, object],
        scope: Any,
        source: str,
    ) -> MasterPrepared:
        return master_prepare(
            kind=kind,
            importer=self,
            table=table,
            mapping=mapping,
            options=options,
            scope=scope,
            create_missing=bool(self.create_missing) and bool(flags.get("create_missing")),
        )

    def write(
        self,
        *,
        kind: KindSpec,
        prepared: Prepared,
        flags: Mapping[str, object],
        scope: Any,
        source: str,
        batch_id: int | None,
    ) -> WriteResult:
        return self.store(prepared.good)


@dataclass
class MasterPrepared(Prepared):
    """The checked rows, with the columns the mapping page previews."""

    preview_columns: list[tuple[str, str]] = field(default_factory=list)
    money_columns: frozenset[str] = frozenset()

    def preview(self, limit: int) -> tuple[list[str], list[dict[str, Any]]]:
        """Headings, and the first ``limit`` rows as {row, cells} (money as decimals)."""
        names = [c for c, _label in self.preview_columns if c in self.rows.columns]
        headings = [label for c, label in self.preview_columns if c in self.rows.columns]
        shown = []
        for r in self.rows.head(limit).to_dicts():
            cells = [_shown(r[c], money=c in self.money_columns) for c in names]
            shown.append({"row": r[ROW], "cells": cells})
        return headings, shown


def _shown(value: Any, *, money: bool) -> Any:
    if value is None:
        return None
    if money:
        return units_to_decimal(value).normalize()
    if isinstance(value, dt.date):
        return value.isoformat()  # as the lists show dates
    return value


# --- prepare ---------------------------------------------------------------------------------


def master_prepare(
    *,
    kind: KindSpec,
    importer: MasterImporter,
    table: Table,
    mapping: dict[str, str],
    options: Options,
    scope: Any,
    create_missing: bool = False,
) -> MasterPrepared:
    """Every row of ``table`` normalised, resolved and checked; nothing is written here."""
    mapping = {f: h for f, h in mapping.items() if h and f in kind.field_names}
    table, mapping, named = names_as_codes(table, mapping, importer.named)
    file_errors = check_mapping(kind, table, mapping, options)
    if file_errors:
        whole = refused(kind, table, file_errors)
        return MasterPrepared(kind, whole.rows, whole.errors, whole.file_errors, whole.skipped_rows)
    labels = {f: mapping.get(f, str(kind.field(f).label)) for f in kind.field_names}
    step = Step(kind, mapping, scope, ErrorLog(labels), options, create_missing)
    df = table.frame.select(pl.col(ROW), *(pl.col(h).alias(f"raw_{f}") for f, h in mapping.items()))
    df = master_normalise(df, step, importer.choices)
    if named is not None:
        df = codes_of_stored_names(df, named, step.errors)
    df = _repeated_codes(df, step, named=named is not None)
    df = importer.check(step, df)
    df = df.with_columns(
        pl.when(pl.col("_id").is_null())
        .then(pl.lit(_("新建")))
        .when(pl.col("_changed"))
        .then(pl.lit(_("更新")))
        .otherwise(pl.lit(_("不变")))
        .alias(ACTION)
    )
    preview = [(ACTION, _("操作")), *((c, str(label)) for c, label in importer.preview)]
    money = frozenset(f.name for f in kind.fields if f.type == MONEY)
    return MasterPrepared(
        kind,
        df,
        step.errors.frame(),
        [],
        table.skipped_rows,
        preview_columns=preview,
        money_columns=money,
    )


def _repeated_codes(df: pl.DataFrame, step: Step, *, named: bool) -> pl.DataFrame:
    """The key (code, employee number) once per file: a later row with the same key is an
    error naming the first one (the name's, when names stand in for codes)."""
    key = next((f.name for f in step.kind.fields if f.type == CODE), None)
    if key is None or key not in step.mapping:
        return df
    value = pl.col(f"v_{key}")
    first = (
        df.filter(value.is_not_null())
        .group_by(value.alias("_k"))
        .agg(pl.col(ROW).min().alias("_first"))
    )
    df = df.join(first, left_on=f"v_{key}", right_on="_k", how="left", maintain_order="left")
    step.errors.add(
        df,
        key,
        pl.when(pl.col("_first") != pl.col(ROW))
        .then(
            pl.format(
                _("{}“{}”在文件中重复（与第 {} 行相同）"),
                pl.lit(str(step.kind.field("name" if named else key).label)),
                value,
                pl.col("_first"),
            )
        )
        .otherwise(None),
    )
    return df.drop("_first")
