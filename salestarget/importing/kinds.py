"""What can be imported: each kind's fields, the header names that suggest them, and the
importer that carries the kind's own steps (what it is given: :class:`Options`; what it
hands back: :class:`Prepared`, :class:`WriteResult`); and the registry the apps declare their
kinds in.

One description serves files, the API and the manual-entry form: a field's ``name`` is the
key in an API record and the target of a file column in the mapping.

The import flow (:mod:`salestarget.importing.services`) knows no kind by name: whatever one
kind does differently is a hook on its declaration — ``KindSpec.mapping_check`` for columns
that must come together, and the ``importer`` (:class:`Importer`) for who may import it, how
its rows are checked and how they are written. Apps register their kinds when they are ready
(``actuals``: sales, expenses …; ``org``: org nodes, people; ``catalog``: products …).

References (customer, product, person, channel, org node, region) are matched by **code
first, then by exact full name**; a name that several records share is refused (use the
code). This rule is shown on the import page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import polars as pl
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from salestarget.importing.reading import ROW, Table

# Field types: how a column is normalised and checked.
DATE = "date"
MONTH = "month"
MONEY = "money"
QUANTITY = "quantity"
SCORE = "score"
PERCENT = "percent"  # 35%, 35 or 0.35 → percent points (see typed.percent)
TEXT = "text"
FLAG = "flag"
STAGE = "stage"
CURRENCY = "currency"
REFERENCES = {"customer", "product", "person", "channel", "node", "region", "customer_type"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str | Promise
    type: str
    required: bool = False
    synonyms: tuple[str, ...] = ()
    max_length: int = 0
    help: str | Promise = ""
    # A date of something that has happened (a sale, a payment): refused beyond the import
    # horizon (``IMPORT_FUTURE_DAYS`` after today), where it is a typing error, not a plan.
    happened: bool = False
    # What an empty cell of a new record becomes (customers: the channel "未指定"); shown by
    # the template and the mapping page, applied by the kind's check: one declaration.
    default: str | Promise = ""

    @property
    def rule(self) -> str:
        """Required, or what an empty cell becomes, as the template and the mapping page say."""
        if self.required:
            return str(_("必填"))
        if self.default:
            return str(_("空白时为“%(value)s”")) % {"value": self.default}
        return ""

    @property
    def is_reference(self) -> bool:
        return self.type in REFERENCES


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


@dataclass(frozen=True)
class NewRecords:
    """Records of one kind a file names and nobody has yet (a sales file's new customers):
    how many, and the first few as the file names them."""

    what: str | Promise  # 客户, 产品
    count: int
    first: tuple[str, ...]


@dataclass
class Prepared:
    kind: KindSpec
    rows: pl.DataFrame  # ROW + the kind's output columns, every row (bad ones too)
    errors: pl.DataFrame  # row, column, value, reason
    file_errors: list[str] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    # What the file names that nobody has yet, where the kind may make it (``create_new``).
    new_records: list[NewRecords] = field(default_factory=list)

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


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    notes: list[str] = field(default_factory=list)  # what the import also did, for the batch

    @property
    def written(self) -> int:
        return self.inserted + self.updated


class Importer(Protocol):
    """A kind's own steps (facts: ``actuals.importing.facts``; master data:
    ``salestarget.importing.master``). ``scope`` is the caller's ``org.scoping.Scope``."""

    @property
    def whole_file(self) -> bool:
        """Checked whole on the mapping page (a parent or a duplicate may come later)."""

    @property
    def create_missing(self) -> str | Promise:
        """The label of the option to make what the file names and nobody has yet ("": none)."""

    @property
    def create_new(self) -> str | Promise:
        """The label of the option to make the records a fact's references name and nobody
        has yet (sales: customers and products), "": none."""

    def require(self, scope: Any) -> None:
        """Raise ``PermissionDenied`` unless ``scope`` may import this kind."""

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
    ) -> Prepared:
        """Every row normalised, resolved and checked; nothing written."""

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
        """Write the good rows inside the caller's transaction."""


class BatchOptions(Protocol):
    """Choices a kind adds to the mapping page (sales: the crediting rule), kept in the
    batch's options and remembered with the source's mapping."""

    def fields(self) -> dict[str, Any]:
        """The form fields, by option key (``django.forms.Field``)."""

    def described(self, options: Mapping[str, object]) -> str:
        """The choices in ``options`` as the batch page states them ("": nothing to say)."""


# Problems of a mapping beyond missing required columns (e.g. "person or node, at least one").
MappingCheck = Callable[[dict[str, str]], list[str]]


@dataclass(frozen=True)
class KindSpec:
    key: str
    label: str | Promise
    api_path: str
    model_name: str
    date_field: str  # the date the fact is credited on (attribution and rollups); "" if none
    fields: tuple[FieldSpec, ...]
    importer: Importer
    # Fields whose values identify a record when the file has no external id.
    identity: tuple[str, ...] = ()
    id_rule: str | Promise = ""
    notes: tuple[str | Promise, ...] = field(default_factory=tuple)
    is_fact: bool = False  # facts have lists and an API of their own; master data does not
    mapping_check: MappingCheck | None = None
    batch_options: BatchOptions | None = None

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


_REGISTRY: dict[str, KindSpec] = {}


def kind_register(spec: KindSpec) -> None:
    """Make ``spec`` importable (called by its app when ready)."""
    _REGISTRY[spec.key] = spec


def kind_spec(key: str) -> KindSpec:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise ValueError(f"unknown kind {key!r}; one of {', '.join(_REGISTRY)}") from None


def kind_found(key: str) -> KindSpec | None:
    return _REGISTRY.get(key)


def kinds_registered(*, facts: bool) -> dict[str, KindSpec]:
    """The facts (``facts=True``) or the master data kinds, in the order they registered."""
    return {k: s for k, s in _REGISTRY.items() if s.is_fact == facts}
