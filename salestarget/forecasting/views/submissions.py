"""The submission pages: a rep's weekly call (phone-sized) with their open opportunities'
categories, and a manager's roll-up with the adjustment and its note."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from salestarget.actuals.models import Opportunity
from salestarget.forecasting.forms import CategoryForm, RollupForm, SubmissionForm
from salestarget.forecasting.models import Category, Submission
from salestarget.forecasting.queries.submissions import (
    call_accuracy,
    open_opportunities,
    rollup_of,
    snapshots,
    weighted_by_category,
)
from salestarget.forecasting.services.submissions import (
    opportunity_categorise,
    rollup_submit,
    submission_submit,
)
from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from


def _month(request: HttpRequest, today: dt.date) -> dt.date:
    raw = request.GET.get("month") or request.POST.get("month") or ""
    try:
        day = dt.date.fromisoformat(raw[:10]) if raw else today
    except ValueError as exc:
        raise Http404 from exc
    return day.replace(day=1)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if scope.person_id is None or scope.home_node_id is None:
        raise PermissionDenied
    person = Person.objects.get(pk=scope.person_id)
    node = OrgNode.objects.get(pk=scope.home_node_id)
    today = timezone.localdate()
    month = _month(request, today)
    last = _last_call(person, month)
    initial: dict[str, object] = {"month": month}
    if last is not None:
        initial.update(
            commit=last.commit, best_case=last.best_case, pipeline=last.pipeline, note=last.note
        )
    form = SubmissionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submission_submit(
                person=person,
                node=node,
                month=data["month"],
                commit=data["commit"],
                best_case=data["best_case"],
                pipeline=data["pipeline"] or Decimal(0),
                note=data["note"],
                scope=scope,
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("预测已提交。"))
            return HttpResponseRedirect(f"{reverse('forecasting:submit')}?month={month}")
    opportunities = open_opportunities(scope=scope, person_id=person.pk)
    weighted = weighted_by_category(opportunities)
    return render(
        request,
        "forecasting/submit.html",
        {
            "form": form,
            "month": month,
            "last": last,
            "opportunities": opportunities,
            "categories": Category.choices,
            "weighted": weighted,
            "snapshots": snapshots(scope=scope, today=today, person_id=person.pk),
            "accuracy": call_accuracy(scope=scope, before=today)[:12],
        },
    )


def _last_call(person: Person, month: dt.date) -> Submission | None:
    """The rep's latest call for ``month`` (this week's, or an earlier week's to start
    from): the form shows its figures."""
    return (
        Submission.objects.filter(kind=Submission.Kind.REP, person=person, month=month)
        .order_by("-week")
        .first()
    )


@login_required
@require_POST
def categorise(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    form = CategoryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择商机和类别。"))
    else:
        opportunity = Opportunity.objects.filter(
            scope.facts_q(), pk=form.cleaned_data["opportunity"]
        ).first()
        if opportunity is None:
            raise Http404
        try:
            opportunity_categorise(
                opportunity=opportunity,
                category=form.cleaned_data["category"],
                scope=scope,
                by=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
    return HttpResponseRedirect(reverse("forecasting:submit"))


@login_required
@require_http_methods(["GET", "POST"])
def team(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if not scope.can_plan:
        raise PermissionDenied
    nodes = list(scope.nodes().order_by("path"))
    if not nodes:
        raise PermissionDenied
    wanted = request.GET.get("node") or request.POST.get("node") or ""
    node = next((n for n in nodes if str(n.pk) == wanted), None) if wanted else None
    if wanted and node is None:
        raise Http404
    node = node or next((n for n in nodes if n.pk == scope.home_node_id), nodes[0])
    today = timezone.localdate()
    month = _month(request, today)
    rollup = rollup_of(node=node, month=month, scope=scope)
    # The manager's own latest call once made (with its note), else the reps' sum to adjust.
    called = rollup.adjusted
    initial = {
        "month": month,
        "commit": called.commit if called else rollup.commit,
        "best_case": called.best_case if called else rollup.best_case,
        "note": called.note if called else "",
    }
    form = RollupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rollup_submit(
                node=node,
                month=data["month"],
                commit=data["commit"],
                best_case=data["best_case"],
                note=data["note"],
                scope=scope,
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("团队预测已提交。"))
            return HttpResponseRedirect(
                f"{reverse('forecasting:team')}?node={node.pk}&month={month}"
            )
    return render(
        request,
        "forecasting/team.html",
        {
            "form": form,
            "node": node,
            "nodes": nodes,
            "month": month,
            "rollup": rollup,
            "snapshots": snapshots(
                scope=scope, today=today, node=node, kind=Submission.Kind.ROLLUP
            ),
            "accuracy": call_accuracy(scope=scope, before=today)[:20],
        },
    )
