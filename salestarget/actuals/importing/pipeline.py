"""From a table of text cells to rows ready to write, plus every error: one pipeline for files,
API batches and the manual-entry form.

map columns → normalise (dates, numbers, flags) → resolve references → kind rules (returns,
defaults) → credit each fact to the node its person belonged to that day → external ids and
duplicates. All column-wise with Polars; errors name the row as the user sees it, the column
as headed in the file (the field name for API records), the value and the reason.
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
from django.utils.translation import gettext as _

from salestarget.actuals.importing.external_ids import external_ids
from salestarget.actuals.importing.new_records import (
    NEW_KINDS,
    FactPrepared,
    new_records_named,
    new_rows,
)
from salestarget.actuals.importing.references import (
    first_memberships,
    memberships_frame,
    reference_frame,
)
from salestarget.actuals.importing.steps import FactSteps
from salestarget.importing import normalise as norm
from salestarget.importing.errors import ErrorLog
from salestarget.importing.kinds import (
    CURRENCY,
    DATE,
    FLAG,
    MONEY,
    MONTH,
    PERCENT,
    QUANTITY,
    SCORE,
    STAGE,
    KindSpec,
    Options,
    Prepared,
)
from salestarget.importing.lookups import resolve, unmatched
from salestarget.importing.prepared import check_mapping, refused
from salestarget.importing.reading import ROW, Table
from salestarget.importing.typed import required, too_long, typed_cell
from salestarget.org.scoping import Scope

REFERENCE_LABELS = {
    "customer": "客户",
    "product": "产品",
    "person": "人员",
    "channel": "渠道",
    "node": "组织",
    "region": "区域",
    "customer_type": "客户类型",
}


def prepare(
    *,
    kind: KindSpec,
    importer: FactSteps,
    table: Table,
    mapping: dict[str, str],
    options: Options,
    scope: Scope,
    flags: Mapping[str, object] | None = None,
    backdate: bool = False,
    create_new: bool = False,
) -> Prepared:
    """Every row of ``table`` normalised, resolved and checked; nothing is written here.
    ``backdate``: a fact dated before its person's first membership is credited to that
    membership's node (the writer moves the membership's start back: :func:`backdated`).
    ``create_new``: a customer or product nobody has is no error of its row, it will be made
    (``new_records``); a kind that offers it (``importer.create_new``) says what they are."""
    mapping = {f: h for f, h in mapping.items() if h and f in kind.field_names}
    file_errors = check_mapping(kind, table, mapping, options)
    if file_errors:
        return refused(kind, table, file_errors)

    labels = {f: mapping.get(f, str(kind.field(f).label)) for f in kind.field_names}
    labels["node"] = labels.get("node", str(_("归属组织")))
    errors = ErrorLog(labels)
    df = table.frame.select(pl.col(ROW), *(pl.col(h).alias(f"raw_{f}") for f, h in mapping.items()))
    df = _normalise(df, kind, mapping, options, errors)
    creatable = NEW_KINDS if importer.create_new else frozenset()
    df = _references(df, kind, mapping, errors, creatable=creatable, create=create_new)
    df = importer.rules(df, mapping, errors)
    if importer.crediting is not None:
        df, problems = importer.crediting(df, mapping, flags or {}, errors)
        if problems:
            return refused(kind, table, problems)
    df = _credit(df, importer, scope, errors, backdate=backdate)
    df = external_ids(df, kind, importer, mapping, errors)
    out = df.select(pl.col(ROW), *(pl.col(c) for c in importer.output))
    if not creatable:
        return Prepared(kind, out, errors.frame(), [], table.skipped_rows)
    found = new_rows(df)
    return FactPrepared(
        kind,
        out,
        errors.frame(),
        [],
        table.skipped_rows,
        new_records=new_records_named(found),
        new_rows=found,
        mapping=mapping,
        labels=labels,
    )


# --- normalising -----------------------------------------------------------------------------


def _normalise(
    df: pl.DataFrame, kind: KindSpec, mapping: dict[str, str], options: Options, errors: ErrorLog
) -> pl.DataFrame:
    exprs: list[pl.Expr] = []
    reasons: dict[str, pl.Expr] = {}
    for name in mapping:
        spec = kind.field(name)
        column = f"raw_{name}"
        raw = pl.col(column)
        typed = typed_cell(df, column, spec, options=options, header=mapping[name])
        if typed is not None:
            df, value, reason = typed
        elif spec.type == FLAG:
            value, reason = norm.flag(raw)
        elif spec.type == STAGE:
            value, reason = norm.stage(raw)
        elif spec.type == CURRENCY:
            value = norm.text(raw).str.to_uppercase()
            value = value.replace(
                {
                    "RMB": "CNY",
                    "人民币": "CNY",
                    "¥": "CNY",
                    "￥": "CNY",
                    "元": "CNY",
                    "美元": "USD",
                    "$": "USD",
                }
            )
            reason = (
                pl.when(value.is_not_null() & (value != options.currency))
                .then(
                    pl.format(
                        _("币种 {} 与公司币种 {} 不一致；系统不做汇率换算"),
                        value,
                        pl.lit(options.currency),
                    )
                )
                .otherwise(None)
            )
        else:  # text and references: cleaned text
            value = norm.text(raw)
            reason = too_long(value, spec.max_length)
        if spec.required:
            reason = required(raw, reason)
        exprs.append(value.alias(f"v_{name}"))
        reasons[name] = reason
    df = df.with_columns(*exprs, *(r.alias(f"e_{n}") for n, r in reasons.items()))
    df = df.select(c for c in df.columns if not c.startswith("_raw_"))
    for name in mapping:
        errors.add(df, name, pl.col(f"e_{name}"))
    for spec in kind.fields:  # fields the file does not have: null values
        if spec.name not in mapping:
            dtype = {
                DATE: pl.Date,
                MONTH: pl.Date,
                MONEY: pl.Int64,
                QUANTITY: pl.Int64,
                SCORE: pl.Int64,
                PERCENT: pl.Int64,
                FLAG: pl.Boolean,
            }.get(spec.type, pl.String)
            df = df.with_columns(pl.lit(None, dtype).alias(f"v_{spec.name}"))
    return df


def _references(
    df: pl.DataFrame,
    kind: KindSpec,
    mapping: dict[str, str],
    errors: ErrorLog,
    *,
    creatable: frozenset[str] = frozenset(),
    create: bool = False,
) -> pl.DataFrame:
    """Each reference's id; ``creatable`` references also say which cells name nothing
    stored (``<name>_missing``), and are no error when ``create`` (they will be made)."""
    for spec in kind.fields:
        if not spec.is_reference:
            continue
        lookup = reference_frame(spec.type)
        if spec.name in mapping:
            ids, reasons = resolve(
                df, f"v_{spec.name}", lookup, what=_(REFERENCE_LABELS[spec.type])
            )
            df = df.with_columns(ids.alias(f"{spec.name}_id"), reasons.alias(f"e_{spec.name}_ref"))
            reason = pl.col(f"e_{spec.name}_ref")
            if spec.type in creatable:
                missing = unmatched(df, f"v_{spec.name}", lookup)
                df = df.with_columns(missing.alias(f"{spec.name}_missing"))
                if create:
                    reason = pl.when(~pl.col(f"{spec.name}_missing")).then(reason)
            errors.add(df, spec.name, reason)
        else:
            df = df.with_columns(pl.lit(None, pl.Int64).alias(f"{spec.name}_id"))
        if spec.type in ("customer", "product"):
            extra = [c for c in lookup.columns if c not in ("code", "name")]
            renamed = lookup.select(
                pl.col(c).alias(f"{spec.name}_{c}" if c != "id" else f"{spec.name}_id")
                for c in extra
            )
            df = df.join(renamed, on=f"{spec.name}_id", how="left", maintain_order="left")
        if spec.type == "region":
            df = df.join(
                lookup.select(
                    pl.col("id").alias(f"{spec.name}_id"), pl.col("code").alias("region_code")
                ),
                on=f"{spec.name}_id",
                how="left",
                maintain_order="left",
            )
    return df


# --- crediting -------------------------------------------------------------------------------


def _credit(
    df: pl.DataFrame, importer: FactSteps, scope: Scope, errors: ErrorLog, *, backdate: bool
) -> pl.DataFrame:
    """node_id = the node of the person's membership on the fact's date (the latest started
    one when memberships overlap), set-based; a kind whose facts name their node
    (``importer.node_given``: expenses) keeps the node given."""
    if importer.credit_day is None:
        return df
    day = importer.credit_day()
    wanted = df.select(pl.col(ROW), pl.col("person_id"), day.alias("_day")).drop_nulls()
    members = memberships_frame()
    found = (
        wanted.join(members, on="person_id", how="inner")
        .filter(
            (pl.col("valid_from") <= pl.col("_day"))
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("_day")))
        )
        .sort([ROW, "valid_from"], descending=[False, True])
        .unique(ROW, keep="first")
        .select(pl.col(ROW), pl.col("node_id").alias("_credited"))
    )
    # History from before the person's first membership: its node, when nobody stated when
    # that membership starts (a people file without dates) or the import says so (backdate).
    first = first_memberships(members)
    if not backdate:
        first = first.filter(~pl.col("start_stated"))
    early = (
        wanted.join(first, on="person_id", how="inner")
        .filter(pl.col("_day") < pl.col("valid_from"))
        .select(pl.col(ROW), pl.col("node_id").alias("_credited"))
    )
    found = pl.concat([found, early]).unique(ROW, keep="first")
    df = df.drop("node_id", strict=False).join(found, on=ROW, how="left", maintain_order="left")
    node = pl.col("_credited")
    if importer.node_given:
        node = pl.coalesce(pl.col("given_node_id"), node)
    df = df.with_columns(node.alias("node_id"))
    person_known = pl.col("person_id").is_not_null() & day.is_not_null()
    needs_person = pl.col("given_node_id").is_null() if importer.node_given else pl.lit(True)
    errors.add(
        df,
        "person",
        pl.when(person_known & needs_person & pl.col("_credited").is_null())
        .then(
            pl.format(
                _(
                    "人员“{}”在 {} 不属于任何组织（没有有效的任职记录）；导入加入前的历史数据时，"
                    "可选择“把首个任职的开始日期提前”"
                ),
                pl.col("v_person").fill_null(pl.col("person_id").cast(pl.String)),
                day.cast(pl.String),
            )
        )
        .otherwise(None),
    )
    if scope.is_rep:  # a rep records only their own work (activities)
        errors.add(
            df,
            "person",
            pl.when(pl.col("person_id").is_not_null() & (pl.col("person_id") != scope.person_id))
            .then(pl.lit(_("只能录入您本人的数据")))
            .otherwise(None),
        )
    elif not scope.everything:
        allowed = list(scope.node_ids().values_list("pk", flat=True))
        errors.add(
            df,
            "node" if importer.node_given else "person",
            pl.when(pl.col("node_id").is_not_null() & ~pl.col("node_id").is_in(allowed))
            .then(pl.lit(_("归属组织不在您的权限范围内")))
            .otherwise(None),
        )
    return df
