"""The other tracking pages: leaderboards, the battle report, weekly and
monthly reports, the good-news feed and gap analysis (with their downloads)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from salestarget.core.periods import Period, PeriodKind
from salestarget.http import AuthenticatedRequest
from salestarget.org.models import CompanySettings, OrgNode, Person
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.company_metrics import metric_choices, metric_definition, metric_name
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.targets.queries.documents import company_name
from salestarget.tracking import exports
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries import dashboard as dq
from salestarget.tracking.queries.context import as_of, parse_day
from salestarget.tracking.queries.gap import (
    gap_analysis,
    gap_dimension_default,
    gap_dimensions,
)
from salestarget.tracking.queries.leaderboard import (
    LEVELS,
    leaderboard,
    rank_of,
)
from salestarget.tracking.queries.news import news_visible, shows_figures
from salestarget.tracking.queries.reports import (
    battle_report,
    period_report,
    report_period,
    report_within,
    reports_require,
)
from salestarget.tracking.queries.subjects import subject_path
from salestarget.tracking.views.common import download, selection
from salestarget.ui.pages import is_partial
from salestarget.ui.params import int_param


def _leader_scope(request: AuthenticatedRequest) -> Scope:
    scope = request_scope(request)
    reports_require(scope)
    return scope


def _node_param(request: AuthenticatedRequest, scope: Scope) -> OrgNode | None:
    """``?node=`` when the caller may see it (404 otherwise); None: the top of the scope."""
    if not request.GET.get("node"):
        return report_within(scope, None)
    pk = int_param(request, "node")
    if not pk:
        raise Http404
    return report_within(scope, pk)


# -- leaderboards ------------------------------------------------------------------------------------


def _span(request: AuthenticatedRequest, day: dt.date) -> tuple[Period, dt.date, dt.date]:
    cal = fiscal_calendar()
    code = request.GET.get("period")
    period = cal.period_of(PeriodKind.MONTH, day)
    if code:
        try:
            period = cal.parse(code)
        except ValueError as exc:
            raise Http404 from exc
    return period, period.start, min(period.end, day)


@login_required
@require_GET
def leaderboard_view(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    if not scope.sees_anything:
        raise PermissionDenied
    version = facts_version()
    day = as_of(parse_day(request.GET.get("at")), version=version).day
    try:
        metric = metric_definition(request.GET.get("metric") or "revenue")
    except ValidationError as exc:
        raise Http404 from exc
    period, start, end = _span(request, day)
    level = request.GET.get("level") or "people"
    by = request.GET.get("by") or "value"
    if level not in LEVELS or by not in ("value", "achievement"):
        raise Http404
    context: dict[str, Any] = {
        "metric": metric,
        "metrics": metric_choices(),
        "period": period,
        "periods": _period_choices(day),
        "start": start,
        "end": end,
        "level": level,
        "levels": LEVELS,
        "by": by,
        "at": request.GET.get("at", ""),
        "company": CompanySettings.current(),
    }
    kwargs: dict[str, Any] = {
        "metric": metric,
        "start": start,
        "end": end,
        "by": by,
        "period_end": period.end,
        "version": version,
    }
    if scope.is_rep or not (scope.everything or scope.root_paths):
        # A rep sees where they stand, never the others' figures.
        # Every rep has a person; a user without one fails here as before (DoesNotExist).
        person = Person.objects.get(pk=scope.person_id)  # type: ignore[misc]
        membership = person.membership_at(day)
        team = membership.node if membership else None
        context["own"] = {
            "team": rank_of(person, within=team, **kwargs) if team else None,
            "company": rank_of(person, within=None, **kwargs),
        }
        context["board"] = None
    else:
        within = _node_param(request, scope)
        context["board"] = leaderboard(level=level, within=within, **kwargs)
        context["within"] = within
        context["nodes"] = list(scope.nodes().filter(is_active=True).order_by("path"))
    template = "tracking/_leaderboard.html" if is_partial(request) else "tracking/leaderboard.html"
    return render(request, template, context)


def _period_choices(day: dt.date) -> list[Period]:
    cal = fiscal_calendar()
    month = cal.period_of(PeriodKind.MONTH, day)
    return [
        cal.period_of(PeriodKind.WEEK, day),
        cal.shift(cal.period_of(PeriodKind.WEEK, day), -1),
        month,
        cal.shift(month, -1),
        cal.period_of(PeriodKind.QUARTER, day),
        cal.period_of(PeriodKind.YEAR, day),
    ]


# -- battle report and subtree reports ----------------------------------------------------------------


@login_required
@require_GET
def battle(request: AuthenticatedRequest, fmt: str = "html") -> HttpResponse:
    scope = _leader_scope(request)
    version = facts_version()
    day = as_of(parse_day(request.GET.get("at")), version=version).day
    week = report_period(request.GET.get("week"), day, "week")
    within = _node_param(request, scope)
    report = battle_report(week=week, within=within, at=day, version=version)
    company = company_name()
    name = f"{company}{report.unit}-战报-{week.label}"
    if fmt == "pdf":
        return download(exports.battle_pdf(report, company), exports.PDF, f"{name}.pdf")
    if fmt == "xlsx":
        return download(exports.battle_xlsx(report, company), exports.XLSX, f"{name}.xlsx")
    if fmt == "png":
        from salestarget.tracking.share_image import FontMissingError, battle_png

        try:
            return download(battle_png(report, company), "image/png", f"{name}.png")
        except FontMissingError as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    cal = fiscal_calendar()
    return render(
        request,
        "tracking/battle.html",
        {
            "report": report,
            "company": company,
            "within": within,
            "nodes": list(scope.nodes().filter(is_active=True).order_by("path")),
            "weeks": [cal.shift(week, -1), cal.shift(week, 1)],
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def report(request: AuthenticatedRequest, fmt: str = "html") -> HttpResponse:
    scope = _leader_scope(request)
    version = facts_version()
    day = as_of(parse_day(request.GET.get("at")), version=version).day
    kind = request.GET.get("kind") or "week"
    period = report_period(request.GET.get("period"), day, kind)
    node = _node_param(request, scope) or OrgNode.objects.filter(parent__isnull=True).first()
    if node is None:
        raise Http404
    data = period_report(node=node, period=period, at=day, scope=scope, version=version)
    company = company_name()
    name = f"{company}{node.name}-{period.label}"
    if fmt == "pdf":
        return download(exports.report_pdf(data, company), exports.PDF, f"{name}.pdf")
    if fmt == "xlsx":
        return download(exports.report_xlsx(data, company), exports.XLSX, f"{name}.xlsx")
    cal = fiscal_calendar()
    return render(
        request,
        "tracking/report.html",
        {
            "report": data,
            "company": company,
            "kind": "week" if period.kind is PeriodKind.WEEK else "month",
            "nodes": list(scope.nodes().filter(is_active=True).order_by("path")),
            "neighbours": [cal.shift(period, -1), cal.shift(period, 1)],
            "query": request.GET.urlencode(),
        },
    )


# -- good news ----------------------------------------------------------------------------------------


@login_required
@require_GET
def news(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    items = list(news_visible(scope)[:100])
    rows = [(item, shows_figures(scope, item)) for item in items]
    return render(request, "tracking/news.html", {"rows": rows})


# -- gap analysis -------------------------------------------------------------------------------------


@login_required
@require_GET
def gap(request: AuthenticatedRequest, fmt: str = "html") -> HttpResponse:
    sel = selection(request)
    dim = request.GET.get("gdim") or gap_dimension_default(sel.subject)
    if dim not in gap_dimensions(sel.subject):
        raise Http404
    analysis = gap_analysis(sel.frame, sel.subject, dim, sel.scope)
    if fmt == "xlsx":
        title = f"{sel.subject.label} {metric_name(sel.frame.metric.code)} {sel.frame.period.label}"
        return download(exports.gap_xlsx(analysis, title), exports.XLSX, f"{title}-差距分析.xlsx")
    labels = {"org": dq.DIMENSION_LABELS_ORG, **dq.DIMENSION_LABELS}
    context = {
        "sel": sel,
        "frame": sel.frame,
        "subject": sel.subject,
        "analysis": analysis,
        "dim": dim,
        "dims": {k: v for k, v in labels.items() if k != "org" or sel.subject.person is None},
        "crumbs": subject_path(sel.subject, sel.scope),
        "chart": _gap_chart(analysis),
        "pvm_chart": _pvm_chart(analysis),
    }
    template = "tracking/_gap.html" if is_partial(request) else "tracking/gap.html"
    return render(request, template, context)


def _gap_chart(analysis: Any) -> dict[str, Any]:
    from django.utils.translation import gettext as _

    from salestarget.tracking.queries.gap import OTHER

    return {
        "categories": [r.label if r.key != OTHER else _("其他") for r in analysis.rows],
        "gap": [str(r.gap) for r in analysis.rows],
        "ratio": not analysis.additive,
        "unit": "",
    }


def _pvm_chart(analysis: Any) -> dict[str, Any] | None:
    from django.utils.translation import gettext as _

    p = analysis.pvm
    if p is None:
        return None
    return {
        "base": str(p.base_revenue),
        "price": str(p.price),
        "volume": str(p.volume),
        "mix": str(p.mix),
        "current": str(p.revenue),
        "change_label": _("销售额变化"),
    }
