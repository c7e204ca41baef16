"""The dashboard page (销售仪表板) and the JSON its charts draw from.

One page for every role; what it opens on differs: the executive the company, a manager their
subtree, a rep themself (with their rank and what is still needed per working day), finance
the money metrics. Choosing a plan, period, unit, person or dimension swaps the page's body
through htmx (no full reload); each chart fetches its own JSON with the same parameters.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from salestarget.http import AuthenticatedRequest
from salestarget.org.models import Membership, Person, Role
from salestarget.tracking.queries import dashboard as q
from salestarget.tracking.queries.frame import basis_label
from salestarget.tracking.queries.leaderboard import rank_of
from salestarget.tracking.queries.series import cumulative, monthly
from salestarget.tracking.queries.subjects import subject_path
from salestarget.tracking.views.common import (
    Selection,
    metric_options,
    period_options,
    selection,
)
from salestarget.ui.pages import is_partial

DIM_LABELS = q.DIMENSION_LABELS
# Up to this many people or units below, the home panel lists them all with their 完成率.
TEAM_SHOWN = 12


@login_required
@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    sel = selection(request)
    context = dashboard_context(sel)
    template = "tracking/_dashboard.html" if is_partial(request) else "tracking/dashboard.html"
    return render(request, template, context)


def dashboard_context(sel: Selection) -> dict[str, Any]:
    frame, subject, scope = sel.frame, sel.subject, sel.scope
    figure = q.figures(frame, [subject])[0]
    kids = q.children(frame, subject, scope)
    kid_figures = q.drop_idle_managers(q.figures(frame, kids), kids)
    kid_figures.sort(key=_order)
    outlooks = q.outlooks_attach(frame, [figure, *kid_figures])
    dim = sel.params.get("dim") or "product_category"
    if dim not in q.DIMENSIONS:
        raise Http404
    rank = None
    company_rank = None
    if subject.person is not None:
        rank, company_rank = _ranks(sel, subject.person)
    codes = q.MONEY_METRICS if scope.role == Role.FINANCE else q.KEY_METRICS
    return {
        "sel": sel,
        "frame": frame,
        "subject": subject,
        "figure": figure,
        "children": kid_figures,
        "outlooks": outlooks,
        "crumbs": subject_path(subject, scope),
        "dim": dim,
        "dims": DIM_LABELS,
        "breakdown": q.breakdown(frame, subject, dim),
        "key_metrics": q.key_metrics(frame, subject, codes),
        "rank": rank,
        "company_rank": company_rank,
        "metric_options": metric_options(),
        "period_options": sel.periods or period_options(frame.as_of.day),
        "decimals": frame.progress.decimals,
        "is_ratio": not frame.metric.accumulates,
        "basis_label": basis_label(frame.progress.basis),
    }


def _order(fig: q.Figure) -> tuple[Any, ...]:
    achievement = fig.result.achievement if fig.result else None
    return (
        achievement is None,
        -(achievement or Decimal(0)),
        -(fig.actual or Decimal(0)),
        fig.label,
    )


def _ranks(sel: Selection, person: Person) -> tuple[Any, Any]:
    """The person's rank in their team and in the company (rank and count only)."""
    frame = sel.frame
    start, end = frame.span
    membership = (
        person.membership_at(frame.day)
        or Membership.objects.filter(person=person)
        .select_related("node")
        .order_by("-valid_from")
        .first()
    )
    team = membership.node if membership else None
    kwargs: dict[str, Any] = {
        "metric": frame.metric,
        "start": start,
        "end": end,
        "version": frame.version,
    }
    by = "achievement" if frame.plan else "value"
    kwargs["period_end"] = frame.period.end
    team_rank = rank_of(person, within=team, by=by, **kwargs) if team else None
    company_rank = rank_of(person, within=None, by=by, **kwargs)
    return team_rank, company_rank


# -- chart data ----------------------------------------------------------------------------------


def _num(value: Decimal | None, places: int = 2) -> str | None:
    if value is None:
        return None
    return str(round(Decimal(value), places))


def _pct(value: Decimal | None) -> str | None:
    return None if value is None else str(round(Decimal(value) * 100, 2))


@login_required
@require_GET
def chart_data(request: AuthenticatedRequest, chart: str) -> JsonResponse:
    sel = selection(request)
    frame, subject = sel.frame, sel.subject
    places = frame.progress.decimals if frame.metric.accumulates else 6
    if chart == "children":
        kids = q.children(frame, subject, sel.scope)
        rows = q.drop_idle_managers(q.figures(frame, kids), kids)
        rows.sort(key=_order)
        progress = frame.progress.at(frame.period, frame.day)[0] if frame.started else 0
        data: dict[str, Any] = {
            "categories": [r.label for r in rows],
            "codes": [r.drill for r in rows],
            "actual": [_num(r.actual, places) for r in rows],
            "target": [_num(r.target.value if r.target else None, places) for r in rows],
            "achievement": [_pct(r.result.achievement if r.result else None) for r in rows],
            "last_year": [_num(r.last_year, places) for r in rows],
            "progress": _pct(Decimal(progress)),
        }
    elif chart in ("cumulative", "monthly"):
        series = cumulative(frame, subject) if chart == "cumulative" else monthly(frame, subject)
        data = {
            "categories": series.labels,
            "actual": [_num(v, places) for v in series.actual],
            "expected": [_num(v, places) for v in series.expected],
            "last_year": [_num(v, places) for v in series.last_year],
            "target": [_num(v, places) for v in series.target],
        }
    elif chart == "breakdown":
        dim = request.GET.get("dim") or "product_category"
        if dim not in q.DIMENSIONS:
            raise Http404
        rows = q.breakdown(frame, subject, dim) or []
        data = {
            "categories": [r.label for r in rows],
            "actual": [_num(r.actual, places) for r in rows],
            "last_year": [_num(r.last_year, places) for r in rows],
            "target": [_num(r.target.value if r.target else None, places) for r in rows],
        }
    else:
        raise Http404
    data["ratio"] = not frame.metric.accumulates
    data["unit"] = frame.metric.unit.value
    return JsonResponse(data)


@login_required
@require_GET
def home_panel(request: AuthenticatedRequest) -> HttpResponse:
    """The home page's tracking panel, first screen on a phone: this month's figure (target,
    actual, 完成率 against time progress, what is still needed per working day, the rep's
    rank) with the as-of date of the data, the year below it, what needs attention, the latest
    good news."""
    from salestarget.tracking.queries.frame import frame_build
    from salestarget.tracking.queries.news import news_visible

    sel = selection(request)
    frame, subject = sel.frame, sel.subject
    figure = q.figures(frame, [subject])[0]
    q.outlooks_attach(frame, [figure])
    year_figure = None
    whole = sel.periods[0] if sel.periods else None
    if whole is not None and whole != frame.period:
        year_frame = frame_build(
            scope=sel.scope,
            metric=frame.metric,
            plan=frame.plan,
            period=whole,
            as_of=frame.as_of,
            version=frame.version,
        )
        year_figure = q.figures(year_frame, [subject])[0]
    behind: list[q.Figure] = []
    team: list[q.Figure] = []
    if subject.person is None:
        kids = q.children(frame, subject, sel.scope)
        kid_figures = q.drop_idle_managers(q.figures(frame, kids), kids)
        if len(kid_figures) <= TEAM_SHOWN:
            # A team lead's people (or a small unit's teams), each with where they stand.
            team = kid_figures
        else:
            behind = [f for f in kid_figures if f.status in ("at_risk", "behind")][:6]
    rank = _ranks(sel, subject.person)[0] if subject.person is not None else None
    today = timezone.localdate()
    last = frame.as_of.last_fact_day
    return render(
        request,
        "tracking/_home_panel.html",
        {
            "sel": sel,
            "frame": frame,
            "subject": subject,
            "figure": figure,
            "year_figure": year_figure,
            "year_period": whole,
            "behind": behind,
            "team": team,
            "rank": rank,
            # Data older than yesterday is said in words, with how many days it lags.
            "stale_days": (today - last).days if last and last < today - dt.timedelta(1) else 0,
            "news": list(news_visible(sel.scope).filter(outlier="")[:5]),
        },
    )
