"""Statements: the list (a rep's own, a manager's subtree, finance all), one statement with
its arithmetic step by step, the sales lines behind a line, disputes and the what-if."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from salestarget.incentives.explain import step_text
from salestarget.incentives.forms import DisputeForm, PeriodForm, ResolveForm, WhatIfForm
from salestarget.incentives.models import DisputeStatus, StatementLine
from salestarget.incentives.permissions import can_review, is_finance
from salestarget.incentives.queries.statements import (
    disputes_visible,
    lines_behind,
    people_without_quota,
    statements_visible,
)
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.closing import deltas_post
from salestarget.incentives.services.disputes import dispute_raise, dispute_resolve
from salestarget.incentives.services.whatif import what_if_extra
from salestarget.incentives.services.workflow import (
    period_close,
    statement_approve,
    statement_pay,
    statement_review,
)
from salestarget.org.scoping import request_scope
from salestarget.ui.pages import scoped_object
from salestarget.ui.paging import page_of
from salestarget.wording import series

NAMED = 10  # people named in the list's warning of missing quotas


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def statement_list(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    statements = statements_visible(scope)
    period = request.GET.get("period", "")
    if period:
        statements = statements.filter(period=period)
    periods = (
        statements_visible(scope).order_by("-period").values_list("period", flat=True).distinct()
    )
    context = {
        "page": page_of(request, statements.order_by("-period", "person__name")),
        "period": period,
        "periods": list(periods[:24]),
        "finance": is_finance(scope),
        "run_form": PeriodForm(initial={"period": f"{timezone.localdate():%Y-%m}"}),
        "open_disputes": disputes_visible(scope).filter(status=DisputeStatus.OPEN).count(),
    }
    without_quota = people_without_quota(scope, period) if period else []
    context["without_quota"] = without_quota
    context["without_quota_names"] = series(without_quota[:NAMED]) + (
        "……" if len(without_quota) > NAMED else ""
    )
    return render(request, "incentives/statement_list.html", context)


@login_required
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    statement = scoped_object(statements_visible(scope), pk=pk)
    lines = list(statement.lines.select_related("component", "plan").prefetch_related("disputes"))
    for line in lines:
        line.explained = [step_text(s) for s in line.steps]  # type: ignore[attr-defined]
    own = statement.person_id == scope.person_id
    context = {
        "statement": statement,
        "lines": lines,
        "own": own,
        "finance": is_finance(scope),
        "reviewer": can_review(scope) and not own,
        "dispute_form": DisputeForm(),
        "resolve_form": ResolveForm(),
        "whatif_form": WhatIfForm(initial={"extra": Decimal(200000)}),
        "audit": statement.audit.select_related("by"),
        "disputes": statement.disputes.all(),
    }
    return render(request, "incentives/statement_detail.html", context)


@login_required
def line_sales(request: HttpRequest, pk: int) -> HttpResponse:
    """The facts behind one statement line, paged and searchable."""
    scope = request_scope(request)
    line = scoped_object(
        StatementLine.objects.filter(statement__in=statements_visible(scope)).select_related(
            "statement", "component"
        ),
        pk=pk,
    )
    search = request.GET.get("q", "").strip()
    page = page_of(request, lines_behind(line, search=search))
    return render(request, "incentives/line_sales.html", {"line": line, "page": page, "q": search})


@login_required
def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    statement = scoped_object(statements_visible(scope), pk=pk)
    form = WhatIfForm(request.GET)
    answer = None
    if form.is_valid():
        answer = what_if_extra(statement=statement, extra=form.cleaned_data["extra"])
    return render(
        request,
        "incentives/_what_if.html",
        {"form": form, "answer": answer, "statement": statement},
    )


@login_required
@require_POST
def dispute_create(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    line = scoped_object(
        StatementLine.objects.filter(statement__in=statements_visible(scope)), pk=pk
    )
    form = DisputeForm(request.POST)
    if form.is_valid():
        try:
            dispute_raise(line=line, note=form.cleaned_data["note"], by=_user(request))
        except ValidationError as exc:
            return _back_with(request, line.statement_id, exc)
    return redirect("incentives:statement", pk=line.statement_id)


@login_required
@require_POST
def dispute_decide(request: HttpRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    dispute = scoped_object(disputes_visible(scope), pk=pk)
    if not is_finance(scope):
        raise PermissionDenied
    form = ResolveForm(request.POST)
    statement_id = dispute.statement_id
    if form.is_valid():
        try:
            dispute_resolve(
                dispute=dispute,
                by=_user(request),
                resolution=form.cleaned_data["resolution"],
                adjustment=form.cleaned_data["adjustment"],
            )
        except ValidationError as exc:
            return _back_with(request, statement_id, exc)
    else:
        return _back_with(request, statement_id, ValidationError(form.errors.as_text()))
    return redirect("incentives:statement", pk=statement_id)


@login_required
@require_POST
def statement_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    scope = request_scope(request)
    statement = scoped_object(statements_visible(scope), pk=pk)
    steps = {"review": statement_review, "approve": statement_approve, "pay": statement_pay}
    if action not in steps:
        raise PermissionDenied
    try:
        steps[action](statement=statement, by=_user(request))
    except ValidationError as exc:
        return _back_with(request, statement.pk, exc)
    return redirect("incentives:statement", pk=statement.pk)


@login_required
@require_POST
def period_run(request: HttpRequest, action: str) -> HttpResponse:
    """Finance's month actions: calculate, close, post deltas."""
    scope = request_scope(request)
    if not is_finance(scope):
        raise PermissionDenied
    form = PeriodForm(request.POST)
    if not form.is_valid():
        return render(request, "incentives/run_error.html", {"errors": form.errors}, status=400)
    period = form.cleaned_data["period"]
    try:
        if action == "calculate":
            statement_calculate(period=period, by=_user(request))
        elif action == "estimate":
            statement_calculate(
                period=period, by=_user(request), final=False, as_of=timezone.localdate()
            )
        elif action == "close":
            period_close(period=period, by=_user(request))
        elif action == "deltas":
            deltas_post(
                period=period, reason=form.cleaned_data["reason"] or period, by=_user(request)
            )
        else:
            raise PermissionDenied
    except ValidationError as exc:
        return render(request, "incentives/run_error.html", {"errors": exc.messages}, status=400)
    return redirect(f"{reverse('incentives:statements')}?period={period}")


@login_required
def dispute_list(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    disputes = disputes_visible(scope).order_by("status", "-raised_at")
    return render(request, "incentives/dispute_list.html", {"page": page_of(request, disputes)})


def _back_with(request: HttpRequest, statement_id: int, exc: ValidationError) -> HttpResponse:
    from django.contrib import messages

    for message in exc.messages:
        messages.error(request, message)
    return redirect("incentives:statement", pk=statement_id)


@login_required
def home_panel(request: HttpRequest) -> HttpResponse:
    """The rep's own statement of this month (or the latest one) on the home page."""
    scope = request_scope(request)
    statement = (
        statements_visible(scope)
        .filter(person_id=scope.person_id if scope.person_id is not None else -1)
        .order_by("-period")
        .first()
    )
    return render(request, "incentives/_home_panel.html", {"statement": statement})
