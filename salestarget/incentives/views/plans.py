"""The plan editor (finance): plans, a new plan with its rate table, the chart of payout
against attainment, and a preview on real people before saving."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from salestarget.incentives.forms import PlanForm
from salestarget.incentives.models import CommissionPlan, PlanComponent
from salestarget.incentives.permissions import is_finance
from salestarget.incentives.queries.plans import payout_curve, plan_preview
from salestarget.incentives.services.plans import plan_assign, plan_create
from salestarget.org.models import Role
from salestarget.org.scoping import Scope, request_scope


def _finance(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not is_finance(scope):
        raise PermissionDenied
    return scope


def _component(data: dict[str, Any], plan: CommissionPlan) -> PlanComponent:
    return PlanComponent(
        plan=plan,
        code="revenue",
        name=data["name"],
        measure=data["measure"],
        mode=data["mode"],
        tiers=data["tiers"],
        quota_source=data["quota_source"],
        cap=data.get("cap"),
    )


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _finance(request)
    plans = CommissionPlan.objects.prefetch_related("components", "assignments")
    return render(request, "incentives/plan_list.html", {"plans": plans})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    scope = _finance(request)
    form = PlanForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            plan = CommissionPlan(
                code=data["code"],
                name=data["name"],
                effective_from=data["effective_from"],
                clawback_days=data["clawback_days"],
            )
            try:
                people = list(scope.people().filter(role=Role.REP, is_active=True)[:20])
                month = request.POST.get("month") or f"{timezone.localdate():%Y-%m}"
                preview = plan_preview(plan, [_component(data, plan)], month, people)
            except ValidationError as exc:
                form.add_error(None, exc)
        else:
            user = request.user
            assert isinstance(user, User)
            try:
                plan = plan_create(
                    by=user,
                    code=data["code"],
                    name=data["name"],
                    effective_from=data["effective_from"],
                    cap=None,
                    clawback_days=data["clawback_days"],
                    components=[
                        {
                            "code": "revenue",
                            "name": data["name"],
                            "measure": data["measure"],
                            "mode": data["mode"],
                            "tiers": data["tiers"],
                            "quota_source": data["quota_source"],
                            "cap": data.get("cap"),
                        }
                    ],
                    activate=True,
                )
                plan_assign(plan=plan, by=user, role=Role.REP, valid_from=data["effective_from"])
                return redirect("incentives:plans")
            except ValidationError as exc:
                form.add_error(None, exc)
    return render(request, "incentives/plan_form.html", {"form": form, "preview": preview})


@login_required
def plan_chart(request: HttpRequest) -> JsonResponse:
    """``{"points": [[attainment %, payout], …]}`` for the tiers in the query string (the
    editor's form) or for a saved plan's first component (``?plan=``)."""
    _finance(request)
    plan_id = request.GET.get("plan")
    if plan_id:
        if not plan_id.isdigit():
            return JsonResponse({"errors": ["plan"]}, status=400)
        component = (
            PlanComponent.objects.filter(plan_id=int(plan_id)).order_by("sort_order").first()
        )
        if component is None:
            return JsonResponse({"points": []})
    else:
        form = PlanForm(
            {
                "code": "x",
                "name": "x",
                "effective_from": dt.date.today(),
                "measure": "revenue",
                "mode": request.GET.get("mode", "marginal"),
                "tiers": request.GET.get("tiers", ""),
                "quota_source": "target",
                "clawback_days": 0,
            }
        )
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        component = _component(form.cleaned_data, CommissionPlan())
    try:
        points = payout_curve(component)
    except ValidationError as exc:
        return JsonResponse({"errors": exc.messages}, status=400)
    return JsonResponse({"points": points})
