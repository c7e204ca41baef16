"""The scorecard template editor (考核表模板, for those who run cycles): the templates per role,
a template with its items (weights adding up to 100%, quantitative items bound to a metric
with their scoring rule, qualitative items with their rating scale and reviewer-group
weights), and a copy to start a new version of a template already in use."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.assessment.forms import TemplateForm, item_formset
from salestarget.assessment.forms.templates import levels_hint
from salestarget.assessment.models import Scorecard, ScorecardTemplate
from salestarget.assessment.permissions import RUNNERS
from salestarget.assessment.services.templates import (
    template_copy,
    template_in_use,
    template_save,
)
from salestarget.assessment.views.common import scope, user_of
from salestarget.ui.forms import form_errors_from


def _require_runner(request: HttpRequest) -> None:
    if scope(request).role not in RUNNERS:
        raise PermissionDenied


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    _require_runner(request)
    templates = ScorecardTemplate.objects.annotate(
        item_count=Count("items"),
        in_use=Exists(Scorecard.objects.filter(template=OuterRef("pk"))),
    ).order_by("role", "-is_active", "name")
    return render(request, "assessment/template_list.html", {"templates": templates})


@login_required
def template_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_runner(request)
    template = (
        ScorecardTemplate() if pk is None else ScorecardTemplate.objects.filter(pk=pk).first()
    )
    if template is None:
        raise Http404
    locked = template_in_use(template)
    stored = list(template.items.order_by("sort_order", "pk")) if template.pk else []
    post = request.POST if request.method == "POST" else None
    form = TemplateForm(post, instance=template)
    items = item_formset(None if locked else post, items=stored)
    errors: list[str] = []
    if post is not None and "add" in post and not locked:
        # One more empty item, keeping everything typed so far (nothing is saved).
        data = post.copy()
        data["items-TOTAL_FORMS"] = str(int(data.get("items-TOTAL_FORMS") or 0) + 1)
        items = item_formset(data, items=stored)
    elif post is not None and form.is_valid() and (locked or items.is_valid()):
        saved = form.save(commit=False)
        try:
            template_save(
                template=saved,
                items=stored if locked else items.items(saved),
                by=user_of(request),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
            errors = [str(m) for m in form.non_field_errors()]
        else:
            messages.success(request, _("考核表模板已保存。"))
            return redirect("assessment:template", saved.pk)
    elif post is not None and not locked:
        errors = [str(e) for e in items.non_form_errors()]
    total = sum((i.weight for i in stored), 0) if locked or post is None else None
    return render(
        request,
        "assessment/template_form.html",
        {
            "template": template,
            "form": form,
            "items": items,
            "stored": stored,
            "locked": locked,
            "errors": errors,
            "total": total,
            "levels_hint": levels_hint(),
        },
    )


@login_required
@require_POST
def template_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_runner(request)
    template = ScorecardTemplate.objects.filter(pk=pk).first()
    if template is None:
        raise Http404
    copy = template_copy(template=template, by=user_of(request))
    messages.success(request, _("已复制为新模板（未启用），修改后请启用。"))
    return redirect("assessment:template", copy.pk)
