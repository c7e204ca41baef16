"""Adjustment requests: propose a change to an approved target, decide on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from salestarget.http import AuthenticatedRequest
from salestarget.targets import queries
from salestarget.targets.forms import AdjustmentForm, DecisionForm
from salestarget.targets.permissions import can_decide_adjustment, can_manage
from salestarget.targets.queries.decomposition import expected_children_total
from salestarget.targets.services.adjustments import (
    adjustment_decide,
    adjustment_request,
)
from salestarget.targets.views.common import (
    decimals_of,
    errors_to_messages,
    scope,
    target_for,
)
from salestarget.ui.forms import form_errors_from


@login_required
def adjustment_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk)
    if not can_manage(scope(request), target):
        raise PermissionDenied
    form = AdjustmentForm(
        request.POST or None,
        initial={
            "new_value": target.value,
            "new_base_value": target.base_value,
            "new_challenge_value": target.challenge_value,
            "redistribute": True,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            adjustment = adjustment_request(target=target, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("调整申请已提交，等待上级审批。"))
            return redirect("targets:adjustment_detail", adjustment.pk)
    parent = target.parent
    return render(
        request,
        "targets/adjustment_form.html",
        {
            "target": target,
            "form": form,
            "parent": parent,
            "parent_expected": expected_children_total(parent) if parent else None,
            "children_count": target.children.count(),
            "decimals": decimals_of(target.metric),
        },
    )


@login_required
def adjustment_list(request: AuthenticatedRequest) -> HttpResponse:
    s = scope(request)
    items = queries.adjustments_visible(s).order_by("-requested_at")[:300]
    return render(request, "targets/adjustment_list.html", {"adjustments": items})


@login_required
def adjustment_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    s = scope(request)
    adjustment = queries.adjustments_visible(s).filter(pk=pk).first()
    if adjustment is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            adjustment_decide(
                adjustment=adjustment,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            errors_to_messages(request, exc)
        else:
            messages.success(request, _("调整申请已处理。"))
            return redirect("targets:adjustment_detail", adjustment.pk)
    return render(
        request,
        "targets/adjustment_detail.html",
        {
            "adjustment": adjustment,
            "form": form,
            "can_decide": adjustment.state == "pending"
            and can_decide_adjustment(request.user, adjustment),
            "changes": adjustment.changes.select_related("by").order_by("at", "pk"),
            "decimals": decimals_of(adjustment.plan.metric),
        },
    )
