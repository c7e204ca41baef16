"""The tracking tree page (销售目标跟踪), loaded a level at a time: the page draws the top two
levels; opening a target fetches its children (htmx, ``?children=<id>``); a search draws the
paths down to the targets whose names match. The Excel download holds the whole tree."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import request_scope
from salestarget.targets.queries import plans_visible
from salestarget.targets.queries.tree_parts import SEARCH_LIMIT, children_of, found, top_levels
from salestarget.tracking import exports
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import as_of, parse_day
from salestarget.tracking.queries.frame import default_plan
from salestarget.tracking.queries.tree import TrackingTree, tracking_tree
from salestarget.tracking.views.common import download
from salestarget.ui.params import int_param


@login_required
@require_GET
def tree(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    plans = list(plans_visible(scope))
    version = facts_version()
    day = as_of(parse_day(request.GET.get("at")), version=version)
    plan_id = request.GET.get("plan")
    plan = next((p for p in plans if str(p.pk) == plan_id), None) if plan_id else None
    if plan_id and plan is None:
        raise Http404
    if plan is None:
        plan = default_plan(scope, day.day)
    at = request.GET.get("at", "")
    if plan is not None and request.GET.get("format") == "xlsx":
        whole = tracking_tree(plan, scope, at=day.day, version=version)
        return download(exports.tree_xlsx(whole), exports.XLSX, f"{plan.name}-{day.day}.xlsx")
    parent = int_param(request, "children")
    if plan is not None and parent is not None:
        part = tracking_tree(plan, scope, at=day.day, version=version, pick=children_of(parent))
        return render(
            request,
            "tracking/_tree_rows.html",
            {
                "plan": plan,
                "tree": part,
                "at": at,
                "open": set(),
                "matches": set(),
                "children_base": f"?plan={plan.pk}&at={at}&",
            },
        )
    query = request.GET.get("q", "").strip()
    matches: list[int] = []
    result: TrackingTree | None = None
    if plan is not None:
        pick, matches = found(query) if query else (top_levels(), [])
        result = tracking_tree(plan, scope, at=day.day, version=version, pick=pick)
    return render(
        request,
        "tracking/tree.html",
        {
            "plans": plans,
            "plan": plan,
            "tree": result,
            "as_of": day,
            "at": at,
            "q": query,
            "matches": set(matches),
            "more_matches": len(matches) > SEARCH_LIMIT,
            "searched": bool(query),
            # Targets whose children are on the page are drawn open; the others fetch theirs.
            "open": {row.target.parent_id for row in result.rows} if result else set(),
            "keep_params": {"plan": plan.pk, "at": at} if plan else {},
            "clear_url": f"?plan={plan.pk}&at={at}" if plan else "",
            "children_base": f"?plan={plan.pk}&at={at}&" if plan else "",
        },
    )
