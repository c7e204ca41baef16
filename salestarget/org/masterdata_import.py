"""Master data from files and API batches: customers, products, regions, customer types,
channels, org nodes and people.

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
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.fields import units_to_decimal
from salestarget.importing import dates
from salestarget.importing import normalise as norm
from salestarget.importing.errors import ErrorLog
from salestarget.importing.kinds import DATE, FLAG, MONEY, FieldSpec, KindSpec
from salestarget.importing.lookups import resolve
from salestarget.importing.mapping import fold, header_scale
from salestarget.importing.prepared import Options, Prepared, WriteResult, check_mapping, refused
from salestarget.importing.reading import ROW, Table
from salestarget.org.masterdata import require_master_data_editor
from salestarget.org.scoping import Scope
from salestarget.wording import series

# Field types of master data, besides the facts' TEXT, DATE, MONEY and FLAG.
CODE = "code"  # the key records are matched by: text, required, once per file
CHOICE = "choice"  # one of a fixed list, given by its value or its label (Chinese or English)
EMAIL = "email"
REF = "ref"  # another record, by code first, then by exact name (resolved by the kind)

BATCH = 500  # rows per INSERT / UPDATE statement
UPSERT_RULE = gettext_lazy(
    "按编码更新：编码已存在的记录被更新，不存在的被新建；文件中没有的记录保持不变，不会被停用。"
)
MATCH_RULE = gettext_lazy(
    "引用的记录（上级、客户类型、区域、渠道、负责人……）先按编码匹配，再按完整名称精确匹配。"
)
EMAIL_RE = r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$"
ACTION = "_action"


def required_message() -> str:
    return _("必填，不能为空")


# --- the importer of one kind --------------------------------------------------------------


@dataclass
class Step:
    """What a kind's check works with: the mapped fields, the options and the error log."""

    kind: KindSpec
    mapping: dict[str, str]
    scope: Scope
    errors: ErrorLog
    options: Options
    create_missing: bool = False

    def mapped(self, name: str) -> bool:
        return name in self.mapping


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
    preview: tuple[tuple[str, str | Promise], ...]
    choices: Mapping[str, Choices] = field(default_factory=dict)
    create_missing: str | Promise = ""  # the label of the option, where the kind offers it
    english: Mapping[str, str] = field(default_factory=dict)  # template headers in English
    example: Mapping[str, str] = field(default_factory=dict)  # the template's example row
    whole_file: bool = True  # a parent or a duplicate may come later in the file

    def require(self, scope: Scope) -> None:
        require_master_data_editor(scope)

    def prepare(
        self,
        *,
        kind: KindSpec,
        table: Table,
        mapping: dict[str, str],
        options: Options,
        flags: Mapping[str, object],
        scope: Scope,
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
        scope: Scope,
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
    scope: Scope,
    create_missing: bool = False,
) -> MasterPrepared:
    """Every row of ``table`` normalised, resolved and checked; nothing is written here."""
    mapping = {f: h for f, h in mapping.items() if h and f in kind.field_names}
    file_errors = check_mapping(kind, table, mapping, options)
    if file_errors:
        whole = refused(kind, table, file_errors)
        return MasterPrepared(kind, whole.rows, whole.errors, whole.file_errors, whole.skipped_rows)
    labels = {f: mapping.get(f, str(kind.field(f).label)) for f in kind.field_names}
    step = Step(kind, mapping, scope, ErrorLog(labels), options, create_missing)
    df = table.frame.select(pl.col(ROW), *(pl.col(h).alias(f"raw_{f}") for f, h in mapping.items()))
    df = _normalise(df, step, importer)
    df = _repeated_codes(df, step)
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


def _normalise(df: pl.DataFrame, step: Step, importer: MasterImporter) -> pl.DataFrame:
    options = step.options
    values: list[pl.Expr] = []
    reasons: dict[str, pl.Expr] = {}
    for name, header in step.mapping.items():
        spec = step.kind.field(name)
        column = f"raw_{name}"
        raw = pl.col(column)
        if spec.type == DATE:
            df, value, reason = dates.date(df, column, order=options.date_order)
        elif spec.type == MONEY:
            df, value, reason = norm.number(
                df,
                column,
                currency=options.currency,
                decimal_comma=options.decimal_comma,
                scale=header_scale(header),
            )
        elif spec.type == FLAG:
            value, reason = yes_no(raw)
        elif spec.type == CHOICE:
            value, reason = importer.choices[name].parse(raw, spec)
        elif spec.type == EMAIL:
            value = norm.text(raw)
            reason = (
                pl.when(value.is_not_null() & ~value.str.contains(EMAIL_RE))
                .then(pl.lit(_("邮箱格式不正确")))
                .otherwise(_too_long(value, spec.max_length))
            )
        elif spec.type == CODE:  # full-width digits of a code are digits
            value = norm.text(raw)
            reason = _too_long(value, spec.max_length)
        else:  # names and references as written: （） in 甲公司（北京） is part of the name
            value = trimmed(raw)
            reason = _too_long(value, spec.max_length)
        if spec.required:
            empty = raw.is_null() | (raw.str.strip_chars() == "")
            reason = pl.when(empty).then(pl.lit(required_message())).otherwise(reason)
        values.append(value.alias(f"v_{name}"))
        reasons[name] = reason
    df = df.with_columns(*values, *(r.alias(f"e_{n}") for n, r in reasons.items()))
    df = df.select(c for c in df.columns if not c.startswith("_raw_"))
    for name in step.mapping:
        step.errors.add(df, name, pl.col(f"e_{name}"))
    dtypes = {DATE: pl.Date, MONEY: pl.Int64, FLAG: pl.Boolean}
    return df.with_columns(
        pl.lit(None, dtypes.get(f.type, pl.String)).alias(f"v_{f.name}")
        for f in step.kind.fields
        if f.name not in step.mapping
    )


def trimmed(raw: pl.Expr) -> pl.Expr:
    """Text without surrounding (also full-width) spaces; empty → null."""
    value = raw.str.strip_chars(" \t\r\n\u3000\u00a0")
    return pl.when(value == "").then(None).otherwise(value)


def _too_long(value: pl.Expr, max_length: int) -> pl.Expr:
    if not max_length:
        return pl.lit(None, pl.String)
    return (
        pl.when(value.str.len_chars() > max_length)
        .then(
            pl.format(_("太长：{} 个字符，最多 {} 个"), value.str.len_chars(), pl.lit(max_length))
        )
        .otherwise(None)
    )


YES = {"1", "y", "yes", "true", "t", "是", "√", "x", "✓", "对"}
NO = {"0", "n", "no", "false", "f", "否", "-", "×", "不是"}


def yes_no(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    t = norm.text(raw).str.to_lowercase()
    value = pl.when(t.is_in(list(YES))).then(True).when(t.is_in(list(NO)) | t.is_null()).then(False)
    reason = pl.when(value.is_null()).then(pl.lit(_("应为 是/否（Y/N、1/0）"))).otherwise(None)
    return value, reason


@dataclass(frozen=True)
class Choices:
    """A choice field: Django ``options``, given in a file by value, by Chinese or English
    label, or by one of the ``aliases`` people use (e.g. 省份 for 省)."""

    options: type[models.TextChoices]
    aliases: Mapping[str, str] = field(default_factory=dict)

    def table(self) -> dict[str, str]:
        """{folded alias: value}."""
        found: dict[str, str] = {}
        for value, label in self.options.choices:
            found[fold(value)] = value
            for language in ("zh-hans", "en"):
                with translation.override(language):
                    found[fold(str(label))] = value
        for alias, value in self.aliases.items():
            found[fold(alias)] = value
        return found

    def parse(self, raw: pl.Expr, spec: FieldSpec) -> tuple[pl.Expr, pl.Expr]:
        t = norm.text(raw)
        key = t.str.to_lowercase().str.replace_all(r"[\s_\-\.·:：/#\*]+", "")
        value = key.replace_strict(self.table(), default=None, return_dtype=pl.String)
        allowed = series(str(label) for label in self.options.labels)
        reason = reason_if(
            t.is_not_null() & value.is_null(),
            pl.format(_("不是有效的{}，可用：{}"), pl.lit(str(spec.label)), pl.lit(allowed)),
        )
        return value, reason


def _repeated_codes(df: pl.DataFrame, step: Step) -> pl.DataFrame:
    """The key (code, employee number) once per file: a later row with the same key is an
    error naming the first one."""
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
                pl.lit(str(step.kind.field(key).label)),
                value,
                pl.col("_first"),
            )
        )
        .otherwise(None),
    )
    return df.drop("_first")


# --- lookups ---------------------------------------------------------------------------------


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
    create: bool = False,
) -> pl.DataFrame:
    """``<out>_id`` of the record each cell of ``column`` names (code first, then exact
    name); ``<out>_new`` where it names nothing and ``create`` allows making it from the
    name; ``<out>_reason`` where it names nothing (or several records) and cannot be made."""
    ids, reasons = resolve(df, column, lookup, what=what)
    df = df.with_columns(ids.alias(f"{out}_id"), reasons.alias(f"{out}_reason"))
    if not create:
        return df.with_columns(pl.lit(False).alias(f"{out}_new"))
    names = lookup["name"].unique().implode()
    value = pl.col(column)
    # A name several records share is not "missing": it stays an error (use the code).
    new = pl.col(f"{out}_id").is_null() & value.is_not_null() & ~value.is_in(names)
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


def in_scope(scope: Scope, path: pl.Expr) -> pl.Expr:
    """Whether a node path lies inside the scope (column-wise)."""
    if scope.everything:
        return pl.lit(True)
    if not scope.root_paths:
        return pl.lit(False)
    inside = pl.lit(False)
    for root in scope.root_paths:
        inside = inside | path.str.starts_with(root)
    return inside.fill_null(False)


def reason_if(condition: pl.Expr, message: str | pl.Expr) -> pl.Expr:
    text = pl.lit(message) if isinstance(message, str) else message
    return pl.when(condition).then(text).otherwise(None)


def message(template: str, **values: pl.Expr) -> pl.Expr:
    """A translated ``%(name)s`` message (the services' own, so pages, the API and imports
    say the same) filled column-wise: ``message(_("“%(name)s”已停用"), name=pl.col("x"))``."""
    parts = re.split(r"%\((\w+)\)s", template.replace("{", "{{").replace("}", "}}"))
    names = parts[1::2]
    return pl.format("{}".join(parts[0::2]), *(values[n] for n in names))


# --- writing ---------------------------------------------------------------------------------


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
