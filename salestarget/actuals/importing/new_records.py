"""The customers and products a sales file names and nobody has yet, made from the file
itself when the user asks for it ("创建文件中新的客户和产品", as Odoo's import offers): a new
company's first 金蝶/用友 sales report need not wait for separate customer and product lists.
An opportunities file makes the prospects it names, customers only ("创建文件中新的客户").

Found column-wise by the pipeline (``<ref>_missing``: the cell matches no code and no name),
then made through the customers' and products' own importers (``catalog.importing``), so they
follow the same rules as a customer or product file: a code column is the code, a name column
alone is code and name (``importing.master.named``); a type, region or channel the line
names and the system knows is the customer's, else "未指定"; a category names the product's
category (made by name, as a products file makes it), else "未分类"; a unit price is its
list price. A new customer's owner is the salesperson who sold it the most in the file (of
those still active; the first in the file on a tie), so the rep and their managers see the
customers they sell to at once. People are never made here: placing a person needs the org
tree.

Set-based: one group-by per kind, the importers' bulk upsert, and the new records tagged with
the batch in chunks (``created_batch``) so the batch's page links to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import BigIntegerField, Case, F, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from salestarget.catalog.importing.customers import CUSTOMERS
from salestarget.catalog.importing.products import PRODUCTS
from salestarget.catalog.models import Customer, Product
from salestarget.fields import units_to_decimal
from salestarget.importing.errors import ERROR_SCHEMA
from salestarget.importing.kinds import KindSpec, NewRecords, Options, Prepared
from salestarget.importing.master import BATCH
from salestarget.importing.reading import ROW
from salestarget.importing.services import records_table
from salestarget.org.models import Person
from salestarget.wording import series

CREATE_NEW = gettext_lazy("创建文件中新的客户和产品")
# Opportunities name prospects a company has not sold to yet: their customers alone.
CREATE_NEW_CUSTOMERS = gettext_lazy("创建文件中新的客户")
NEW_KINDS = frozenset({"customer", "product"})
SHOWN = 10  # new records named on the mapping page and in the batch's message

# What a sales line tells about its new customer and product → their importers' fields.
DESCRIBED: dict[str, tuple[KindSpec, type[Customer] | type[Product], Any, dict[str, str]]] = {
    "customer": (
        CUSTOMERS,
        Customer,
        pgettext_lazy("new records", "新客户"),
        {"customer_type": "customer_type", "region": "region", "channel": "channel"},
    ),
    "product": (
        PRODUCTS,
        Product,
        pgettext_lazy("new records", "新产品"),
        {"product_category": "category", "unit_price": "list_price"},
    ),
}


@dataclass
class FactPrepared(Prepared):
    """The prepared rows of a kind that may make new records, and what it needs to."""

    # ROW and, for each row naming a new customer or product, what the file tells about it.
    new_rows: pl.DataFrame | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    # The same preparation again, once the new records are made (set by the importer).
    again: Callable[[], Prepared] | None = None


def new_rows(df: pl.DataFrame) -> pl.DataFrame:
    """The rows naming a customer or product nobody has, with what the file tells about each
    (a type, region or channel only where the system knows it: never a name it would make).
    A kind without products (opportunities, payments) has null product columns."""

    def column(name: str) -> pl.Expr:
        return pl.col(name) if name in df.columns else pl.lit(None)

    def missing(ref: str) -> pl.Expr:
        return column(f"{ref}_missing").fill_null(False).cast(pl.Boolean)

    customer, product = missing("customer"), missing("product")
    known = {f: column(f"{f}_id").is_not_null() for f in ("customer_type", "region", "channel")}
    return df.filter(customer | product).select(
        pl.col(ROW),
        pl.when(customer).then(column("v_customer")).alias("customer"),
        pl.when(customer).then(column("v_customer_name")).alias("customer_name"),
        pl.when(customer).then(column("person_id")).alias("seller_id"),
        pl.when(customer).then(column("amount")).alias("sold"),
        *(pl.when(customer & k).then(column(f"v_{f}")).alias(f) for f, k in known.items()),
        pl.when(product).then(column("v_product")).alias("product"),
        pl.when(product).then(column("v_product_name")).alias("product_name"),
        pl.when(product).then(column("v_product_category")).alias("product_category"),
        pl.when(product & (column("v_unit_price") > 0))
        .then(column("v_unit_price"))
        .alias("unit_price"),
    )


def _described(rows: pl.DataFrame, ref: str) -> pl.DataFrame:
    """One row per new ``ref`` in file order: its key and the first of each thing told."""
    if ref == "customer":
        told = ["customer_name", "customer_type", "region", "channel"]
    else:
        told = ["product_name", "product_category", "unit_price"]
    return (
        rows.filter(pl.col(ref).is_not_null())
        .group_by(ref, maintain_order=True)
        .agg(pl.col(c).drop_nulls().first() for c in told)
    )


def _shown(described: pl.DataFrame, ref: str, n: int = SHOWN) -> tuple[str, ...]:
    name = pl.col(f"{ref}_name")
    label = (
        pl.when(name.is_not_null() & (name != pl.col(ref)))
        .then(pl.format("{} {}", pl.col(ref), name))
        .otherwise(pl.col(ref))
    )
    return tuple(described.head(n).select(label.alias("l"))["l"].to_list())


def new_records_named(rows: pl.DataFrame) -> list[NewRecords]:
    """How many new customers and products the rows name, and the first of each."""
    named = []
    for ref, (_spec, _model, what, _told) in DESCRIBED.items():
        described = _described(rows, ref)
        if described.height:
            named.append(NewRecords(what, described.height, _shown(described, ref)))
    return named


def _records(described: pl.DataFrame, ref: str, mapping: dict[str, str]) -> list[dict[str, Any]]:
    """The new records as their importer's API records: code, name and what the file tells."""
    _spec, _model, _what, told = DESCRIBED[ref]
    records = []
    for r in described.iter_rows(named=True):
        record: dict[str, Any] = {"code": r[ref], "name": r[f"{ref}_name"] or r[ref]}
        for column, target in told.items():
            if column in mapping:
                value = r[column]
                record[target] = str(units_to_decimal(value)) if column == "unit_price" else value
        records.append(record)
    return records


def _master(ref: str, rows: pl.DataFrame, prepared: FactPrepared, scope: Any) -> Any:
    spec, _model, _what, told = DESCRIBED[ref]
    described = _described(rows, ref)
    records = _records(described, ref, prepared.mapping)
    present = {"code", "name"} | {t for c, t in told.items() if c in prepared.mapping}
    master = spec.importer.prepare(
        kind=spec,
        table=records_table(spec, records),
        mapping={f: f for f in spec.field_names if f in present},
        options=Options(),
        flags={},
        scope=scope,
        source="",
    )
    return described, master


def new_records_refused(prepared: FactPrepared, scope: Any) -> pl.DataFrame:
    """Errors (row, column, value, reason) of the sales rows whose new customer or product
    its importer would refuse (a code too long, a category that is switched off …)."""
    parts = [pl.DataFrame(schema=ERROR_SCHEMA)]
    rows = prepared.new_rows
    if rows is None or not rows.height:
        return parts[0]
    for ref, (spec, _model, _what, _told) in DESCRIBED.items():
        described, master = _master(ref, rows, prepared, scope)
        if not master.errors.height:
            continue
        keys = described.select(pl.int_range(pl.len(), dtype=pl.Int64).alias("row"), pl.col(ref))
        labels = {f.name: str(f.label) for f in spec.fields}
        why = master.errors.join(keys, on="row", how="inner").select(
            pl.col(ref),
            pl.format(
                _("无法新建{}“{}”：{}，{}"),
                pl.lit(str(spec.label)),
                pl.col(ref),
                pl.col("column").replace_strict(labels, default=pl.col("column")),
                pl.col("reason"),
            ).alias("reason"),
        )
        parts.append(
            rows.join(why, on=ref, how="inner").select(
                pl.col(ROW).alias("row"),
                pl.lit(prepared.labels.get(ref, ref)).alias("column"),
                pl.col(ref).alias("value"),
                pl.col("reason"),
            )
        )
    return pl.concat(parts)


def new_records_make(prepared: FactPrepared, scope: Any, batch_id: int | None) -> list[str]:
    """Make the new customers and products the good rows name (inside the caller's
    transaction), tag them with the batch; what was made, as the batch's notes."""
    rows = prepared.new_rows
    if rows is None or not rows.height:
        return []
    rows = rows.join(prepared.good.select(ROW), on=ROW, how="semi")
    notes = []
    for ref, (spec, model, _what, _told) in DESCRIBED.items():
        described, master = _master(ref, rows, prepared, scope)
        if not described.height:
            continue
        if master.errors.height:  # checked when the rows were: only good rows get here
            raise ValueError(master.errors.head(3).to_dicts())
        spec.importer.write(
            kind=spec, prepared=master, flags={}, scope=scope, source="", batch_id=batch_id
        )
        codes = master.good["v_code"].to_list()
        owners = _owners(rows) if ref == "customer" else {}
        for start in range(0, len(codes), BATCH):
            chunk = codes[start : start + BATCH]
            changes: dict[str, Any] = {"created_batch_id": batch_id}
            owned = [When(code=c, owner=None, then=Value(owners[c])) for c in chunk if c in owners]
            if owned:
                changes["owner_id"] = Case(
                    *owned, default=F("owner_id"), output_field=BigIntegerField()
                )
            model._default_manager.filter(code__in=chunk, created_batch=None).update(**changes)
        notes.append(_made_note(ref, described.height, _shown(described, ref)))
    return notes


def _owners(rows: pl.DataFrame) -> dict[str, int]:
    """Each new customer's code → its owner: of the active people its lines are credited to,
    the one with the largest amount in the file (the first in the file on a tie)."""
    sold = rows.filter(pl.col("customer").is_not_null() & pl.col("seller_id").is_not_null())
    if not sold.height:
        return {}
    active = Person.objects.filter(pk__in=sold["seller_id"].unique().to_list(), is_active=True)
    sellers = (
        sold.filter(pl.col("seller_id").is_in(list(active.values_list("pk", flat=True))))
        .group_by("customer", "seller_id")
        .agg(pl.col("sold").sum(), pl.col(ROW).min())
        .sort(["sold", ROW], descending=[True, False])
        .unique("customer", keep="first")
    )
    return dict(zip(sellers["customer"].to_list(), sellers["seller_id"].to_list(), strict=True))


def _made_note(ref: str, n: int, first: tuple[str, ...]) -> str:
    names = series(first) + ("……" if n > len(first) else "")
    if ref == "customer":
        text = ngettext("新建了 %(n)s 个客户：%(names)s", "新建了 %(n)s 个客户：%(names)s", n)
    else:
        text = ngettext("新建了 %(n)s 个产品：%(names)s", "新建了 %(n)s 个产品：%(names)s", n)
    return text % {"n": n, "names": names}


@dataclass(frozen=True)
class Made:
    """The records of one kind an import made, as its page lists them."""

    label: str  # "12 customers"
    count: int
    first: str  # the first few, as a series
    more: bool
    url: str  # the list filtered to them


def records_made(batch: Any) -> list[Made]:
    """The customers and products ``batch`` made (two or four queries)."""
    made = []
    for ref, (_spec, model, _what, _told) in DESCRIBED.items():
        qs = model._default_manager.filter(created_batch=batch.pk).order_by("code")
        first = list(qs.values_list("code", "name")[:SHOWN])
        if not first:
            continue
        count = qs.count() if len(first) == SHOWN else len(first)
        url = reverse(f"catalog:{ref}_list") + f"?batch={batch.pk}"
        shown = series(code if name == code else f"{code} {name}" for code, name in first)
        label = (
            ngettext("%(n)s 个客户", "%(n)s 个客户", count)
            if ref == "customer"
            else ngettext("%(n)s 个产品", "%(n)s 个产品", count)
        ) % {"n": count}
        made.append(Made(label, count, shown, count > len(first), url))
    return made
