"""The 导入主数据 page: upload a file of customers, products, people … (then the mapping,
preview, validation and result pages every import shares), and each kind's template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from salestarget.catalog.importing.workbook import ORDER, template_header, template_workbook
from salestarget.importing.expiry import upload_expiry_hours, uploads_expire
from salestarget.importing.forms import UploadForm
from salestarget.importing.kinds import KindSpec, kinds_registered
from salestarget.importing.queries import batches_visible
from salestarget.importing.services import import_upload
from salestarget.org.masterdata import editor_scope
from salestarget.ui.uploads import UploadField, upload_limit
from salestarget.worker.recovery import tasks_recover


def master_kinds() -> list[KindSpec]:
    registered = kinds_registered(facts=False)
    return [registered[key] for key in ORDER if key in registered]


class MasterUploadForm(UploadForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, kinds=master_kinds(), file_field=UploadField, **kwargs)
        self.fields["source"].initial = "file"
        self.fields["source"].help_text = _(
            "文件来自哪个系统（如 erp、crm、hr）：列映射按来源记住，下次自动套用。"
        )


@login_required
@upload_limit
def master_import(request: HttpRequest) -> HttpResponse:
    scope = editor_scope(request)
    tasks_recover()
    uploads_expire()
    initial = {"kind": request.GET.get("kind") or ORDER[0]}
    form = MasterUploadForm(request.POST or None, request.FILES or None, initial=initial)
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
    kinds = [
        {
            "spec": k,
            "columns": [(template_header(k, f), f.required) for f in k.fields],
            "template_url": reverse("catalog:import_template", args=[k.key]),
        }
        for k in master_kinds()
    ]
    labels = {k.key: k.label for k in master_kinds()}
    batches = list(batches_visible(scope).filter(kind__in=list(kinds_registered(facts=False)))[:20])
    for b in batches:
        b.kind_label = labels.get(b.kind, b.kind)  # type: ignore[attr-defined]
    context = {
        "form": form,
        "kinds": kinds,
        "batches": batches,
        "expiry_hours": upload_expiry_hours(),
    }
    return render(request, "catalog/import.html", context)


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    editor_scope(request)
    spec = kinds_registered(facts=False).get(kind)
    if spec is None:
        raise Http404
    response = HttpResponse(
        template_workbook(spec),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="import-template-{kind}.xlsx"'
    return response
