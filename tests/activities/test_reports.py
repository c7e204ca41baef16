"""Daily and weekly reports: a rep submits one assembled from the day's activities and
targets, the manager reads the team's in one list with who has not reported, and comments;
the rep is told and reads the comment."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from salestarget.activities.models import WorkReport
from salestarget.activities.queries import team_reports
from salestarget.activities.services import report_comment, report_submit
from salestarget.notifications.models import Notification
from salestarget.org.scoping import scope_for
from tests.browser import compile_messages
from tests.personas import Company

TODAY = dt.date(2026, 6, 10)  # a Wednesday


def submit(company: Company, person=None, **kw) -> WorkReport:
    person = person or company.rep
    kw.setdefault("kind", "day")
    kw.setdefault("day", TODAY)
    kw.setdefault("summary", "拜访北京客户，介绍新品")
    return report_submit(person=person, scope=scope_for(person.user), **kw)


def test_submitting_again_updates_the_days_report(company: Company) -> None:
    submit(company, plan_next="明天去海淀")
    report = submit(company, summary="拜访两家", plan_next="明天去朝阳")
    assert WorkReport.objects.count() == 1
    assert (report.summary, report.plan_next, report.node) == (
        "拜访两家",
        "明天去朝阳",
        company.team_bj,
    )
    week = submit(company, kind="week")
    assert week.period_start == dt.date(2026, 6, 8)  # the Monday


def test_bad_reports_are_refused_naming_what_is_wrong(company: Company) -> None:
    with pytest.raises(ValidationError, match="工作总结"):
        submit(company, summary="  ")
    with pytest.raises(ValidationError, match="未来"):
        submit(company, day=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        report_submit(
            person=company.rep_other,
            kind="day",
            day=TODAY,
            summary="x",
            scope=scope_for(company.rep.user),
        )
    assert not WorkReport.objects.exists()


def test_the_manager_sees_the_team_and_who_has_not_reported(company: Company) -> None:
    submit(company)
    north = team_reports(scope_for(company.manager_north.user), kind="day", start=TODAY)
    assert [r.person for r in north.reports] == [company.rep]
    assert north.missing == []
    east = team_reports(scope_for(company.manager_east.user), kind="day", start=TODAY)
    assert (east.reports, east.missing) == ([], [company.rep_other])


def test_a_comment_reaches_the_rep_and_an_outsider_cannot_comment(company: Company) -> None:
    report = submit(company)
    report_comment(
        report=report,
        author=company.team_lead,
        text="明天带上报价单",
        scope=scope_for(company.team_lead.user),
    )
    told = Notification.objects.get(recipient=company.rep.user, kind="report_comment")
    assert told.title == "吴组长 点评了您的报告"
    assert "明天带上报价单" in told.body
    with pytest.raises(PermissionDenied):
        report_comment(
            report=report,
            author=company.manager_east,
            text="x",
            scope=scope_for(company.manager_east.user),
        )


def test_the_pages_in_both_languages(company: Company, login) -> None:
    client = login(company.rep)
    day = timezone.localdate()
    answer = client.post(f"/activities/report/?kind=day&day={day}", {"summary": "拜访三家"})
    assert answer.status_code == 302
    page = client.get(f"/activities/report/?kind=day&day={day}", HTTP_ACCEPT_LANGUAGE="en")
    assert "Daily report" in page.content.decode()
    client = login(company.team_lead)
    page = client.get(f"/activities/reports/?kind=day&day={day}").content.decode()
    assert "拜访三家" in page
    report = WorkReport.objects.get()
    client.post(f"/activities/reports/{report.pk}/comment/", {"text": "很好"})
    assert report.comments.get().text == "很好"
    assert login(company.rep).get("/activities/reports/").status_code == 403


def test_in_english_the_team_report_counts_visits_calls_and_opportunities(
    company: Company, login
) -> None:
    """拜访 / 电话 / 产生商机 are counts here (Visits, Calls, Opportunities), not the kind of one
    activity (Visit, Call, Opportunity) nor a person's phone number."""
    compile_messages()
    day = timezone.localdate()
    rep = login(company.rep)
    rep.post(f"/activities/report/?kind=day&day={day}", {"summary": "拜访三家"})
    client = login(company.team_lead)
    client.cookies["django_language"] = "en"
    page = client.get(f"/activities/reports/?kind=day&day={day}").content.decode()
    counts = re.search(r'<p class="small text-muted mb-2">(.*?)</p>', page, re.S)
    assert counts is not None
    words = re.findall(r"([A-Za-z][A-Za-z -]*?) \d+", counts.group(1))
    assert words == ["Visits", "Visits to new customers", "Calls", "Opportunities"]
