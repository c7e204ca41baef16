"""The plan editor (finance): plans, a new plan with as many components as it needs (rate
tables, per unit, per deal, SPIFs; monthly, quarterly, yearly or year to date; gates and
modifiers), the chart of payout against attainment of each rate-table component, and a
preview on real people before saving."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from salestarget.incentives.component_forms import (
    FIRST_COMPONENT,
    ComponentForm,
    ComponentFormSet,
    PlanHeaderForm,
)
from salestarget.incentives.models import CommissionPlan, PlanComponent
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.plans import PlanPreview, payout_curve, plan_preview
from salestarget.incentives.services.plans import component_build, plan_assign, plan_create
from salestarget.org.models import Role
from salestarget.org.scoping import Scope, request_scope
from salestarget.ui.forms import form_errors_from

PREFIX = "c"
PREVIEW_PEOPLE = 20


def _finance(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not is_finance(scope):
        raise PermissionDenied
    return scope


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _finance(request)
    plans = CommissionPlan.objects.prefetch_related("components", "assignments")
    return render(request, "incentives/plan_list.html", {"plans": plans})


def _plan_of(header: dict[str, Any]) -> CommissionPlan:
    return CommissionPlan(
        code=header["code"],
        name=header["name"],
        effective_from=header["effective_from"],
        effective_to=header["effective_to"],
        cap=header["cap"],
        clawback_days=header["clawback_days"],
        prorate_quota=header["prorate_quota"],
    )


def _preview(
    scope: Scope, request: HttpRequest, header: dict[str, Any], specs: list[dict[str, Any]]
) -> PlanPreview:
    plan = _plan_of(header)
    components = [component_build(plan, spec, i) for i, spec in enumerate(specs)]
    people = list(scope.people().filter(role=Role.REP, is_active=True)[:PREVIEW_PEOPLE])
    month = request.POST.get("month") or f"{timezone.localdate():%Y-%m}"
    return plan_preview(plan, components, month, people)


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    scope = _finance(request)
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and "add" in data:
        # One more component: the same form again with an empty one at its end.
        total = f"{PREFIX}-TOTAL_FORMS"
        data[total] = str(int(data.get(total) or 1) + 1)
        header, components = PlanHeaderForm(data), ComponentFormSet(data, prefix=PREFIX)
        return _editor(request, header, components, judged=False)
    header = PlanHeaderForm(data)
    components = ComponentFormSet(data, prefix=PREFIX, initial=[FIRST_COMPONENT])
    preview = None
    if data is not None and header.is_valid() and components.is_valid():
        specs = [f.spec() for f in components if f.cleaned_data]
        try:
            if "preview" in data:
                preview = _preview(scope, request, header.cleaned_data, specs)
            else:
                user = request.user
                assert isinstance(user, User)
                fields = header.cleaned_data
                plan = plan_create(by=user, components=specs, activate=True, **fields)
                plan_assign(plan=plan, by=user, role=Role.REP, valid_from=fields["effective_from"])
                return redirect("incentives:plan", pk=plan.pk)
        except ValidationError as exc:
            form_errors_from(header, exc)
    return _editor(request, header, components, preview)


def _editor(
    request: HttpRequest,
    header: PlanHeaderForm,
    components: Any,
    preview: PlanPreview | None = None,
    *,
    judged: bool = True,
) -> HttpResponse:
    failed = judged and request.method == "POST"
    status = 400 if failed and (header.errors or components.total_error_count()) else 200
    context = {"form": header, "components": components, "preview": preview}
    return render(request, "incentives/plan_form.html", context, status=status)


@login_required
def plan_chart(request: HttpRequest) -> JsonResponse:
    """``{"points": [[attainment %, payout], …]}`` for one component as typed in the editor
    (``?tiers=…&mode=…&basis=…``, the component form's fields without prefix) or for a saved
    plan's first rate-table component (``?plan=``)."""
    _finance(request)
    plan_id = request.GET.get("plan")
    if plan_id:
        if not plan_id.isdigit():
            return JsonResponse({"errors": ["plan"]}, status=400)
        component = (
            PlanComponent.objects.filter(plan_id=int(plan_id), kind="rate_table")
            .order_by("sort_order")
            .first()
        )
        if component is None:
            return JsonResponse({"points": []})
    else:
        form = ComponentForm(
            {
                "code": "chart",
                "name": "chart",
                "kind": "rate_table",
                "measure": "revenue",
                "period": "month",
                "quota_source": "target",
                "mode": request.GET.get("mode", "marginal"),
                "basis": request.GET.get("basis", "attainment"),
                "tiers": request.GET.get("tiers", ""),
                "threshold": request.GET.get("threshold", ""),
                "target_incentive": request.GET.get("target_incentive", ""),
            }
        )
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        spec = form.spec()
        spec.pop("product_line_id")
        spec.pop("customer_type_id")
        component = PlanComponent(plan=CommissionPlan(), **spec)
    try:
        points = payout_curve(component)
    except ValidationError as exc:
        return JsonResponse({"errors": exc.messages}, status=400)
    return JsonResponse({"points": points})
