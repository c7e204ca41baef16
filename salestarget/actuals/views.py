"""Actuals pages: fact lists (scoped), the import flow (upload → mapping with preview →
validate → import, with progress), the error report, and manual entry of sales lines."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from salestarget.actuals import queries
from salestarget.actuals.forms import SalesLineForm
from salestarget.actuals.import_kinds import FACT_KINDS
from salestarget.actuals.importing.new_records import records_made
from salestarget.actuals.services import actuals_fact_delete, require_import
from salestarget.fields import units_to_decimal
from salestarget.http import AuthenticatedRequest
from salestarget.importing.expiry import upload_expiry_hours, uploads_expire
from salestarget.importing.forms import MappingForm, UploadForm
from salestarget.importing.kinds import KindSpec, kind_found, kind_spec
from salestarget.importing.mapping import options_remembered
from salestarget.importing.models import ImportBatch
from salestarget.importing.queries import batches_visible
from salestarget.importing.reading import ROW, TableError
from salestarget.importing.services import (
    batch_mapping,
    batch_table,
    import_configure,
    import_preview,
    import_upload,
    records_import,
    upload_unreadable,
)
from salestarget.importing.tasks import import_start
from salestarget.org.scoping import Scope, request_scope
from salestarget.ui.paging import PER_PAGE
from salestarget.ui.params import DB_MAX, int_param
from salestarget.ui.uploads import UploadField, upload_limit
from salestarget.wording import series
from salestarget.worker.recovery import tasks_recover

COLUMNS: dict[str, list[tuple[str, Promise]]] = {
    "sales": [
        ("sold_on", _l("销售日期")),
        ("order_no", _l("订单号")),
        ("line_no", _l("行号")),
        ("customer", _l("客户")),
        ("product", _l("产品")),
        ("person", _l("销售人员")),
        ("node", _l("归属组织")),
        ("channel", _l("渠道")),
        ("region", _l("区域")),
        ("quantity", _l("数量")),
        ("amount", _l("金额")),
        ("cost", _l("成本")),
    ],
    "expense": [
        ("spent_on", _l("费用日期")),
        ("person", _l("人员")),
        ("node", _l("组织")),
        ("category", _l("费用类别")),
        ("amount", _l("金额")),
    ],
    "payment": [
        ("received_on", _l("回款日期")),
        ("customer", _l("客户")),
        ("person", _l("人员")),
        ("node", _l("归属组织")),
        ("amount", _l("金额")),
    ],
    "opportunity": [
        ("name", _l("商机名称")),
        ("customer", _l("客户")),
        ("person", _l("人员")),
        ("stage", _l("阶段")),
        ("opened_on", _l("创建日期")),
        ("closed_on", _l("关闭日期")),
        ("amount", _l("预计金额")),
    ],
    "survey": [
        ("surveyed_on", _l("调查日期")),
        ("customer", _l("客户")),
        ("person", _l("人员")),
        ("score", _l("满意度得分")),
    ],
    "market_size": [("month", _l("月份")), ("region", _l("区域")), ("amount", _l("市场容量"))],
    "activity": [
        ("occurred_on", _l("活动日期")),
        ("occurred_at", _l("时间")),
        ("kind", _l("活动类型")),
        ("status", _l("状态")),
        ("customer", _l("客户")),
        ("lead", _l("线索")),
        ("person", _l("人员")),
        ("outcome", _l("结果")),
    ],
}
NUMERIC = {"quantity", "amount", "cost", "score"}


def _importable(scope: Scope) -> list[KindSpec]:
    """The fact kinds ``scope`` may import (finance and the admin all; the others activities)."""
    kinds = []
    for kind in FACT_KINDS.values():
        try:
            kind.importer.require(scope)
        except PermissionDenied:
            continue
        kinds.append(kind)
    return kinds


def _import_scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not _importable(scope):
        require_import(scope)
    return scope


def _sales_scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    require_import(scope)
    return scope


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _display(obj: Any, name: str) -> str:
    value = getattr(obj, name)
    if name in ("stage", "kind", "status", "outcome"):
        return str(getattr(obj, f"get_{name}_display")())
    if value is None:  # a cost never given is unknown, not zero
        return _("成本未知") if name == "cost" else "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    if name in NUMERIC:
        return (
            f"{value.normalize():,f}" if value == value.to_integral() else f"{value.normalize():,}"
        )
    return str(value)


@login_required
def fact_list(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    kind = request.GET.get("kind", "sales")
    if kind not in FACT_KINDS:
        raise Http404
    qs = queries.facts_visible(
        scope,
        kind,
        date_from=_date(request.GET.get("from")),
        date_to=_date(request.GET.get("to")),
        person_id=int_param(request, "person"),
        search=request.GET.get("q", "").strip(),
        batch_id=int_param(request, "batch"),
    )
    # A page past the end shows no rows; one whose first row is past 2⁶³ is refused.
    page = int_param(request, "page", default=1, high=DB_MAX // PER_PAGE) or 1
    # No COUNT(*) over millions of lines: fetch one row more than a page to know if there is a next.
    items = list(qs[(page - 1) * PER_PAGE : page * PER_PAGE + 1])
    has_next = len(items) > PER_PAGE
    items = items[:PER_PAGE]
    columns = COLUMNS[kind]
    rows = [
        {"obj": o, "cells": [(_display(o, c), c in NUMERIC) for c, _label in columns]}
        for o in items
    ]
    context = {
        "kind": kind,
        "kinds": [(k.key, k.label) for k in FACT_KINDS.values()],
        "columns": columns,
        "rows": rows,
        "page": page,
        "has_next": has_next,
        "people": scope.people().order_by("employee_no") if kind != "market_size" else [],
        "filters": request.GET,
        "can_edit": scope.can_import_actuals and kind == "sales",
    }
    template = "actuals/_fact_table.html" if request.htmx else "actuals/fact_list.html"
    return render(request, template, context)


# --- import flow -----------------------------------------------------------------------------


@login_required
@upload_limit
def import_upload_view(request: HttpRequest) -> HttpResponse:
    scope = _import_scope(request)
    tasks_recover()
    uploads_expire()
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        kinds=_importable(scope),
        file_field=UploadField,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = import_upload(
            kind=form.cleaned_data["kind"],
            source=form.cleaned_data["source"],
            file_name=upload.name,
            data=upload,
            user=request.user,
        )
        return redirect("actuals:import_mapping", batch.pk)
    batches = batches_visible(scope)[:20]
    return render(
        request,
        "actuals/import_upload.html",
        {
            "form": form,
            "batches": batches,
            "kinds": _importable(scope),
            "expiry_hours": upload_expiry_hours(),
        },
    )


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    return get_object_or_404(batches_visible(request_scope(request)), pk=pk)


@login_required
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _import_scope(request)
    batch = _batch(request, pk)
    if not batch.stored_file:
        raise Http404  # an API batch or manual entry: no file whose columns could be mapped
    kind = kind_spec(batch.kind)
    try:
        table = batch_table(batch, max_rows=20)
    except TableError as exc:
        upload_unreadable(batch=batch, message=str(exc))
        messages.error(request, str(exc))
        return redirect("actuals:import_upload")
    if request.method == "POST":
        form = MappingForm(request.POST, kind=kind, headers=table.headers)
        if form.is_valid():
            options = {
                "date_order": form.cleaned_data["date_order"],
                "decimal_comma": form.cleaned_data["decimal_comma"],
            }
            if "create_missing" in form.fields:
                options["create_missing"] = form.cleaned_data["create_missing"]
            if "create_new" in form.fields and scope.can_edit_master_data:
                options["create_new"] = form.cleaned_data["create_new"]
            options.update(form.batch_options())
            import_configure(
                batch=batch,
                mapping=form.cleaned_data["mapping"],
                options=options,
                mode=form.cleaned_data["mode"],
            )
            action = request.POST.get("action", "preview")
            if action in ("validate", "import"):
                size = default_storage.size(batch.stored_file)
                batch = import_start(
                    batch=batch, user_id=request.user.pk, dry_run=action == "validate", size=size
                )
                return redirect("actuals:import_detail", batch.pk)
    else:
        mapping = batch_mapping(batch, table)
        # A new file from a known source: its remembered choices, in the form and the preview.
        batch.options = batch.options or options_remembered(kind=kind, source=batch.source)
        form = MappingForm(
            initial=MappingForm.initial_for(table.headers, mapping, batch.options, batch.mode),
            kind=kind,
            headers=table.headers,
        )
    _table, mapping, prepared = import_preview(batch=batch, scope=scope)
    errors_by_row: dict[int, list[dict[str, Any]]] = {}
    for e in prepared.errors.to_dicts():
        errors_by_row.setdefault(e["row"], []).append(e)
    preview_of = getattr(prepared, "preview", None)  # master data names its own columns
    if callable(preview_of):
        preview_cols, preview = preview_of(20)
        for r in preview:
            r["errors"] = errors_by_row.get(r["row"], [])
    else:
        preview_cols = [c for c in prepared.rows.columns if c != ROW]
        preview = [
            {
                "row": r[ROW],
                "cells": [_preview_cell(c, r.get(c)) for c in preview_cols],
                "errors": errors_by_row.get(r[ROW], []),
            }
            for r in prepared.rows.head(20).to_dicts()
        ]
    context = {
        "batch": batch,
        "kind": kind,
        "form": form,
        "encoding": table.encoding,
        "preview_cols": preview_cols,
        "preview": preview,
        "file_errors": prepared.file_errors,
        "raw_rows": table.frame.head(5).to_dicts(),
        "headers": table.headers,
        # Master data is checked whole on this page: say how the whole file fared.
        "checked": (prepared.rows_total, prepared.rows_rejected)
        if kind.importer.whole_file
        else None,
        # The customers and products the file names and nobody has: who may make them is
        # offered to, the others are told whom to ask.
        "new_records": [
            {
                "what": n.what,
                "count": n.count,
                "names": series(n.first),
                "more": n.count > len(n.first),
            }
            for n in prepared.new_records
        ],
        "can_create": scope.can_edit_master_data and "create_new" in form.fields,
    }
    return render(request, "actuals/import_mapping.html", context)


def _preview_cell(column: str, value: object) -> object:
    if column in NUMERIC and isinstance(value, int):
        return units_to_decimal(value).normalize()
    return value


@login_required
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    _import_scope(request)
    tasks_recover()  # an import whose process died shows as interrupted
    batch = _batch(request, pk)
    template = "actuals/_import_progress.html" if request.htmx else "actuals/import_detail.html"
    kind = kind_found(batch.kind)
    # The choices the import ran with (sales: who lines without a salesperson went to).
    stated = (
        kind.batch_options.described(batch.options or {}) if kind and kind.batch_options else ""
    )
    done = batch.status == ImportBatch.Status.DONE
    made = records_made(batch) if done and kind and kind.importer.create_new else []
    context = {"batch": batch, "kind": kind, "stated": stated, "made": made}
    return render(request, template, context)


@login_required
@require_POST
def import_run(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a batch that was validated (or re-run one, also one interrupted), with its saved
    mapping and mode."""
    _import_scope(request)
    tasks_recover()
    batch = _batch(request, pk)
    if batch.status in (ImportBatch.Status.RUNNING, ImportBatch.Status.DONE):
        return redirect("actuals:import_detail", batch.pk)
    if request.POST.get("mode") in ImportBatch.Mode.values:
        batch.mode = request.POST["mode"]
        batch.save(update_fields=["mode"])
    size = default_storage.size(batch.stored_file) if batch.stored_file else 0
    import_start(batch=batch, user_id=request.user.pk, dry_run=False, size=size)
    return redirect("actuals:import_detail", batch.pk)


@login_required
def import_errors(request: HttpRequest, pk: int) -> HttpResponseBase:
    _import_scope(request)
    batch = _batch(request, pk)
    if not batch.error_report:
        raise Http404
    try:
        report = default_storage.open(batch.error_report, "rb")
    except FileNotFoundError:
        # Storage emptied or moved (a new server, a restored database without its files).
        messages.error(
            request,
            _(
                "这次导入的错误报告文件已不存在（存储被清理或迁移）。本页列出前几条错误；重新导入该文件可生成完整报告。"
            ),
        )
        return redirect("actuals:import_detail", batch.pk)
    return FileResponse(
        report,
        as_attachment=True,
        filename=f"import-{batch.pk}-errors.csv",
        content_type="text/csv; charset=utf-8",
    )


# --- manual entry ----------------------------------------------------------------------------


@login_required
def sales_line_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    scope = _sales_scope(request)
    line = get_object_or_404(queries.facts_visible(scope, "sales"), pk=pk) if pk else None
    initial: dict[str, Any] = {}
    if line:
        initial = {
            "sold_on": line.sold_on,
            "order_no": line.order_no,
            "line_no": line.line_no,
            "customer": line.customer,
            "product": line.product,
            "person": line.person,
            "channel": line.channel,
            # Only a line's own: one that took its customer's follows a change of customer.
            "region": line.region if line.region_id != line.customer.region_id else None,
            "customer_type": line.customer_type
            if line.customer_type_id != line.customer.customer_type_id
            else None,
            "quantity": line.quantity,
            "amount": line.amount,
            "cost": line.cost,
        }
    form = SalesLineForm(
        request.POST or None,
        initial=initial,
        people=scope.people().filter(is_active=True).order_by("employee_no")
        if not line
        else scope.people().order_by("employee_no"),
    )
    if request.method == "POST" and form.is_valid():
        record = form.record()
        record["external_id"] = line.external_id if line else f"M-{uuid.uuid4().hex[:12]}"
        batch = records_import(
            kind="sales",
            source=line.source if line else "manual",
            records=[record],
            user=request.user,
            scope=scope,
        )
        if batch.status == ImportBatch.Status.DONE:
            messages.success(request, _("已保存销售明细，汇总已更新。"))
            return redirect(reverse("actuals:fact_list") + "?kind=sales")
        for e in batch.errors_preview:
            field = e["column"] if e["column"] in form.fields else None
            form.add_error(field, f"{e['reason']}")
    return render(request, "actuals/sales_form.html", {"form": form, "line": line})


@login_required
@require_POST
def sales_line_delete(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _sales_scope(request)
    line = get_object_or_404(queries.facts_visible(scope, "sales"), pk=pk)
    actuals_fact_delete(kind="sales", ids=[line.pk], user=request.user)
    messages.success(request, _("已删除销售明细 %(id)s，汇总已更新。") % {"id": line.external_id})
    return redirect(reverse("actuals:fact_list") + "?kind=sales")
