"""Payroll export (工资表) per month, in Excel or CSV: one row per person with the total
and its status, for finance only. Both go through ``spreadsheets`` so that no name runs as a
formula when the file is opened."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.statements import statements_visible
from salestarget.incentives.services.calculation import month_parse
from salestarget.org.scoping import request_scope
from salestarget.spreadsheets import cell_text, workbook_bytes


def _rows(request: HttpRequest, period: str) -> list[list[object]]:
    scope = request_scope(request)
    if not is_finance(scope):
        raise PermissionDenied
    month = month_parse(period)
    statements = (
        statements_visible(scope).filter(period=month.label).order_by("person__employee_no")
    )
    header: list[object] = [_("工号"), _("姓名"), _("期间"), _("应发提成"), _("状态")]
    return [header] + [
        [s.person.employee_no, s.person.name, s.period, s.total, s.get_status_display()]
        for s in statements
    ]


def _download(content: bytes, mime: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def payroll_csv(request: HttpRequest, period: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _rows(request, period):
        writer.writerow([f"{v:.2f}" if hasattr(v, "quantize") else cell_text(v) for v in row])
    # A byte-order mark so that Excel opens the Chinese names right.
    return _download(("\ufeff" + out.getvalue()).encode(), "text/csv", f"payroll-{period}.csv")


@login_required
def payroll_xlsx(request: HttpRequest, period: str) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = period
    for row in _rows(request, period):
        sheet.append(row)
    for cell in sheet["D"][1:]:
        cell.number_format = "#,##0.00"
    return _download(
        workbook_bytes(book),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"payroll-{period}.xlsx",
    )
