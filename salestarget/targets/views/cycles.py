"""Planning cycles: open one with its deadlines, follow its steps, see what is overdue."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.targets import queries
from salestarget.targets.forms import CycleForm
from salestarget.targets.models import PlanningCycle, PlanningStep
from salestarget.targets.services.cycles import cycle_deadlines, cycle_open, step_mark_done
from salestarget.targets.views.common import errors_to_messages, plan_for, scope
from salestarget.ui.forms import form_errors_from


@login_required
def cycle_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    if not scope(request).can_manage_node(plan.scope_node):
        raise PermissionDenied
    period = request.GET.get("period", "")
    initial = {"period": period, "escalate_after_hours": 24}
    if period:
        with contextlib.suppress(ValidationError):
            initial.update(
                {k: timezone.localtime(v) for k, v in cycle_deadlines(period_code=period).items()}
            )
    form = CycleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_open(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("计划周期已创建。"))
            return redirect("targets:cycle_detail", cycle.pk)
    return render(request, "targets/cycle_form.html", {"plan": plan, "form": form})


@login_required
def cycle_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(PlanningCycle.objects.select_related("plan"), pk=pk)
    steps = list(
        queries.steps_visible(scope(request))
        .filter(cycle=cycle)
        .order_by("due_at", "node__path", "kind")
    )
    if not steps:
        raise Http404
    now = timezone.now()
    return render(
        request, "targets/cycle_detail.html", {"cycle": cycle, "steps": steps, "now": now}
    )


@login_required
def my_steps(request: AuthenticatedRequest) -> HttpResponse:
    """Every step the user can see, open ones first: the deadline board."""
    steps = queries.steps_visible(scope(request)).order_by("done_at", "due_at")[:300]
    return render(request, "targets/steps.html", {"steps": steps, "now": timezone.now()})


@login_required
@require_POST
def step_done(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(PlanningStep, pk=pk)
    try:
        step_mark_done(step=step, by=request.user)
    except ValidationError as exc:
        errors_to_messages(request, exc)
    return redirect("targets:cycle_detail", step.cycle_id)
