"""The quota scenarios page: a unit's revenue target modelled at several totals and split
methods side by side, one adopted as its decomposition; and its Excel download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from salestarget.forecasting.exports import XLSX, scenarios_xlsx
from salestarget.forecasting.queries.scenario_targets import LISTED, scenario_targets
from salestarget.forecasting.queries.scenarios import (
    AXES,
    MAX_SCENARIOS,
    METHODS,
    ScenarioSpec,
    scenario_axis_default,
    scenario_defaults,
    scenarios_compare,
)
from salestarget.forecasting.services.scenarios import scenario_adopt
from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets import axes as ax
from salestarget.targets.models import Target
from salestarget.targets.permissions import can_manage
from salestarget.ui.pages import scoped_object


def _scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if not scope.can_plan:
        raise PermissionDenied
    return scope


def _specs(raw: list[str]) -> tuple[list[ScenarioSpec], list[str]]:
    specs: list[ScenarioSpec] = []
    errors: list[str] = []
    for i, code in enumerate(raw[:MAX_SCENARIOS], start=1):
        try:
            specs.append(ScenarioSpec.parse(code, f"s{i}"))
        except ValidationError as exc:
            errors.extend(f"{_('方案')} {i}: {m}" for m in exc.messages)
    return specs, errors


@login_required
@require_GET
def scenarios_page(request: AuthenticatedRequest) -> HttpResponse:
    scope = _scope(request)
    choices = list(scenario_targets(scope)[:LISTED])
    wanted = request.GET.get("target", "")
    target = None
    if wanted:
        if not wanted.isdigit():
            raise Http404
        target = scoped_object(scenario_targets(scope), pk=int(wanted))
    elif choices:
        target = choices[0]
    axis = request.GET.get("axis") or (scenario_axis_default(target) if target else ax.PEOPLE)
    if axis not in AXES:
        raise Http404
    # ``s=1200000:history`` (links, the API's form) or the form's total and method pairs.
    pairs = zip(request.GET.getlist("_total"), request.GET.getlist("_method"), strict=False)
    raw = [c for c in request.GET.getlist("s") if c.strip()] or [
        f"{total}:{method}" for total, method in pairs if total.strip()
    ]
    specs, errors = _specs(raw)
    if target is not None and not raw:
        specs = scenario_defaults(target)
    table = None
    if target is not None and specs and not errors:
        try:
            table = scenarios_compare(target=target, axis=axis, specs=specs, by=request.user)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if table is not None and request.GET.get("format") == "xlsx":
        response = HttpResponse(scenarios_xlsx(table), content_type=XLSX)
        name = f"scenarios-{target.pk if target else ''}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    slots = [*specs, *[None] * (MAX_SCENARIOS - len(specs))]
    return render(
        request,
        "forecasting/scenarios.html",
        {
            "choices": choices,
            "target": target,
            "axis": axis,
            "axes": {a: ax.AXIS_LABELS[a] for a in AXES},
            "methods": METHODS,
            "slots": slots,
            "table": table,
            "errors": errors,
            "can_adopt": target is not None and can_manage(scope, target) and not target.is_frozen,
        },
    )


@login_required
@require_POST
def scenario_adopt_view(request: AuthenticatedRequest) -> HttpResponse:
    scope = _scope(request)
    wanted = request.POST.get("target", "")
    if not wanted.isdigit():
        raise Http404
    target: Target = scoped_object(scenario_targets(scope), pk=int(wanted))
    axis = request.POST.get("axis", "")
    back = reverse("forecasting:scenarios") + f"?target={target.pk}&axis={axis}"
    try:
        spec = ScenarioSpec.parse(request.POST.get("scenario", ""))
        outcome = scenario_adopt(target=target, axis=axis, scenario=spec, by=request.user)
    except ValidationError as exc:
        for m in exc.messages:
            messages.error(request, m)
        return HttpResponseRedirect(back)
    messages.success(
        request,
        _("已采用方案，目标已分解给 %(n)s 个下级。") % {"n": len(outcome.preview.rows)},
    )
    return HttpResponseRedirect(reverse("targets:plan_detail", args=[target.plan_id]))
