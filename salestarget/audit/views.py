"""The audit trail page for the admin (filter, page through, export as CSV or Excel) and the
export of all the company's data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from salestarget.audit import exports, queries
from salestarget.audit.logins import EXPORT, access_record
from salestarget.audit.rows import ACTIONS, entry_rows
from salestarget.org.masterdata import admin_scope
from salestarget.ui.paging import page_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    admin_scope(request)
    f = queries.EntryFilter.from_query(request.GET)
    page = page_of(request, queries.entries(f))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_obj": page,
        "rows": list(entry_rows(page.object_list)),
        "filter": f,
        "types": queries.audited_types(),
        "action_choices": [(key, ACTIONS[value]) for key, value in queries.ACTIONS.items()],
        "query": query.urlencode(),
    }
    return render(request, "audit/entry_list.html", context)


@login_required
def entry_export(request: HttpRequest, fmt: str) -> FileResponse:
    admin_scope(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = entry_rows(queries.entries(queries.EntryFilter.from_query(request.GET)).iterator())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        return FileResponse(
            exports.trail_xlsx(rows),
            as_attachment=True,
            filename=f"audit-{stamp}.xlsx",
            content_type=XLSX,
        )
    return FileResponse(
        exports.trail_csv(rows),
        as_attachment=True,
        filename=f"audit-{stamp}.csv",
        content_type="text/csv; charset=utf-8",
    )


@login_required
@require_POST
def company_export(request: HttpRequest) -> FileResponse:
    admin_scope(request)
    access_record(event=EXPORT, username=request.user.get_username(), user=request.user)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(
        exports.company_zip(),
        as_attachment=True,
        filename=f"salestarget-{stamp}.zip",
        content_type="application/zip",
    )
