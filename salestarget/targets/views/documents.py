"""Downloads: decomposition cards and responsibility letters (PDF, Excel), and the Excel
export / import of a decomposition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from salestarget.http import AuthenticatedRequest
from salestarget.org.models import Person
from salestarget.targets import queries
from salestarget.targets.forms import ImportForm
from salestarget.targets.models import DecompositionExport, ExportStatus, Target
from salestarget.targets.permissions import can_manage
from salestarget.targets.queries.documents import card_data, letter_data
from salestarget.targets.queries.exports import INLINE_TARGETS, export_failed, export_size
from salestarget.targets.services import documents, excel
from salestarget.targets.tasks import decomposition_export_start
from salestarget.targets.views.common import plan_for, scope, target_for
from salestarget.ui.uploads import upload_limit

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, mime: str, name: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
def card(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    target = target_for(request, pk)
    data = card_data(target)
    name = f"{data.title}-{data.holder}-{data.period}"
    if fmt == "pdf":
        return _download(documents.card_pdf(data=data), PDF, f"{name}.pdf")
    if fmt == "xlsx":
        return _download(documents.card_xlsx(data=data), XLSX, f"{name}.xlsx")
    if fmt == "html":
        return HttpResponse(documents.card_html(data=data))
    raise Http404


@login_required
def letter(request: AuthenticatedRequest, pk: int, person_id: int, fmt: str) -> HttpResponse:
    plan = plan_for(request, pk)
    person = get_object_or_404(Person, pk=person_id)
    s = scope(request)
    targets = list(queries.targets_visible(s).filter(plan=plan, person=person))
    if not targets:
        raise Http404
    data = letter_data(plan, person, targets)
    name = f"{_('目标责任书')}-{person.name}-{plan.period}"
    if fmt == "pdf":
        return _download(documents.letter_pdf(data=data), PDF, f"{name}.pdf")
    if fmt == "xlsx":
        return _download(documents.letter_xlsx(data=data), XLSX, f"{name}.xlsx")
    raise Http404


def _export_name(target: Target) -> str:
    return f"{_('目标分解')}-{target.label}.xlsx".replace(" · ", "-")


@login_required
def export_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The subtree's workbook: at once when it is small, else written in the background while
    a page shows its progress (``targets.services.exports``)."""
    target = target_for(request, pk)
    total = export_size(target=target, by=request.user)
    if total <= INLINE_TARGETS:
        content = excel.decomposition_xlsx(target=target, by=request.user)
        return _download(content, XLSX, _export_name(target))
    run = decomposition_export_start(target=target, by=request.user, total=total)
    return redirect("targets:export_run", run.pk)


def _own_run(request: AuthenticatedRequest, pk: int) -> DecompositionExport:
    """A run of the one who started it (nobody else's: a 404), of a target still in scope."""
    run = get_object_or_404(
        DecompositionExport.objects.select_related("target"), pk=pk, requested_by=request.user
    )
    target_for(request, run.target_id)
    return run


@login_required
def export_run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """How far a background export has got; htmx asks again every second until it is done."""
    run = _own_run(request, pk)
    context = {"run": run, "failed": export_failed(run), "name": _export_name(run.target)}
    template = "targets/partials/export_run.html" if request.htmx else "targets/export_run.html"
    return render(request, template, context)


@login_required
def export_file(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    run = _own_run(request, pk)
    if run.status != ExportStatus.DONE or run.content is None:
        raise Http404
    return _download(bytes(run.content), XLSX, _export_name(run.target))


@login_required
@upload_limit
def import_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk)
    if not can_manage(scope(request), target):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = excel.decomposition_import(
            target=target, by=request.user, data=upload.read(), file_name=upload.name
        )
        if report.ok:
            messages.success(request, _("导入成功，更新了 %(n)d 个目标。") % {"n": report.updated})
            return redirect("targets:plan_detail", target.plan_id)
    return render(
        request, "targets/import.html", {"target": target, "form": form, "report": report}
    )
