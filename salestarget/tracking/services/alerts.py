"""Alerts (预警): a target that falls behind its time progress by more than its plan's
threshold tells the person who carries it and their manager — in the product, and by e-mail
where mail is configured (``notification_send``). Each target, period and status is announced
once (the notification's dedupe key), however often the check runs; nothing is computed on page
loads. Overdue planning steps are reminded by ``targets`` (``deadlines_check``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from salestarget.core.tracking import Status as TrackStatus
from salestarget.notifications.services import notification_send
from salestarget.org.models import Membership, OrgNode
from salestarget.org.scoping import Scope
from salestarget.targets.company_metrics import metric_name
from salestarget.targets.models import Status, TargetPlan
from salestarget.targets.queries.managers import managers_above, node_managers
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import as_of, plan_progress
from salestarget.tracking.queries.tree import TargetRow, plan_target_rows, track_targets

ALERT_STATUSES = (TrackStatus.AT_RISK, TrackStatus.BEHIND)
EVERYTHING = Scope(role="admin", person_id=None, everything=True)


@dataclass
class AlertReport:
    at: dt.date
    checked: int = 0
    behind: int = 0
    sent: int = 0
    keys: list[str] = field(default_factory=list)


def tracking_alerts(*, at: dt.date | None = None) -> AlertReport:
    """Check every running target of approved and locked plans at ``at`` (default: today, or
    the last day with facts) and notify where it is at risk or behind."""
    version = facts_version()
    day = as_of(at, version=version).day
    report = AlertReport(at=day)
    plans = TargetPlan.objects.filter(status__in=[Status.APPROVED, Status.LOCKED])
    with translation.override(settings.LANGUAGE_CODE):
        for plan in plans.select_related("scope_node"):
            rows = [
                t
                for t in plan_target_rows(plan, EVERYTHING)
                if t.period_start <= day <= t.period_end
                and not t.has_dimensions
                and (t.node_id or t.person_id)
            ]
            if not rows:
                continue
            span = (min(t.period_start for t in rows), max(t.period_end for t in rows))
            progress = plan_progress(plan, span=span, version=version)
            for target, (_period, result) in zip(
                rows, track_targets(rows, progress, day, version=version), strict=True
            ):
                report.checked += 1
                if result.status not in ALERT_STATUSES:
                    continue
                report.behind += 1
                key = f"tracking-alert:{target.pk}:{target.period}:{result.status.value}"
                sent = notification_send(
                    recipients=_recipients(target, day),
                    kind="tracking_alert",
                    title=_title(target, result.status),
                    body=_body(plan, target, result),
                    link=_link(plan, target),
                    dedupe_key=key,
                )
                if sent:
                    report.sent += len(sent)
                    report.keys.append(key)
    return report


def _recipients(target: TargetRow, day: dt.date) -> list[AbstractBaseUser | None]:
    """The person and their manager; for a unit's target its managers and the ones above."""
    people = []
    if target.person_id:
        from salestarget.org.models import Person

        person = Person.objects.select_related("user").filter(pk=target.person_id).first()
        if person is not None:
            people.append(person)
        node = _node_of(target, day)
        if node is not None:
            people += [p for p in node_managers(node, day) if p.pk != target.person_id]
            if len(people) == 1:  # they lead it themself: tell the level above
                people += managers_above(node, day)
    elif target.node_id:
        node = OrgNode.objects.filter(pk=target.node_id).first()
        if node is not None:
            people += node_managers(node, day) + managers_above(node, day)
    seen: set[int] = set()
    users: list[AbstractBaseUser | None] = []
    for p in people:
        if p.user_id and p.user_id not in seen:
            seen.add(p.user_id)
            users.append(p.user)
    return users


def _node_of(target: TargetRow, day: dt.date) -> OrgNode | None:
    if target.node_id:
        return OrgNode.objects.filter(pk=target.node_id).first()
    if target.person_id is None:
        return None
    m = Membership.objects.active_at(day).filter(person_id=target.person_id).first()
    return m.node if m else None


def _title(target: TargetRow, status: TrackStatus) -> str:
    words = {TrackStatus.AT_RISK: _("进度预警"), TrackStatus.BEHIND: _("进度落后")}
    return _("%(status)s：%(target)s") % {"status": words[status], "target": target.label}


def _body(plan: TargetPlan, target: TargetRow, result: object) -> str:
    r = result  # TrackingResult
    achievement = f"{r.achievement * 100:.1f}%" if r.achievement is not None else "—"  # type: ignore[attr-defined]
    progress = f"{r.time_progress * 100:.1f}%"  # type: ignore[attr-defined]
    text = _(
        "%(metric)s 完成率 %(achievement)s，时间进度 %(progress)s，"
        "应完成 %(expected)s，实际 %(actual)s，差距 %(gap)s。"
    ) % {
        "metric": metric_name(plan.metric),
        "achievement": achievement,
        "progress": progress,
        "expected": f"{r.expected_to_date:,.2f}",  # type: ignore[attr-defined]
        "actual": f"{r.actual:,.2f}" if r.actual is not None else "—",  # type: ignore[attr-defined]
        "gap": f"{r.gap_to_date:,.2f}" if r.gap_to_date is not None else "—",  # type: ignore[attr-defined]
    }
    if r.needed_per_day:  # type: ignore[attr-defined]
        text += _("剩余每个工作日需完成 %(per_day)s。") % {"per_day": f"{r.needed_per_day:,.2f}"}  # type: ignore[attr-defined]
    return text


def _link(plan: TargetPlan, target: TargetRow) -> str:
    subject = f"p{target.person_id}" if target.person_id else f"n{target.node_id}"
    return (
        f"{reverse('tracking:dashboard')}?plan={plan.pk}&period={target.period}&subject={subject}"
    )
