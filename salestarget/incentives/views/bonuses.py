"""A plan's page (finance): its components and assignments, its rate tables to and from
Excel, its bonus table (grade → multiplier of a target bonus) and the grades typed in where
no assessment cycle grades a period."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.incentives.forms import BonusTableForm, TypedGradesForm
from salestarget.incentives.models import BonusTable, CommissionPlan, TypedGrade
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.rate_sheets import rates_workbook
from salestarget.incentives.services.bonuses import bonus_table_save, typed_grades_save
from salestarget.incentives.services.rates import rate_tables_import
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from
from salestarget.ui.pages import scoped_object

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _finance_user(request: HttpRequest) -> User:
    if not is_finance(request_scope(request)):
        raise PermissionDenied
    assert isinstance(request.user, User)
    return request.user


def _table_initial(plan: CommissionPlan) -> dict[str, Any]:
    table = BonusTable.objects.filter(plan=plan).first()
    if table is None:
        return {}
    return {
        "period": table.period,
        "target_bonus": table.target_bonus,
        "multipliers": "\n".join(f"{g} {f}" for g, f in table.multipliers.items()),
    }


def _page(
    request: HttpRequest,
    plan: CommissionPlan,
    table_form: BonusTableForm | None = None,
    grades_form: TypedGradesForm | None = None,
    status: int = 200,
    rates_errors: list[str] | None = None,
) -> HttpResponse:
    context = {
        "plan": plan,
        "components": plan.components.select_related("product_line", "customer_type"),
        "assignments": plan.assignments.select_related("person", "node"),
        "table": BonusTable.objects.filter(plan=plan).first(),
        "table_form": table_form or BonusTableForm(initial=_table_initial(plan)),
        "grades_form": grades_form or TypedGradesForm(),
        "typed": TypedGrade.objects.select_related("person")[:50],
        "rates_errors": rates_errors or [],
    }
    return render(request, "incentives/plan_detail.html", context, status=status)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _finance_user(request)
    return _page(request, scoped_object(CommissionPlan.objects.all(), pk=pk))


@login_required
@require_POST
def bonus_table_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _finance_user(request)
    plan = scoped_object(CommissionPlan.objects.all(), pk=pk)
    form = BonusTableForm(request.POST)
    if form.is_valid():
        try:
            bonus_table_save(plan=plan, by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("绩效奖金表已保存"))
            return redirect("incentives:plan", pk=plan.pk)
    return _page(request, plan, table_form=form, status=400)


@login_required
@require_POST
def typed_grades_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _finance_user(request)
    plan = scoped_object(CommissionPlan.objects.all(), pk=pk)
    form = TypedGradesForm(request.POST)
    if form.is_valid():
        try:
            typed_grades_save(by=user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("手工等级已保存"))
            return redirect("incentives:plan", pk=plan.pk)
    return _page(request, plan, grades_form=form, status=400)


@login_required
def rates_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    _finance_user(request)
    plan = scoped_object(CommissionPlan.objects.all(), pk=pk)
    response = HttpResponse(rates_workbook(plan), content_type=XLSX)
    name = quote(f"{plan.code}-v{plan.version}-比例表.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@login_required
@require_POST
def rates_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = _finance_user(request)
    plan = scoped_object(CommissionPlan.objects.all(), pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择 Excel 文件"))
        return redirect("incentives:plan", pk=plan.pk)
    try:
        changed = rate_tables_import(
            plan=plan, data=upload.read(), file_name=upload.name or "", by=user
        )
    except ValidationError as exc:
        return _page(request, plan, status=400, rates_errors=exc.messages)
    messages.success(request, _("已更新 %(n)s 个提成项的比例表") % {"n": len(changed)})
    return redirect("incentives:plan", pk=plan.pk)
