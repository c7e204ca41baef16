"""Plan list, creating a plan (SMART check, history context, proposal helpers), the plan's
tree, editing a draft target and the history of values."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.http import AuthenticatedRequest
from salestarget.org.models import OrgNode, Person
from salestarget.targets import queries
from salestarget.targets.achievability import Achievability, achievability
from salestarget.targets.company_metrics import metric_definition, metric_name, value_decimals
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.forms import PlanForm, TargetEditForm
from salestarget.targets.models import Status
from salestarget.targets.permissions import can_manage, is_above
from salestarget.targets.proposals import implied_growth
from salestarget.targets.queries.proposals import ProposalInputs, plan_proposals
from salestarget.targets.queries.tree_parts import SEARCH_LIMIT, children_of, found, top_levels
from salestarget.targets.services import workflow
from salestarget.targets.services.history import VersionConflictError
from salestarget.targets.services.plans import (
    SmartItem,
    plan_create,
    plan_owner_default,
    smart_check,
    target_update,
)
from salestarget.targets.views.common import (
    decimals_of,
    errors_to_messages,
    plan_for,
    scope,
    target_for,
)
from salestarget.ui.forms import form_errors_from
from salestarget.ui.params import int_param


@login_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    s = scope(request)
    plans = list(queries.plans_visible(s))
    for p in plans:
        p.metric_label = metric_name(p.metric)  # type: ignore[attr-defined]
    return render(request, "targets/plan_list.html", {"plans": plans, "can_plan": s.can_plan})


@login_required
def plan_create_view(request: AuthenticatedRequest) -> HttpResponse:
    s = scope(request)
    if not s.can_plan:
        raise PermissionDenied
    form = PlanForm(request.POST or None, scope=s, initial=_initial(request, s))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = plan_create(
                by=request.user,
                name=data["name"],
                metric=data["metric"],
                period=data["period"],
                scope_node=data["scope_node"],
                owner=data["owner"],
                value=data["value"],
                base_value=data["base_value"],
                challenge_value=data["challenge_value"],
                progress_basis=data["progress_basis"],
                proposal_method=data["proposal_method"],
                proposal_inputs=form.proposal_inputs(),
                description=data["description"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("目标计划已创建。"))
            return redirect("targets:plan_detail", plan.pk)
    context = _context_panel(request.POST or form.initial, s, request.user)
    return render(request, "targets/plan_form.html", {"form": form, **context})


def _initial(request: AuthenticatedRequest, s: Any) -> dict[str, Any]:
    home = OrgNode.objects.filter(pk=s.home_node_id).first() if s.home_node_id else None
    if home is None or not s.can_manage_node(home):
        home = s.nodes().order_by("depth", "path").first()
    me = Person.objects.filter(pk=s.person_id).first()
    return {"scope_node": home, "owner": me, "metric": "revenue", "proposal_method": "history"}


@login_required
def plan_context_view(request: AuthenticatedRequest) -> HttpResponse:
    """The SMART check and the history context, refreshed as the form is typed in (htmx)."""
    s = scope(request)
    if not s.can_plan:
        raise PermissionDenied
    context = _context_panel(request.POST, s, request.user)
    return render(request, "targets/partials/plan_context.html", context)


def _context_panel(data: Any, s: Any, user: Any) -> dict[str, Any]:
    """The panel for the form's values; a node or owner outside ``s`` counts as none, so the
    history of another subtree is never shown."""

    def number(name: str) -> Decimal | None:
        raw = (data.get(name) if hasattr(data, "get") else None) or ""
        try:
            return Decimal(str(raw).replace(",", "")) if str(raw).strip() else None
        except ArithmeticError:
            return None

    metric_code = data.get("metric") or ""
    period_code = str(data.get("period") or "")
    node = _pk_or_obj(s.nodes(), data.get("scope_node"))
    owner = _pk_or_obj(s.people(), data.get("owner"))
    if owner is None and node is not None:  # the one who will own it when nobody is named
        owner = plan_owner_default(scope_node=node, by=user)
    value = number("value")
    context: dict[str, Any] = {
        "smart": smart_check(
            metric=metric_code, value=value, period=period_code, owner=owner, scope_node=node
        ),
        "value": value,
    }
    try:
        metric = metric_definition(metric_code)
        period = period_parse(period_code)
    except ValidationError:
        return context
    decimals = value_decimals(metric)
    history = queries.plan_context(metric_code=metric_code, period=period, node=node)
    context.update(history=history, decimals=decimals, growth=history.growth_of(value))
    inputs = ProposalInputs(
        growth_pct=number("growth_pct"),
        capacity=number("capacity"),
        share_pct=number("share_pct"),
        competitor_value=number("competitor_value"),
        ratio_pct=number("ratio_pct"),
    )
    context["proposals"] = plan_proposals(history=history, decimals=decimals, inputs=inputs)
    last = history.same_period_last_year.value if history.same_period_last_year else None
    if node is not None:
        found = achievability(
            metric=metric_code, node=node, period=period, value=value, decimals=decimals
        )
        if found is not None:
            context["smart"] = _achievable(context["smart"], found, value)
            context["forecast"] = found
            # Last year not ended: against it as the forecast finishes it, when it can.
            finished = history.last_year_through is not None and found.year_before is not None
            reference = found.year_before if finished else last
            context["forecast_finishes_last_year"] = finished
            context["forecast_proposals"] = [
                {"proposal": p, "growth": implied_growth(p.value, reference)}
                for p in found.proposals
            ]
    return context


def _achievable(items: list[SmartItem], found: Achievability, value: Decimal | None) -> list[Any]:
    """SMART's 可实现 with the forecast's probability of reaching the value typed."""
    if value is None or found.probability is None:
        return items
    note = _("按预测达成概率 %(p)s%%（%(how)s）") % {
        "p": round(found.probability * 100),
        "how": found.note,
    }
    if not found.likely_enough:
        note = _("按预测达成概率不足 10%%（%(how)s），请核实") % {"how": found.note}
    return [
        replace(item, ok=found.likely_enough, note=note) if item.letter == "A" else item
        for item in items
    ]


def _pk_or_obj(visible: Any, raw: Any) -> Any:
    if raw is None or raw == "":
        return None
    if isinstance(raw, visible.model):
        raw = raw.pk
    try:
        return visible.filter(pk=int(raw)).first()
    except (TypeError, ValueError):
        return None


@login_required
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    s = scope(request)
    plan = plan_for(request, pk)
    # The tree is drawn a level at a time (tree_parts): the top two levels, the children of a
    # target when it is opened (htmx, ``?children=``), or the paths to what a search finds.
    parent = int_param(request, "children")
    query = request.GET.get("q", "").strip()
    matches: list[int] = []
    if parent is not None:
        pick = children_of(parent)
    elif query:
        pick, matches = found(query)
    else:
        pick = top_levels()
    rows = queries.plan_tree(plan, s, pick=pick)
    for row in rows:
        row.can_manage = can_manage(s, row.target)  # type: ignore[attr-defined]
    tree = {
        "plan": plan,
        "rows": rows,
        "decimals": decimals_of(plan.metric),
        "matches": set(matches),
        "open": {row.target.parent_id for row in rows} if parent is None else set(),
        "children_base": "?",
    }
    if parent is not None:
        return render(request, "targets/partials/plan_rows.html", tree)
    above = is_above(s, plan.scope_node)
    return render(
        request,
        "targets/plan_detail.html",
        {
            **tree,
            "q": query,
            "searched": bool(query),
            "keep_params": {},
            "clear_url": request.path,
            "more_matches": len(matches) > SEARCH_LIMIT,
            "metric_label": metric_name(plan.metric),
            "can_submit": plan.status == Status.DRAFT and s.can_manage_node(plan.scope_node),
            "can_approve": plan.status == Status.SUBMITTED and above,
            "can_lock": plan.status == Status.APPROVED and above,
            "can_manage_scope": s.can_manage_node(plan.scope_node),
            "cycles": plan.cycles.all(),
            "overdue_steps": queries.steps_visible(s)
            .filter(cycle__plan=plan, done_at__isnull=True, due_at__lt=timezone.now())
            .order_by("due_at"),
        },
    )


@login_required
@require_POST
def plan_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    plan = plan_for(request, pk)
    note = request.POST.get("note", "")
    actions = {
        "submit": lambda: workflow.plan_submit(plan=plan, by=request.user),
        "approve": lambda: workflow.plan_approve(plan=plan, by=request.user, note=note),
        "return": lambda: workflow.plan_return(plan=plan, by=request.user, note=note),
        "lock": lambda: workflow.plan_lock(plan=plan, by=request.user),
    }
    if action not in actions:
        raise PermissionDenied
    try:
        actions[action]()
    except ValidationError as exc:
        errors_to_messages(request, exc)
    else:
        messages.success(request, _("计划状态已更新：%(s)s") % {"s": plan.get_status_display()})
    if request.POST.get("next") == "approvals":
        return redirect("targets:approvals")
    return redirect("targets:plan_detail", plan.pk)


@login_required
def plan_history_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    changes = queries.plan_history(plan, scope(request)).order_by("-at", "-pk")[:500]
    return render(
        request,
        "targets/history.html",
        {
            "plan": plan,
            "changes": changes,
            "decimals": decimals_of(plan.metric),
            "title": plan.name,
        },
    )


@login_required
def target_history_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk)
    changes = queries.target_history(target).order_by("-at", "-pk")
    return render(
        request,
        "targets/history.html",
        {
            "plan": target.plan,
            "target": target,
            "changes": changes,
            "decimals": decimals_of(target.metric),
            "title": target.label,
        },
    )


@login_required
def target_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    target = target_for(request, pk)
    if not can_manage(scope(request), target):
        raise PermissionDenied
    initial = {
        "value": target.value,
        "base_value": target.base_value,
        "challenge_value": target.challenge_value,
        "version": target.version,
    }
    form = TargetEditForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target_update(
                target=target,
                by=request.user,
                expected_version=data["version"],
                reason=data["reason"],
                value=data["value"],
                base_value=data["base_value"],
                challenge_value=data["challenge_value"],
            )
        except VersionConflictError as exc:
            conflict = exc
            # Show the current figures and version; keep what the user typed beside them.
            form = TargetEditForm(
                initial={
                    "value": exc.target.value,
                    "base_value": exc.target.base_value,
                    "challenge_value": exc.target.challenge_value,
                    "version": exc.target.version,
                    "reason": data["reason"],
                }
            )
            conflict_typed = data
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("目标已更新。"))
            return redirect("targets:plan_detail", target.plan_id)
    return render(
        request,
        "targets/target_edit.html",
        {
            "target": target,
            "form": form,
            "conflict": conflict,
            "typed": conflict_typed if conflict else None,
            "decimals": decimals_of(target.metric),
        },
        status=409 if conflict else 200,
    )
