"""The approval queue and the split transitions (submit, approve, return)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.targets import queries
from salestarget.targets.services import workflow
from salestarget.targets.views.common import errors_to_messages, scope, target_for


@login_required
def approvals(request: AuthenticatedRequest) -> HttpResponse:
    s = scope(request)
    return render(
        request,
        "targets/approvals.html",
        {
            "plans": queries.plans_awaiting(s),
            "decompositions": queries.decompositions_awaiting(s),
            "adjustments": queries.adjustments_awaiting(s, request.user.pk),
        },
    )


@login_required
@require_POST
def decomposition_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    target = target_for(request, pk)
    note = request.POST.get("note", "")
    actions = {
        "submit": lambda: workflow.decomposition_submit(target=target, by=request.user),
        "approve": lambda: workflow.decomposition_approve(
            target=target, by=request.user, note=note
        ),
        "return": lambda: workflow.decomposition_return(target=target, by=request.user, note=note),
    }
    if action not in actions:
        raise PermissionDenied
    try:
        count = actions[action]()
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("已处理 %(n)d 个下级目标。") % {"n": count})
    if request.POST.get("next") == "approvals":
        return redirect("targets:approvals")
    return redirect("targets:plan_detail", target.plan_id)
