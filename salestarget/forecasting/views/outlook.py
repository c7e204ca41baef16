"""The outlook pages: a plan's targets with their forecast and probability, a target's
charts, the reliability table, and the home panel."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from salestarget.forecasting.exports import XLSX, outlook_xlsx
from salestarget.forecasting.labels import KINDS, METHODS, REASONS
from salestarget.forecasting.queries.chart import chart_data
from salestarget.forecasting.queries.history import BACKTEST_MONTHS, history_length
from salestarget.forecasting.queries.outlook import outlooks
from salestarget.forecasting.queries.plan import level_accuracy, plan_outlook, run_reliability
from salestarget.forecasting.queries.runs import latest_run
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.models import Target, TargetPlan
from salestarget.targets.permissions import target_q
from salestarget.targets.queries import plans_visible
from salestarget.tracking.queries.frame import default_plan


def _scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not scope.sees_anything:
        raise PermissionDenied
    return scope


def _plan(request: HttpRequest, scope: Scope) -> tuple[TargetPlan | None, list[TargetPlan]]:
    plans = list(plans_visible(scope))
    wanted = request.GET.get("plan", "")
    if wanted:
        plan = next((p for p in plans if str(p.pk) == wanted), None)
        if plan is None:
            raise Http404
        return plan, plans
    chosen = default_plan(scope, timezone.localdate())
    if chosen is None:
        chosen = plans[0] if plans else None
    return chosen, plans


@login_required
@require_GET
def outlook_page(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    plan, plans = _plan(request, scope)
    run = latest_run()
    page = plan_outlook(plan, scope, run) if plan is not None else None
    if page is not None and request.GET.get("format") == "xlsx":
        response = HttpResponse(outlook_xlsx(page), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="outlook-{page.plan.pk}.xlsx"'
        return response
    table, targets = run_reliability(run)
    return render(
        request,
        "forecasting/outlook.html",
        {
            "plan": plan,
            "plans": plans,
            "run": run,
            "page": page,
            "methods": METHODS,
            "reasons": REASONS,
            "kinds": KINDS,
            "reliability": table,
            "reliability_targets": targets,
            "levels": level_accuracy(run),
            "can_plan": scope.can_plan,
            "history": history_length(run) if run is not None else None,
            "backtest_months": BACKTEST_MONTHS,
        },
    )


@login_required
@require_GET
def chart(request: HttpRequest, target_id: int) -> JsonResponse:
    scope = _scope(request)
    target = Target.objects.filter(target_q(scope), pk=target_id).first()
    if target is None:
        raise Http404
    run = latest_run()
    if run is None:
        return JsonResponse({"available": False})
    (item,) = outlooks([target], run)
    return JsonResponse(chart_data(item, run))


@login_required
@require_GET
def home_panel(request: HttpRequest) -> HttpResponse:
    """The caller's own current targets (a rep's; a manager's units') with their outlook."""
    scope = request_scope(request)
    run = latest_run()
    targets: list[Target] = []
    if run is not None and scope.person_id is not None:
        day = run.last_fact_day or run.first_month
        mine = Target.objects.filter(
            target_q(scope),
            period_start__lte=day,
            period_end__gte=day,
        )
        own = list(mine.filter(person_id=scope.person_id).order_by("period_end")[:3])
        led = (
            []
            if scope.is_rep
            else list(
                mine.filter(
                    person__isnull=True,
                    node_id=scope.home_node_id,
                    product_line__isnull=True,
                    region__isnull=True,
                    customer_type__isnull=True,
                    channel__isnull=True,
                    product__isnull=True,
                    product_category__isnull=True,
                ).order_by("period_end")[:3]
            )
        )
        targets = own + led
    items = outlooks(targets, run)
    return render(
        request,
        "forecasting/_home_panel.html",
        {
            "items": [i for i in items if i.outlook is not None],
            "run": run,
            "methods": METHODS,
            "history": history_length(run) if run is not None else None,
        },
    )
