"""The decomposition page: choose axes, method and uplift, see the preview, save."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from salestarget.core.allocation import AllocationMethod
from salestarget.http import AuthenticatedRequest
from salestarget.targets import axes as ax
from salestarget.targets.company_metrics import metric_name
from salestarget.targets.forms import DecomposeForm
from salestarget.targets.permissions import can_manage
from salestarget.targets.queries.decomposition import (
    CAPACITY_INDICES,
    CAPACITY_LABELS,
    METHOD_LABELS,
    DecompositionSpec,
    decomposition_preview,
)
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.history import VersionConflictError
from salestarget.targets.views.common import decimals_of, scope, target_for
from salestarget.ui.forms import form_errors_from


def _initial(target: Any, request: AuthenticatedRequest) -> dict[str, Any]:
    if target.split_params:
        spec = DecompositionSpec.from_json(target.split_params)
        initial = {
            "axis": spec.axes[0] if spec.axes else ax.ORG,
            "axis2": spec.axes[1] if len(spec.axes) > 1 else "",
            "method": spec.method,
            "column_method": spec.column_method,
            "uplift_pct": spec.uplift_pct,
            "history_years": spec.history_years,
        }
    else:
        initial = {
            "axis": ax.PEOPLE if target.node and not target.node.children.exists() else ax.ORG,
            "method": AllocationMethod.HISTORY.value,
            "uplift_pct": 0,
            "history_years": 1,
        }
    for key in ("axis", "axis2", "method", "column_method"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    initial["version"] = target.version
    return initial


@login_required
def decompose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk)
    if not can_manage(scope(request), target):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = DecomposeForm(data, initial=_initial(target, request))
    preview = None
    outcome = None
    conflict = None
    saving = request.method == "POST" and "save" in request.POST
    if data is None:
        # Show the preview of the initial choice straight away.
        form = DecomposeForm({k: v for k, v in form.initial.items() if v is not None})
    if form.is_valid():
        spec = form.spec()
        try:
            if saving and not form.errors:
                outcome = target_decompose(
                    target=target,
                    spec=spec,
                    by=request.user,
                    expected_version=form.cleaned_data.get("version"),
                    reason=form.cleaned_data.get("reason", ""),
                )
            elif not form.errors:
                preview = decomposition_preview(target=target, spec=spec, by=request.user)
        except VersionConflictError as exc:
            conflict = exc
        except ValidationError as exc:
            form_errors_from(form, exc)
    if outcome is not None:
        messages.success(request, "；".join(outcome.summary))
        return redirect("targets:plan_detail", target.plan_id)
    needs_weights = form.data.get("method") == AllocationMethod.WEIGHTS.value
    needs_capacity = form.data.get("method") == AllocationMethod.CAPACITY.value
    needs_column_weights = bool(form.data.get("axis2")) and (
        form.data.get("column_method") == AllocationMethod.WEIGHTS.value
    )
    context = {
        "target": target,
        "inputs": _inputs(target, form, "w__", "axis") if needs_weights or needs_capacity else [],
        "column_inputs": _inputs(target, form, "cw__", "axis2") if needs_column_weights else [],
        "form": form,
        "preview": preview,
        "conflict": conflict,
        "decimals": decimals_of(target.metric),
        "metric_label": metric_name(target.metric),
        "typed": request.POST if data else {},
        "capacity_labels": [CAPACITY_LABELS[i] for i in CAPACITY_INDICES],
        "needs_weights": needs_weights,
        "needs_capacity": needs_capacity,
        "method_labels": METHOD_LABELS,
        "rounds": target.rounds.order_by("-opened_at")[:3],
    }
    template = (
        "targets/partials/decompose_preview.html"
        if request.htmx and not saving
        else "targets/decompose.html"
    )
    if conflict is not None:
        messages.error(
            request,
            _("该目标已被他人修改（当前版本 %(v)s），请核对后重新保存。")
            % {"v": conflict.target.version},
        )
        template = "targets/decompose.html"
    return render(request, template, context, status=409 if conflict else 200)


def _inputs(target: Any, form: DecomposeForm, prefix: str, axis_field: str) -> list[dict[str, Any]]:
    """The per-child input rows (weights or capacity indices) with what was typed."""
    axis = form.data.get(axis_field)
    if not axis:
        return []
    try:
        found = ax.members(target, axis)
    except ValidationError:
        return []
    rows = []
    for m in found:
        rows.append(
            {
                "key": m.key,
                "label": m.label,
                "name": f"{prefix}{m.key}",
                "weight": form.data.get(f"{prefix}{m.key}", ""),
                "capacity": [
                    {
                        "name": f"cap__{m.key}__{i}",
                        "label": label,
                        "value": form.data.get(f"cap__{m.key}__{i}", ""),
                    }
                    for i, label in CAPACITY_LABELS.items()
                ],
            }
        )
    return rows
