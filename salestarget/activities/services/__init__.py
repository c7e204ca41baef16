"""Writes of the activities app. An activity logged on the phone goes through the same import
flow as a CRM file or an API batch (``actuals``' activity kind): one set of checks, and the
rollups the metrics read are kept at once. Work reports and their comments are the app's own."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.activities.models import ReportComment, WorkReport
from salestarget.catalog.models import Customer
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import records_import
from salestarget.notifications.messages import message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Membership, Person
from salestarget.org.scoping import Scope


def activity_log(
    *,
    person: Person,
    kind: str,
    occurred_on: dt.date,
    occurred_at: str = "",
    customer: Customer | None = None,
    customer_ref: str = "",
    lead: str = "",
    status: str = "done",
    outcome: str = "",
    notes: str = "",
    user: Any,
    scope: Scope,
) -> ImportBatch:
    """Record one activity of ``person`` with ``customer`` (or one named by its code or exact
    name, ``customer_ref``) or a ``lead``; the batch says whether it was written and, if not,
    why (``errors_preview``)."""
    record = {
        "external_id": f"M-{uuid.uuid4().hex[:12]}",
        "occurred_on": occurred_on.isoformat(),
        "time": occurred_at,
        "kind": kind,
        "status": status,
        "person": person.employee_no,
        "customer": customer.code if customer else (customer_ref or None),
        "lead": lead,
        "outcome": outcome,
        "notes": notes,
    }
    return records_import(
        kind="activity", source="manual", records=[record], user=user, scope=scope
    )


def report_period_start(kind: str, day: dt.date) -> dt.date:
    """The first day of the report of ``kind`` that covers ``day`` (a week starts on Monday)."""
    if kind == WorkReport.Kind.WEEK:
        return day - dt.timedelta(days=day.weekday())
    return day


def report_submit(
    *,
    person: Person,
    kind: str,
    day: dt.date,
    summary: str,
    plan_next: str = "",
    help_needed: str = "",
    scope: Scope,
) -> WorkReport:
    """Submit (or submit again, updating) ``person``'s report of the day or week of ``day``.
    Only the person themself submits their report."""
    if scope.person_id != person.pk:
        raise PermissionDenied(_("只能提交您本人的报告"))
    if kind not in WorkReport.Kind.values:
        raise ValidationError({"kind": _("报告类型应为 day 或 week")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("不能提交未来日期的报告")})
    if not summary.strip():
        raise ValidationError({"summary": _("请填写工作总结")})
    start = report_period_start(kind, day)
    membership = Membership.objects.active_at(start).filter(person=person).first()
    if membership is None:
        raise ValidationError({"day": _("您在 %(day)s 不属于任何组织") % {"day": start}})
    report, _created = WorkReport.objects.update_or_create(
        person=person,
        kind=kind,
        period_start=start,
        defaults={
            "node": membership.node,
            "summary": summary.strip(),
            "plan_next": plan_next.strip(),
            "help_needed": help_needed.strip(),
        },
    )
    return report


@transaction.atomic
def report_comment(*, report: WorkReport, author: Person, text: str, scope: Scope) -> ReportComment:
    """A manager's comment on a report of their subtree (or the person's reply); the
    report's person is told."""
    if not scope.can_view_node(report.node) and scope.person_id != report.person_id:
        raise PermissionDenied(_("这份报告不在您的权限范围内"))
    if not text.strip():
        raise ValidationError({"text": _("请填写点评内容")})
    comment = ReportComment.objects.create(report=report, author=author, text=text.strip())
    if author.pk != report.person_id:
        person = Person.objects.select_related("user").get(pk=report.person_id)
        notification_send(
            recipients=[person.user],
            kind="report_comment",
            title=message(gettext_noop("%(author)s 点评了您的报告"), author=author.name),
            body=[
                message(
                    gettext_noop("%(day)s：%(text)s"),
                    day=str(report.period_start),
                    text=comment.text,
                )
            ],
            link=reverse("activities:report") + f"?kind={report.kind}&day={report.period_start}",
        )
    return comment
