"""Alerts (预警): a target that falls behind its time progress by more than its plan's
threshold tells the person who carries it and their manager — in the product, and by e-mail
where mail is configured (``notification_send``); a unit's alert is also posted to its
group robots (``integrations``). One card per event: a person's (or unit's)
targets of one plan that fall behind on the same check — this month's and the year's — are one
notification with a line each. The same targets in the same states are announced once (the
notification's dedupe key), however often the check runs; nothing is computed on page loads.
Overdue planning steps are reminded by ``targets`` (``deadlines_check``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from salestarget.core.tracking import Status as TrackStatus
from salestarget.core.tracking import TrackingResult
from salestarget.integrations.models import RobotEvent
from salestarget.integrations.services.robots import robot_post
from salestarget.notifications.messages import Amount, Arg, Message, Names, Ratio, message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Membership, OrgNode
from salestarget.org.scoping import Scope
from salestarget.targets.company_metrics import metric_definition, value_decimals
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
            behind: dict[str, list[tuple[TargetRow, TrackingResult]]] = defaultdict(list)
            for target, (_period, result) in zip(
                rows, track_targets(rows, progress, day, version=version), strict=True
            ):
                report.checked += 1
                if result.status not in ALERT_STATUSES:
                    continue
                report.behind += 1
                holder = f"p{target.person_id}" if target.person_id else f"n{target.node_id}"
                behind[holder].append((target, result))
            for holder, lines in behind.items():
                lines.sort(key=lambda line: (line[0].period_end - line[0].period_start, line[0].pk))
                key = _event_key(plan, holder, lines)
                first = lines[0][0]  # the shortest period: the month people act on
                sent = notification_send(
                    recipients=_recipients(first, day),
                    kind="tracking_alert",
                    title=_title(first, [r for _t, r in lines]),
                    body=[_line(plan, t, r) for t, r in lines],
                    link=_link(plan, first),
                    dedupe_key=key,
                )
                if sent:
                    report.sent += len(sent)
                    report.keys.append(key)
                if first.node_id and not first.person_id:
                    _post_to_group(plan, first, lines, key)
    return report


def _post_to_group(
    plan: TargetPlan, target: TargetRow, lines: list[tuple[TargetRow, TrackingResult]], key: str
) -> None:
    """A unit that falls behind is told in its own group (and the groups above it); a
    person's alert stays between them and their manager."""
    node = OrgNode.objects.filter(pk=target.node_id or 0).first()
    robot_post(
        node=node,
        event=RobotEvent.ALERT,
        title=_title(target, [r for _t, r in lines]),
        lines=[_line(plan, t, r) for t, r in lines],
        link=_link(plan, target),
        dedupe_key=key,
    )


def _event_key(plan: TargetPlan, holder: str, lines: list[tuple[TargetRow, TrackingResult]]) -> str:
    """The same targets of a holder in the same states are the same event."""
    states = ",".join(f"{t.pk}:{t.period}:{r.status}" for t, r in lines)
    digest = hashlib.sha1(states.encode(), usedforsecurity=False).hexdigest()[:16]
    return f"tracking-alert:{plan.pk}:{holder}:{digest}"


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


STATUS_WORDS = {
    TrackStatus.AT_RISK: gettext_lazy("进度预警"),
    TrackStatus.BEHIND: gettext_lazy("进度落后"),
}


def _title(target: TargetRow, results: list[TrackingResult]) -> Message:
    """Named after the worst state among the lines and who (or which unit) it is about."""
    behind = any(r.status is TrackStatus.BEHIND for r in results)
    worst = TrackStatus.BEHIND if behind else TrackStatus.AT_RISK
    who = target.person_name or target.node_name or target.label
    return message(gettext_noop("%(status)s：%(target)s"), status=STATUS_WORDS[worst], target=who)


def _line(plan: TargetPlan, target: TargetRow, r: TrackingResult) -> Message:
    """One period's line: where it stands and what it takes from here."""
    metric = metric_definition(plan.metric)
    places = value_decimals(metric)
    args: dict[str, Arg] = {
        "period": target.period,
        "status": STATUS_WORDS[r.status or TrackStatus.AT_RISK],
        "metric": Names(metric.name, metric.name_en),
        "achievement": Ratio(r.achievement) if r.achievement is not None else None,
        "progress": Ratio(r.time_progress),
        "expected": Amount(r.expected_to_date, places),
        "actual": Amount(r.actual, places) if r.actual is not None else None,
        "gap": Amount(r.gap_to_date, places) if r.gap_to_date is not None else None,
    }
    if r.needed_per_day:
        return message(
            gettext_noop(
                "%(period)s %(status)s：%(metric)s 完成率 %(achievement)s，时间进度 %(progress)s，"
                "应完成 %(expected)s，实际 %(actual)s，差距 %(gap)s；"
                "剩余每个工作日需完成 %(per_day)s。"
            ),
            **args,
            per_day=Amount(r.needed_per_day, places),
        )
    return message(
        gettext_noop(
            "%(period)s %(status)s：%(metric)s 完成率 %(achievement)s，时间进度 %(progress)s，"
            "应完成 %(expected)s，实际 %(actual)s，差距 %(gap)s。"
        ),
        **args,
    )


def _link(plan: TargetPlan, target: TargetRow) -> str:
    subject = f"p{target.person_id}" if target.person_id else f"n{target.node_id}"
    return (
        f"{reverse('tracking:dashboard')}?plan={plan.pk}&period={target.period}&subject={subject}"
    )
