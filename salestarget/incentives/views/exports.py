"""Payroll export (工资表) per month, in Excel or CSV: one row per person with the total
and its status, for finance only; and the sales lines (or payments) behind one statement
line as CSV, for whoever may read the statement. All go through ``spreadsheets`` so that
no name runs as a formula when the file is opened."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from salestarget.incentives.models import StatementLine
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.statements import lines_behind, statements_visible
from salestarget.incentives.services.calculation import month_parse
from salestarget.org.scoping import request_scope
from salestarget.spreadsheets import cell_text, workbook_bytes
from salestarget.ui.pages import scoped_object


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


class _Echo:
    """A file that hands back what is written to it, for a streamed CSV."""

    def write(self, value: str) -> str:
        return value


@login_required
def line_sales_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The facts behind one statement line (filtered as on the page, ``?q=``) as CSV,
    streamed: a year-to-date line may stand on tens of thousands of sales lines."""
    scope = request_scope(request)
    line = scoped_object(
        StatementLine.objects.filter(statement__in=statements_visible(scope)).select_related(
            "statement", "component"
        ),
        pk=pk,
    )
    facts = lines_behind(line, search=request.GET.get("q", "").strip())
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(
            [_("日期"), _("订单号"), _("客户"), _("产品"), _("数量"), _("金额")]
        )
        for fact in facts.iterator(chunk_size=2000):
            product = getattr(fact, "product", None)
            yield writer.writerow(
                [
                    getattr(fact, "sold_on", None) or getattr(fact, "received_on", ""),
                    cell_text(getattr(fact, "order_no", "")),
                    cell_text(fact.customer.name),
                    cell_text(product.name if product else ""),
                    getattr(fact, "quantity", ""),
                    f"{fact.amount:.2f}",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv")
    name = f"lines-{line.statement.period}-{line.pk}.csv"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
