"""From a table of text cells to rows ready to write, plus every error: one pipeline for files,
API batches and the manual-entry form.

map columns → normalise (dates, numbers, flags) → resolve references → kind rules (returns,
defaults) → credit each fact to the node its person belonged to that day → external ids and
duplicates. All column-wise with Polars; errors name the row as the user sees it, the column
as headed in the file (the field name for API records), the value and the reason.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext as _

from salestarget.actuals.importing import normalise as norm
from salestarget.actuals.importing.errors import ERROR_SCHEMA, ErrorLog
from salestarget.actuals.importing.lookups import memberships_frame, reference_frame, resolve
from salestarget.actuals.importing.mapping import header_scale, header_unit
from salestarget.actuals.importing.reading import ROW, Table
from salestarget.actuals.importing.rules import RULES
from salestarget.actuals.kinds import (
    CURRENCY,
    DATE,
    FLAG,
    MONEY,
    MONTH,
    QUANTITY,
    SCORE,
    STAGE,
    KindSpec,
)
from salestarget.org.scoping import Scope
from salestarget.wording import series

OUTPUT = {
    "sales": [
        "external_id",
        "sold_on",
        "order_no",
        "line_no",
        "customer_id",
        "product_id",
        "person_id",
        "node_id",
        "channel_id",
        "customer_type_id",
        "region_id",
        "quantity",
        "amount",
        "cost",
    ],
    "expense": ["external_id", "spent_on", "person_id", "node_id", "category", "amount"],
    "payment": ["external_id", "received_on", "customer_id", "person_id", "node_id", "amount"],
    "opportunity": [
        "external_id",
        "name",
        "customer_id",
        "person_id",
        "node_id",
        "amount",
        "opened_on",
        "closed_on",
        "stage",
    ],
    "survey": ["external_id", "surveyed_on", "customer_id", "person_id", "node_id", "score"],
    "market_size": ["external_id", "region_id", "month", "amount"],
}
REFERENCE_LABELS = {
    "customer": "客户",
    "product": "产品",
    "person": "人员",
    "channel": "渠道",
    "node": "组织",
    "region": "区域",
}


@dataclass
class Options:
    date_order: str = ""  # "", "mdy", "dmy"
    decimal_comma: bool = False
    currency: str = "CNY"

    @classmethod
    def from_dict(cls, data: dict[str, object], currency: str) -> Options:
        return cls(
            date_order=str(data.get("date_order") or ""),
            decimal_comma=bool(data.get("decimal_comma")),
            currency=currency,
        )


@dataclass
class Prepared:
    kind: KindSpec
    rows: pl.DataFrame  # ROW + the kind's output columns, every row (bad ones too)
    errors: pl.DataFrame  # row, column, value, reason
    file_errors: list[str] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)

    @property
    def bad_rows(self) -> pl.Series:
        return self.errors["row"].drop_nulls().unique()

    @property
    def good(self) -> pl.DataFrame:
        return self.rows.filter(~pl.col(ROW).is_in(self.bad_rows.implode()))

    @property
    def rows_total(self) -> int:
        return self.rows.height

    @property
    def rows_rejected(self) -> int:
        return self.bad_rows.len()


def prepare(
    *,
    kind: KindSpec,
    table: Table,
    mapping: dict[str, str],
    options: Options,
    scope: Scope,
) -> Prepared:
    """Every row of ``table`` normalised, resolved and checked; nothing is written here."""
    mapping = {f: h for f, h in mapping.items() if h and f in kind.field_names}
    file_errors = _check_mapping(kind, table, mapping, options)
    if file_errors:
        empty = pl.DataFrame(schema={ROW: pl.Int64})
        errors = pl.DataFrame(
            {
                "row": [None] * len(file_errors),
                "column": [""] * len(file_errors),
                "value": [""] * len(file_errors),
                "reason": file_errors,
            },
            schema=ERROR_SCHEMA,
        )
        return Prepared(kind, empty, errors, file_errors, table.skipped_rows)

    labels = {f: mapping.get(f, str(kind.field(f).label)) for f in kind.field_names}
    labels["node"] = labels.get("node", str(_("归属组织")))
    errors = ErrorLog(labels)
    df = table.frame.select(pl.col(ROW), *(pl.col(h).alias(f"raw_{f}") for f, h in mapping.items()))
    df = _normalise(df, kind, mapping, options, errors)
    df = _references(df, kind, mapping, errors)
    df = RULES[kind.key](df, mapping, errors)
    df = _credit(df, kind, scope, errors)
    df = _external_ids(df, kind, mapping, errors)
    out = df.select(pl.col(ROW), *(pl.col(c) for c in OUTPUT[kind.key]))
    return Prepared(kind, out, errors.frame(), [], table.skipped_rows)


# --- mapping ---------------------------------------------------------------------------------


def _check_mapping(
    kind: KindSpec, table: Table, mapping: dict[str, str], options: Options
) -> list[str]:
    problems: list[str] = []
    missing_headers = [h for h in mapping.values() if h not in table.frame.columns]
    if missing_headers:
        problems.append(_("映射中的列在文件中不存在：%(cols)s") % {"cols": series(missing_headers)})
    used: dict[str, str] = {}
    for f, h in mapping.items():
        if h in used:
            problems.append(
                _("列“%(col)s”同时映射到了“%(a)s”和“%(b)s”")
                % {"col": h, "a": kind.field(used[h]).label, "b": kind.field(f).label}
            )
        used[h] = f
    required = [f for f in kind.fields if f.required and f.name not in mapping]
    if kind.key == "expense" and "person" not in mapping and "node" not in mapping:
        problems.append(_("缺少列：人员或组织（至少一个）"))
    if required:
        problems.append(
            _("缺少必需的列：%(fields)s。文件中的列：%(headers)s")
            % {
                "fields": series(str(f.label) for f in required),
                "headers": series(table.headers) or "-",
            }
        )
    for f, h in mapping.items():
        spec = kind.field(f)
        unit = header_unit(h).upper().replace(" ", "")
        if spec.type == MONEY and unit in norm.CURRENCY_MARKS:
            code = norm.CURRENCY_MARKS[unit]
            loose = options.currency in norm.LOOSE_MARKS.get(unit, set())
            if code != options.currency and not loose:
                problems.append(
                    _(
                        "列“%(col)s”的币种是 %(code)s，与公司币种 %(currency)s 不一致；系统不做汇率换算"
                    )
                    % {"col": h, "code": code, "currency": options.currency}
                )
    return problems


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
        if spec.type == DATE:
            df, value, reason = norm.date(df, column, order=options.date_order)
        elif spec.type == MONTH:
            df, value, reason = norm.month(df, column, order=options.date_order)
        elif spec.type in (MONEY, QUANTITY, SCORE):
            df, value, reason = norm.number(
                df,
                column,
                currency=options.currency,
                decimal_comma=options.decimal_comma,
                scale=header_scale(mapping[name]) if spec.type == MONEY else 1,
            )
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
            reason = pl.lit(None, pl.String)
            if spec.max_length:
                reason = (
                    pl.when(value.str.len_chars() > spec.max_length)
                    .then(
                        pl.format(
                            _("太长：{} 个字符，最多 {} 个"),
                            value.str.len_chars(),
                            pl.lit(spec.max_length),
                        )
                    )
                    .otherwise(None)
                )
        if spec.required:
            empty = raw.is_null() | (raw.str.strip_chars() == "")
            reason = pl.when(empty).then(pl.lit(_("必填，不能为空"))).otherwise(reason)
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
                FLAG: pl.Boolean,
            }.get(spec.type, pl.String)
            df = df.with_columns(pl.lit(None, dtype).alias(f"v_{spec.name}"))
    return df


def _references(
    df: pl.DataFrame, kind: KindSpec, mapping: dict[str, str], errors: ErrorLog
) -> pl.DataFrame:
    for spec in kind.fields:
        if not spec.is_reference:
            continue
        lookup = reference_frame(spec.type)
        if spec.name in mapping:
            ids, reasons = resolve(
                df, f"v_{spec.name}", lookup, what=_(REFERENCE_LABELS[spec.type])
            )
            df = df.with_columns(ids.alias(f"{spec.name}_id"), reasons.alias(f"e_{spec.name}_ref"))
            errors.add(df, spec.name, pl.col(f"e_{spec.name}_ref"))
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


def _credit(df: pl.DataFrame, kind: KindSpec, scope: Scope, errors: ErrorLog) -> pl.DataFrame:
    """node_id = the node of the person's membership on the fact's date (the latest started
    one when memberships overlap), set-based; expenses may name their node directly."""
    if kind.key == "market_size":
        return df
    day = (
        pl.coalesce(pl.col("closed_on"), pl.col("opened_on"))
        if kind.key == "opportunity"
        else pl.col(kind.date_field)
    )
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
    df = df.drop("node_id", strict=False).join(found, on=ROW, how="left", maintain_order="left")
    node = pl.col("_credited")
    if kind.key == "expense":
        node = pl.coalesce(pl.col("given_node_id"), node)
    df = df.with_columns(node.alias("node_id"))
    person_known = pl.col("person_id").is_not_null() & day.is_not_null()
    needs_person = pl.col("given_node_id").is_null() if kind.key == "expense" else pl.lit(True)
    errors.add(
        df,
        "person",
        pl.when(person_known & needs_person & pl.col("_credited").is_null())
        .then(
            pl.format(
                _("人员“{}”在 {} 不属于任何组织（没有有效的任职记录）"),
                pl.col("v_person").fill_null(pl.col("person_id").cast(pl.String)),
                day.cast(pl.String),
            )
        )
        .otherwise(None),
    )
    if not scope.everything:
        allowed = list(scope.node_ids().values_list("pk", flat=True))
        errors.add(
            df,
            "person" if kind.key != "expense" else "node",
            pl.when(pl.col("node_id").is_not_null() & ~pl.col("node_id").is_in(allowed))
            .then(pl.lit(_("归属组织不在您的权限范围内")))
            .otherwise(None),
        )
    return df


# --- external ids ----------------------------------------------------------------------------


def _digest(keys: pl.Series) -> pl.Series:
    unique = keys.unique()
    digests = pl.Series(
        [
            hashlib.sha1(k.encode()).hexdigest()[:20] if k is not None else None
            for k in unique.to_list()
        ],
        dtype=pl.String,
    )
    table = pl.DataFrame({"k": unique, "d": digests})
    return pl.DataFrame({"k": keys}).join(table, on="k", how="left", maintain_order="left")["d"]


def _external_ids(
    df: pl.DataFrame, kind: KindSpec, mapping: dict[str, str], errors: ErrorLog
) -> pl.DataFrame:
    column = "external_id"
    if "external_id" in mapping:
        ext = pl.col("v_external_id")
        errors.add(
            df,
            "external_id",
            pl.when(ext.is_null()).then(pl.lit(_("外部编号为空"))).otherwise(None),
        )
    elif kind.key == "sales" and "order_no" in mapping:
        order = pl.col("v_order_no")
        if "line_no" in mapping:
            column = "line_no"
            ext = order + "#" + pl.col("v_line_no")
            errors.add(
                df,
                "line_no",
                pl.when(order.is_not_null() & pl.col("v_line_no").is_null())
                .then(pl.lit(_("有订单号时行号不能为空")))
                .otherwise(None),
            )
        else:
            column = "order_no"
            ext = order + "#" + (pl.int_range(pl.len()).over("v_order_no") + 1).cast(pl.String)
        errors.add(
            df,
            "order_no",
            pl.when(order.is_null())
            .then(pl.lit(_("订单号为空，无法生成外部编号")))
            .otherwise(None),
        )
    elif kind.key == "market_size":
        ext = pl.col("region_code") + "#" + pl.col("month").dt.strftime("%Y-%m")
    else:
        parts = [
            pl.col(f"{f}_id").cast(pl.String)
            if kind.field(f).is_reference
            else pl.col(f"v_{f}").cast(pl.String)
            for f in kind.identity
        ]
        key = pl.concat_str([p.fill_null("") for p in parts], separator="|")
        df = df.with_columns(key.alias("_key"))
        df = df.with_columns(_digest(df["_key"]).alias("_digest"))
        ext = (
            pl.lit("h:")
            + pl.col("_digest")
            + "#"
            + (pl.int_range(pl.len()).over("_key") + 1).cast(pl.String)
        )
    df = df.with_columns(ext.alias("external_id"))
    first = (
        df.filter(pl.col("external_id").is_not_null())
        .group_by("external_id")
        .agg(pl.col(ROW).min().alias("_first"))
    )
    df = df.join(first, on="external_id", how="left", maintain_order="left")
    errors.add(
        df,
        column,
        pl.when(pl.col("_first").is_not_null() & (pl.col("_first") != pl.col(ROW)))
        .then(
            pl.format(
                _("外部编号“{}”在文件中重复（与第 {} 行相同）"),
                pl.col("external_id"),
                pl.col("_first"),
            )
        )
        .otherwise(None),
        value=pl.col("external_id"),
    )
    return df
