"""The import flow every kind shares: a file kept and its batch opened, the mapping suggested
and saved, the batch read, checked and (unless only validated) written in one transaction,
records from the API and the entry form; an ``ImportBatch`` records each one.

What differs by kind is the kind's importer (``KindSpec.importer``): who may import it, how
its rows are checked, how they are written. Nothing here names a kind.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import polars as pl
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from salestarget.importing.context import import_context
from salestarget.importing.errors import errors_frame, errors_report
from salestarget.importing.kinds import KindSpec, Options, Prepared, WriteResult, kind_spec
from salestarget.importing.lease import heartbeat, lease_take
from salestarget.importing.mapping import mapping_remember, suggest_mapping
from salestarget.importing.models import ImportBatch
from salestarget.importing.reading import ROW, Table, TableError, read_table, read_table_file
from salestarget.wording import series

Progress = Callable[[int, str], None]
ONE_FILE_OPTIONS = frozenset({"create_new"})
PREVIEW_ERRORS = 200
# Labels in the language of whoever watches (a terminal's, a browser's): lazy.
PHASES = {
    "reading": (5, gettext_lazy("读取文件")),
    "validating": (25, gettext_lazy("校验")),
    "writing": (60, gettext_lazy("写入并更新汇总")),
    "done": (100, gettext_lazy("完成")),
}


def _prepare(
    kind: KindSpec, *, table: Table, mapping: dict[str, str], batch: ImportBatch, scope: Any
) -> Prepared:
    return kind.importer.prepare(
        kind=kind,
        table=table,
        mapping=mapping,
        options=_options(batch),
        flags=batch.options or {},
        scope=scope,
        source=batch.source,
    )


def scope_of(user: AbstractBaseUser | AnonymousUser | None) -> Any:
    """The scope ``user`` imports in (``None``: the system, which may import everything)."""
    return import_context().scope_of(user)


def _options(batch: ImportBatch) -> Options:
    return Options.from_dict(batch.options or {}, import_context().currency())


# --- uploads ---------------------------------------------------------------------------------


def import_upload(
    *,
    kind: str,
    source: str,
    file_name: str,
    data: bytes | File[bytes],
    user: Any,
    mode: str = ImportBatch.Mode.ALL_OR_NOTHING,
) -> ImportBatch:
    """Keep an uploaded file and open a batch for it (mapping and validation come next).
    An upload (``data`` a file: Django streamed a large one to a temporary file) is copied
    to storage chunk by chunk, never read whole."""
    kind_spec(kind).importer.require(scope_of(user))
    content = ContentFile(data) if isinstance(data, bytes) else data
    name = default_storage.save(f"actuals/uploads/{uuid.uuid4().hex}/{file_name[-100:]}", content)
    return ImportBatch.objects.create(
        kind=kind, source=source, file_name=file_name, stored_file=name, created_by=user, mode=mode
    )


def batch_table(batch: ImportBatch, *, max_rows: int | None = None) -> Table:
    """The batch's file as a table; with ``max_rows`` (the mapping page, the preview) only
    its head is read, so their memory does not grow with the file."""
    try:
        fh = default_storage.open(batch.stored_file, "rb")
    except FileNotFoundError:
        # Storage emptied or moved (a new server, a database restored without its files).
        raise TableError(
            _("上传的文件“%(name)s”已不存在（存储被清理或迁移），请重新上传。")
            % {"name": batch.file_name}
        ) from None
    with fh:
        return read_table_file(fh, batch.file_name, max_rows=max_rows)


def upload_unreadable(*, batch: ImportBatch, message: str) -> ImportBatch:
    """A stored upload that cannot be read as a table (binary, empty, broken workbook): its
    batch is rejected saying why, rather than left pending."""
    if batch.status == ImportBatch.Status.PENDING and not batch.phase:
        _finish(
            batch,
            status=ImportBatch.Status.REJECTED,
            message=message,
            errors=errors_frame([message]),
        )
    return batch


def batch_mapping(batch: ImportBatch, table: Table) -> dict[str, str]:
    if batch.mapping:
        return {f: h for f, h in batch.mapping.items() if h in table.headers}
    return suggest_mapping(kind_spec(batch.kind), table.headers, source=batch.source).mapping


def import_preview(
    *, batch: ImportBatch, scope: Any, rows: int = 20
) -> tuple[Table, dict[str, str], Prepared]:
    """The first rows of the file, normalised as they would be imported, with their errors.
    Master data is checked whole (a parent or a duplicate may come later in the file)."""
    kind = kind_spec(batch.kind)
    table = batch_table(batch, max_rows=None if kind.importer.whole_file else rows)
    mapping = batch_mapping(batch, table)
    prepared = _prepare(kind, table=table, mapping=mapping, batch=batch, scope=scope)
    if prepared.new_records and not kind.importer.whole_file:
        # New customers or products in the first rows: how many the whole file names (read
        # whole only then, so a file of known ones keeps the page's memory flat).
        whole = batch_table(batch)
        if whole.frame.height > table.frame.height:
            every = _prepare(kind, table=whole, mapping=mapping, batch=batch, scope=scope)
            prepared.new_records = every.new_records
    return table, mapping, prepared


def import_configure(
    *, batch: ImportBatch, mapping: dict[str, str], options: dict[str, object], mode: str
) -> ImportBatch:
    """Save the user's mapping and options on the batch, and remember them for the source."""
    batch.mapping = {f: h for f, h in mapping.items() if h}
    batch.options = options
    batch.mode = mode
    batch.status = ImportBatch.Status.PENDING
    batch.save(update_fields=["mapping", "options", "mode", "status"])
    # Making new customers and products is asked for one file, not remembered for the next.
    remembered = {k: v for k, v in options.items() if k not in ONE_FILE_OPTIONS}
    mapping_remember(
        kind=kind_spec(batch.kind), source=batch.source, mapping=batch.mapping, options=remembered
    )
    return batch


# --- the import ------------------------------------------------------------------------------


def _phase(batch: ImportBatch, phase: str, progress: Progress | None) -> None:
    percent, label = PHASES[phase]
    batch.phase = phase
    batch.progress = percent
    batch.heartbeat_at = timezone.now()
    ImportBatch.objects.filter(pk=batch.pk).update(
        phase=phase, progress=percent, status=batch.status, heartbeat_at=batch.heartbeat_at
    )
    if progress:
        progress(percent, str(label))


def batch_import(
    *,
    batch: ImportBatch,
    scope: Any,
    data: bytes | None = None,
    table: Table | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportBatch:
    """Read, validate and (unless ``dry_run``) write one batch. All-or-nothing batches with
    an error write nothing; a failure part-way leaves the data as it was. The rows and the
    batch's final status are committed together, so an import killed part-way (found by
    :mod:`salestarget.importing.lease`) wrote nothing."""
    kind = kind_spec(batch.kind)
    kind.importer.require(scope)
    batch.status = ImportBatch.Status.RUNNING
    lease_take(batch)
    _phase(batch, "reading", progress)
    try:
        if table is None:
            table = read_table(data, batch.file_name) if data is not None else batch_table(batch)
        mapping = batch.mapping or batch_mapping(batch, table)
        batch.mapping = mapping
        _phase(batch, "validating", progress)
        prepared = _prepare(kind, table=table, mapping=mapping, batch=batch, scope=scope)
    except TableError as exc:
        return _finish(
            batch,
            status=ImportBatch.Status.REJECTED,
            message=str(exc),
            errors=errors_frame([str(exc)]),
        )
    except Exception as exc:
        _finish(
            batch,
            status=ImportBatch.Status.FAILED,
            message=_("导入失败：%(error)s") % {"error": exc},
        )
        raise

    batch.rows_total = prepared.rows_total
    batch.rows_rejected = prepared.rows_rejected
    notes = []
    if prepared.skipped_rows:
        notes.append(
            _("跳过合计行：第 %(rows)s 行") % {"rows": series(map(str, prepared.skipped_rows))}
        )
    if prepared.file_errors:
        return _finish(
            batch,
            status=ImportBatch.Status.REJECTED,
            message="\n".join(prepared.file_errors),
            errors=prepared.errors,
        )
    has_errors = prepared.errors.height > 0
    all_or_nothing = batch.mode == ImportBatch.Mode.ALL_OR_NOTHING
    if dry_run:
        status = ImportBatch.Status.VALIDATED
        notes.insert(0, _("已校验，未写入。"))
        if (batch.options or {}).get("create_new"):  # what the import will make first
            notes.extend(
                _("%(what)s：%(n)s 个（%(names)s），导入时新建")
                % {"what": n.what, "n": n.count, "names": series(n.first)}
                for n in prepared.new_records
            )
        return _finish(batch, status=status, message="\n".join(notes), errors=prepared.errors)
    if has_errors and all_or_nothing:
        n = prepared.rows_rejected
        notes.insert(
            0,
            (
                ngettext(
                    "文件有 %(n)s 行错误，按“全部或不导入”方式，未写入任何数据。",
                    "文件有 %(n)s 行错误，按“全部或不导入”方式，未写入任何数据。",
                    n,
                )
                if batch.file_name
                else ngettext(
                    "有 %(n)s 条记录有错误，按“全部或不导入”方式，未写入任何数据。",
                    "有 %(n)s 条记录有错误，按“全部或不导入”方式，未写入任何数据。",
                    n,
                )
            )
            % {"n": n},
        )
        return _finish(
            batch,
            status=ImportBatch.Status.REJECTED,
            message="\n".join(notes),
            errors=prepared.errors,
        )

    _phase(batch, "writing", progress)
    if has_errors:
        notes.insert(0, _("已导入正确的行；%(n)s 行有错误未导入。") % {"n": prepared.rows_rejected})
    try:
        with heartbeat(batch), transaction.atomic():
            result = kind.importer.write(
                kind=kind,
                prepared=prepared,
                flags=batch.options or {},
                scope=scope,
                source=batch.source,
                batch_id=batch.pk,
            )
            _counts(batch, result)
            notes.extend(result.notes)
            done = _finish(
                batch,
                status=ImportBatch.Status.DONE,
                message="\n".join(notes),
                errors=prepared.errors,
            )
    except DatabaseError as exc:
        # A value the checks let through and the database refused (a defect of the checks,
        # not of the file): the batch says so and nothing was written, never a 500.
        _counts(batch, WriteResult())
        return _finish(
            batch,
            status=ImportBatch.Status.FAILED,
            message=_("数据库拒绝写入，未写入任何数据：%(error)s") % {"error": exc},
            errors=errors_frame([str(exc)]),
        )
    except Exception as exc:
        _counts(batch, WriteResult())
        _finish(
            batch,
            status=ImportBatch.Status.FAILED,
            message=_("导入失败，数据未改变：%(error)s") % {"error": exc},
        )
        raise
    if progress:
        progress(100, str(PHASES["done"][1]))
    return done


def _counts(batch: ImportBatch, result: WriteResult) -> None:
    batch.rows_inserted = result.inserted
    batch.rows_updated = result.updated
    batch.rows_unchanged = result.unchanged
    batch.rows_written = result.written


def _finish(
    batch: ImportBatch, *, status: str, message: str, errors: pl.DataFrame | None = None
) -> ImportBatch:
    batch.status = status
    batch.message = message
    batch.finished_at = timezone.now()
    batch.phase = "done"
    batch.progress = 100
    if errors is not None and errors.height:
        batch.errors_total = errors.height
        batch.errors_preview = errors.head(PREVIEW_ERRORS).to_dicts()
        batch.error_report = _save_report(batch, errors)
    else:  # a re-run after fixing the mapping: the old errors no longer apply
        batch.errors_total = 0
        batch.errors_preview = []
        batch.error_report = ""
    batch.save()
    return batch


def _save_report(batch: ImportBatch, errors: pl.DataFrame) -> str:
    name = f"actuals/reports/batch-{batch.pk}-errors.csv"
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(errors_report(errors)))


# --- records (API, manual entry) -------------------------------------------------------------


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, Decimal, int)):
        return str(value)
    return str(value)


def records_table(kind: KindSpec, records: list[dict[str, Any]]) -> Table:
    names = kind.field_names
    frame = pl.DataFrame(
        {n: [_cell(r.get(n)) for r in records] for n in names},
        schema=dict.fromkeys(names, pl.String),
    ).with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(ROW))
    frame = frame.with_columns(pl.col(n).str.strip_chars() for n in names)
    return Table(frame=frame, headers=names, encoding="json")


def records_import(
    *,
    kind: str,
    source: str,
    records: list[dict[str, Any]],
    user: Any,
    mode: str = ImportBatch.Mode.ALL_OR_NOTHING,
    scope: Any = None,
    options: dict[str, object] | None = None,
) -> ImportBatch:
    """Import records given as dicts of field name → value (API batches, the entry form).
    Row numbers in the errors are the records' indexes."""
    scope = scope or scope_of(user)
    spec = kind_spec(kind)
    spec.importer.require(scope)
    present = {n for r in records for n, v in r.items() if v is not None and n in spec.field_names}
    batch = ImportBatch.objects.create(
        kind=kind,
        source=source,
        created_by=user if getattr(user, "pk", None) else None,
        mode=mode,
        mapping={n: n for n in spec.field_names if n in present},
        options=options or {},
    )
    table = records_table(spec, records)
    if not records:
        return _finish(
            batch,
            status=ImportBatch.Status.REJECTED,
            message=_("没有记录。"),
            errors=errors_frame([_("没有记录。")]),
        )
    return batch_import(batch=batch, scope=scope, table=table)
