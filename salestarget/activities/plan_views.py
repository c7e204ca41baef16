"""Pages of action plans (行动计划): the list of one's plans (and current targets still without
one), a target's plan with its steps (status moved in one tap on a phone), and the manager's
weekly meeting view of the team's steps, overdue first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.activities.forms import StepForm, StepStatusForm
from salestarget.activities.models import ActionStep, StepStatus
from salestarget.activities.queries.plans import (
    is_overdue,
    meeting_view,
    plan_people,
    plan_steps,
    plans_list,
    plans_visible,
    steps_visible,
    targets_without_plan,
)
from salestarget.activities.services.plans import (
    action_plan_start,
    action_step_add,
    action_step_update,
    draft_of,
    plan_editable,
)
from salestarget.http import AuthenticatedRequest
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.targets.models import Target
from salestarget.targets.queries.plans import targets_visible
from salestarget.ui.forms import form_errors_from


def _person(request: AuthenticatedRequest) -> Person | None:
    return Person.objects.filter(user_id=request.user.pk, is_active=True).first()


def _target(request: AuthenticatedRequest, pk: int) -> Target:
    target = targets_visible(request_scope(request)).filter(pk=pk).first()
    if target is None:
        raise Http404
    return target


@login_required
def plans_page(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    today = timezone.localdate()
    context = {
        "rows": plans_list(scope, today=today),
        "unplanned": targets_without_plan(scope, today=today),
        "leads": bool(scope.root_paths or scope.everything),
    }
    return render(request, "activities/plans.html", context)


@login_required
@require_POST
def plan_start_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = _target(request, pk)
    try:
        action_plan_start(target=target, by=request.user, scope=request_scope(request))
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    return redirect("activities:plan", pk=target.pk)


@login_required
def plan_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    target = _target(request, pk)
    plan = plans_visible(scope).filter(target=target).first()
    today = timezone.localdate()
    context: dict[str, object] = {"target": target, "plan": plan, "today": today}
    if plan is None:
        owner = target.person or _person(request)
        context["draft"] = draft_of(target, owner) if owner else None
        return render(request, "activities/plan.html", context)
    editable = plan_editable(scope, plan)
    form = StepForm(
        request.POST or None,
        people=plan_people(scope, plan, today=today),
        initial={"owner": plan.owner_id, "due_on": today},
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                action_step_add(plan=plan, by=_person(request), scope=scope, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("已添加行动。"))
                return redirect("activities:plan", pk=target.pk)
    steps = [(s, is_overdue(s, today)) for s in plan_steps(plan)]
    me = scope.person_id
    context.update(
        form=form,
        editable=editable,
        steps=steps,
        statuses=StepStatus.choices,
        movable={s.pk for s, _late in steps if editable or s.owner_id == me},
    )
    return render(request, "activities/plan.html", context)


@login_required
@require_POST
def step_update_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    step: ActionStep = get_object_or_404(steps_visible(scope).select_related("plan__target"), pk=pk)
    form = StepStatusForm(request.POST)
    if form.is_valid():
        action_step_update(
            step=step,
            status=form.cleaned_data["status"],
            due_on=form.cleaned_data["due_on"],
            by=_person(request),
            scope=scope,
        )
        messages.success(request, _("已更新。"))
    else:
        messages.error(request, _("状态无效"))
    if request.POST.get("next") == "meeting":
        return redirect("activities:plan_meeting")
    return redirect("activities:plan", pk=step.plan.target_id)


@login_required
def meeting_page(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    if not scope.root_paths and not scope.everything:
        raise PermissionDenied
    meeting = meeting_view(scope, now=timezone.now(), today=timezone.localdate())
    context = {"meeting": meeting, "statuses": StepStatus.choices}
    return render(request, "activities/plan_meeting.html", context)
