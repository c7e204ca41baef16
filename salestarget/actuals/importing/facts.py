"""The importer of a kind of fact: the fact pipeline (:mod:`pipeline`) and the fact writer
(:mod:`writer`), with what one kind does differently given as attributes of its declaration
(``actuals.import_kinds``) instead of branches on its name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.actuals.importing import pipeline
from salestarget.actuals.importing.memberships import memberships_backdate
from salestarget.actuals.importing.new_records import (
    FactPrepared,
    new_records_make,
    new_records_refused,
)
from salestarget.actuals.importing.rules import Rules
from salestarget.actuals.importing.steps import Crediting, ExternalIds
from salestarget.actuals.importing.writer import facts_write
from salestarget.importing.kinds import KindSpec, Options, Prepared, WriteResult
from salestarget.importing.reading import Table
from salestarget.org.masterdata import require_master_data_editor
from salestarget.org.scoping import Scope

BACKDATE = gettext_lazy(
    "导入历史数据：人员的首个任职晚于文件中他的最早日期时，把该任职的开始日期提前到那一天"
)
# Errors (row, column, value, reason) of prepared rows that only the stored facts reveal.
RowCheck = Callable[[pl.DataFrame, str], pl.DataFrame]
Store = Callable[..., WriteResult]


def require_import(scope: Scope) -> None:
    if not scope.can_import_actuals:
        raise PermissionDenied(_("只有财务和系统管理员可以导入或修改实际数据"))


@dataclass(frozen=True)
class FactImporter:
    output: Sequence[str]  # the columns a prepared row has and the writer stores
    rules: Rules  # the kind's checks and defaults (returns, owners, stages …)
    # The day whose membership credits a fact to its node; None: not credited (market sizes).
    credit_day: Callable[[], pl.Expr] | None = None
    node_given: bool = False  # a fact may name its node instead (expenses)
    external_ids: ExternalIds | None = None
    row_check: RowCheck | None = None  # given (rows, source)
    store: Store | None = None  # the kind's own writer (rows=, source=, batch_id=)
    by_lines: bool = False  # a deletion moves the rollups by the deleted lines (sales)
    crediting: Crediting | None = None  # who facts without a person go to (sales)
    whole_file: bool = False
    # Run after the rows are written, with the writer's staging tables still there (the
    # cursor, the source): the opportunities' stage history.
    after_write: Callable[[Any, str], None] | None = None
    # The label of the option to make the customers and products the file names and nobody
    # has yet (sales; ``new_records``), "": none.
    create_new: str | Promise = ""

    @property
    def create_missing(self) -> str | Promise:
        """Facts credited by membership offer to start a person's first membership on the
        earliest fact of the file (history from before the person was imported)."""
        return BACKDATE if self.credit_day is not None else ""

    def _backdates(self, flags: Mapping[str, object]) -> bool:
        return self.credit_day is not None and bool(flags.get("create_missing"))

    def _creates(self, flags: Mapping[str, object], scope: Scope) -> bool:
        """Whether the new customers and products are made: asked, by whom may make them."""
        if not (self.create_new and flags.get("create_new")):
            return False
        require_master_data_editor(scope)
        return True

    def require(self, scope: Scope) -> None:
        require_import(scope)

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
    ) -> Prepared:
        creates = self._creates(flags, scope)
        prepared = pipeline.prepare(
            kind=kind,
            importer=self,
            table=table,
            mapping=mapping,
            options=options,
            flags=flags,
            scope=scope,
            backdate=self._backdates(flags),
            create_new=creates,
        )
        if self.row_check is not None and prepared.rows.height:
            found = self.row_check(prepared.rows, source)
            if found.height:
                prepared.errors = pl.concat([prepared.errors, found])
        if creates and isinstance(prepared, FactPrepared):
            refused = new_records_refused(prepared, scope)
            if refused.height:
                prepared.errors = pl.concat([prepared.errors, refused]).sort(
                    "row", maintain_order=True
                )

            def again() -> Prepared:
                return self.prepare(
                    kind=kind,
                    table=table,
                    mapping=mapping,
                    options=options,
                    flags=flags,
                    scope=scope,
                    source=source,
                )

            prepared.again = again
        return prepared

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
        notes: list[str] = []
        if isinstance(prepared, FactPrepared) and prepared.again and self._creates(flags, scope):
            notes = new_records_make(prepared, scope, batch_id)
            prepared = _made_again(prepared, prepared.again())
        if self.credit_day is not None:
            notes += memberships_backdate(
                rows=prepared.good, day=self.credit_day(), stated_too=self._backdates(flags)
            )
        if self.store is not None:
            result: WriteResult = self.store(rows=prepared.good, source=source, batch_id=batch_id)
        else:
            result = facts_write(
                kind=kind, columns=self.output, rows=prepared.good, source=source, batch_id=batch_id
            )
            if self.after_write is not None:
                with connection.cursor() as cur:
                    self.after_write(cur, source)
        result.notes[:0] = notes
        return result


def _made_again(before: Prepared, after: Prepared) -> Prepared:
    """The rows prepared again once the new customers and products exist: every row good
    before is good still (else the import fails and writes nothing, rather than write fewer
    rows than it was checked to)."""
    lost = after.bad_rows.filter(~after.bad_rows.is_in(before.bad_rows.implode()))
    if lost.len():
        raise ValueError(
            _("新建客户和产品后，第 %(rows)s 行不再能导入")
            % {"rows": ", ".join(map(str, lost.sort().head(10).to_list()))}
        )
    return after
