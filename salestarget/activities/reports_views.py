"""Pages of the daily and weekly reports (日报, 周报): the rep's page, assembled from the period's
activities and targets and submitted in a minute on a phone, and the manager's list of the
team's reports with comments and who has not reported."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salestarget.activities.forms import CommentForm, ReportForm
from salestarget.activities.models import WorkReport
from salestarget.activities.queries import (
    report_figures,
    report_of,
    report_span,
    report_visible,
    team_reports,
)
from salestarget.activities.services import report_comment, report_period_start, report_submit
from salestarget.http import AuthenticatedRequest
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.ui.forms import form_errors_from


def _period(request: AuthenticatedRequest) -> tuple[str, dt.date]:
    kind = request.GET.get("kind", WorkReport.Kind.DAY)
    if kind not in WorkReport.Kind.values:
        kind = WorkReport.Kind.DAY
    today = timezone.localdate()
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = today
    return kind, report_period_start(kind, min(day, today))


def _person(request: AuthenticatedRequest) -> Person | None:
    return Person.objects.filter(user_id=request.user.pk, is_active=True).first()


def _nav(kind: str, start: dt.date) -> dict[str, object]:
    step = dt.timedelta(days=7 if kind == WorkReport.Kind.WEEK else 1)
    later = start + step
    return {
        "kind": kind,
        "start": start,
        "end": report_span(kind, start)[1],
        "before": start - step,
        "after": later if later <= timezone.localdate() else None,
    }


@login_required
def report_page(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    person = _person(request)
    if person is None:
        raise Http404
    kind, start = _period(request)
    report = report_of(person, kind=kind, start=start)
    initial = (
        {
            "summary": report.summary,
            "plan_next": report.plan_next,
            "help_needed": report.help_needed,
        }
        if report
        else {}
    )
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_submit(person=person, kind=kind, day=start, scope=scope, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("报告已提交。"))
            return redirect(f"{request.path}?kind={kind}&day={start}")
    context = {
        "form": form,
        "report": report,
        "figures": report_figures(person, kind=kind, start=start),
        **_nav(kind, start),
    }
    return render(request, "activities/report.html", context)


@login_required
def team_reports_page(request: AuthenticatedRequest) -> HttpResponse:
    scope = request_scope(request)
    if not scope.root_paths and not scope.everything:
        raise PermissionDenied
    kind, start = _period(request)
    team = team_reports(scope, kind=kind, start=start)
    rows = [(r, team.counts.get(r.person_id, {})) for r in team.reports]
    context = {"team": team, "rows": rows, "comment_form": CommentForm(), **_nav(kind, start)}
    return render(request, "activities/team_reports.html", context)


@login_required
@require_POST
def report_comment_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    scope = request_scope(request)
    report = report_visible(scope, pk)
    author = _person(request)
    if report is None or author is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        report_comment(report=report, author=author, text=form.cleaned_data["text"], scope=scope)
        messages.success(request, _("点评已发送。"))
    else:
        messages.error(request, _("请填写点评内容"))
    mine = report.person_id == author.pk
    target = "activities:report" if mine else "activities:team_reports"
    return redirect(f"{reverse(target)}?kind={report.kind}&day={report.period_start}")
