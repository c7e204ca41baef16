"""Daily and weekly reports over the API (a phone app, a CRM): a person submits their own, a
manager lists their subtree's with who has not reported and comments, with the pages' rules.
Activities themselves go through ``POST /api/actuals/activities``.

(No ``from __future__ import annotations``: django-ninja reads the schemas' annotations.)
"""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from salestarget.activities.models import WorkReport
from salestarget.activities.queries import report_visible, team_reports
from salestarget.activities.services import report_comment, report_period_start, report_submit
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.ui.params import path_id

router = Router(tags=["activities"])
ReportId = Annotated[int, path_id("the report")]
Kind = Literal["day", "week"]


class ReportCommentOut(Schema):
    author: str
    text: str
    created_at: dt.datetime


class WorkReportOut(Schema):
    id: int
    person_id: int
    person: str
    node_id: int
    kind: str
    period_start: dt.date
    summary: str
    plan_next: str
    help_needed: str
    submitted_at: dt.datetime
    comments: list[ReportCommentOut]


class TeamReportsOut(Schema):
    reports: list[WorkReportOut]
    missing: list[str] = Field(description="employee numbers of the reps who have not reported")


class WorkReportIn(Schema):
    kind: Kind = "day"
    day: dt.date = Field(description="a day of the period (a week's report: any day of it)")
    summary: str = Field(max_length=4000)
    plan_next: str = Field("", max_length=4000)
    help_needed: str = Field("", max_length=2000)

    model_config = ConfigDict(extra="forbid")


class ReportCommentIn(Schema):
    text: str = Field(max_length=2000)

    model_config = ConfigDict(extra="forbid")


def _out(report: WorkReport) -> WorkReportOut:
    return WorkReportOut(
        id=report.pk,
        person_id=report.person_id,
        person=report.person.name,
        node_id=report.node_id,
        kind=report.kind,
        period_start=report.period_start,
        summary=report.summary,
        plan_next=report.plan_next,
        help_needed=report.help_needed,
        submitted_at=report.submitted_at,
        comments=[
            ReportCommentOut(author=c.author.name, text=c.text, created_at=c.created_at)
            for c in report.comments.all()
        ],
    )


def _person(request: HttpRequest) -> Person:
    person = Person.objects.filter(user_id=request.user.pk or -1, is_active=True).first()
    if person is None:
        raise PermissionDenied("only people in the system write reports")
    return person


class WorkReportsQuery(Schema):
    day: dt.date = Field(description="a day of the period")
    kind: Kind = Field("day", description="day: daily reports; week: weekly reports")


@router.get("/reports", response=TeamReportsOut, summary="The reports of your subtree")
def list_reports(request: HttpRequest, query: Query[WorkReportsQuery]) -> dict[str, object]:
    scope = request_scope(request)
    start = report_period_start(query.kind, query.day)
    team = team_reports(scope, kind=query.kind, start=start)
    return {
        "reports": [_out(r) for r in team.reports],
        "missing": [p.employee_no for p in team.missing],
    }


@router.post("/reports", response={201: WorkReportOut}, summary="Submit (or update) your report")
def submit_report(request: HttpRequest, payload: WorkReportIn) -> Status[WorkReportOut]:
    scope = request_scope(request)
    report = report_submit(person=_person(request), scope=scope, **payload.dict())
    return Status(201, _out(report))


@router.post(
    "/reports/{report_id}/comments",
    response={201: ReportCommentOut},
    summary="Comment on a report of your subtree",
)
def comment_report(
    request: HttpRequest, report_id: ReportId, payload: ReportCommentIn
) -> Status[ReportCommentOut]:
    scope = request_scope(request)
    report = report_visible(scope, report_id)
    if report is None:
        raise Http404
    comment = report_comment(report=report, author=_person(request), text=payload.text, scope=scope)
    out = ReportCommentOut(
        author=comment.author.name, text=comment.text, created_at=comment.created_at
    )
    return Status(201, out)


# Action plans (行动计划) in their own module, mounted on the same prefix.
from salestarget.activities.api import leading, plans  # noqa: E402

router.add_router("", plans.router)
router.add_router("", leading.router)
