"""What every target page shares: finding a visible object or answering 404, and turning a
service's ValidationError into messages (into form errors: ``ui.forms.form_errors_from``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.axes import TARGET_RELATED
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.models import Target, TargetPlan
from salestarget.targets.permissions import can_view
from salestarget.targets.queries import plans_visible


def target_for(request: HttpRequest, pk: int) -> Target:
    """The target ``pk`` if the user may see it, else 404 (not 403: do not reveal it)."""
    target = Target.objects.select_related("plan", *TARGET_RELATED).filter(pk=pk).first()
    if target is None or not can_view(request_scope(request), target):
        raise Http404
    return target


def plan_for(request: HttpRequest, pk: int) -> TargetPlan:
    plan = plans_visible(request_scope(request)).filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


def scope(request: HttpRequest) -> Scope:
    return request_scope(request)


def errors_to_messages(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def decimals_of(metric_code: str) -> int:
    try:
        return value_decimals(metric_definition(metric_code))
    except ValidationError:
        return 2


def figure_context(target: Target) -> dict[str, Any]:
    return {"decimals": decimals_of(target.metric)}
