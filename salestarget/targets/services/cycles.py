"""Planning cycles and deadlines: who must decompose and submit by when, reminders for
overdue steps and escalation to the level above (防止目标滞留在中层).

The overdue check runs as ``salestarget deadlines_check`` (or the ``deadlines_check_task``
task), never on a page load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.core.periods import PeriodKind
from salestarget.integrations.models import RobotEvent
from salestarget.integrations.services.robots import robot_post
from salestarget.notifications.messages import message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Membership, OrgNode
from salestarget.org.scoping import scope_for
from salestarget.targets.fiscal_periods import period_parse
from salestarget.targets.models import (
    DraftRound,
    DraftStatus,
    PlanningCycle,
    PlanningStep,
    RoundStatus,
    StepKind,
    Target,
    TargetPlan,
)
from salestarget.targets.overdue_checks import overdue_checks
from salestarget.targets.queries.managers import managers_above, node_managers


def cycle_deadlines(*, period_code: str) -> dict[str, dt.datetime]:
    """The usual deadlines of a monthly cycle: next month's targets decomposed by the 5th
    17:30 and reviewed and submitted by the 9th 17:30 of the month before."""
    period = period_parse(period_code)
    first = period.start.replace(day=1)
    before = (
        (first - dt.timedelta(days=1)).replace(day=1) if period.kind is PeriodKind.MONTH else first
    )
    tz = timezone.get_current_timezone()
    return {
        "decompose_by": dt.datetime.combine(before.replace(day=5), dt.time(17, 30), tz),
        "submit_by": dt.datetime.combine(before.replace(day=9), dt.time(17, 30), tz),
    }


@transaction.atomic
def cycle_open(
    *,
    plan: TargetPlan,
    period: str,
    by: User,
    decompose_by: dt.datetime,
    submit_by: dt.datetime,
    approve_by: dt.datetime | None = None,
    name: str = "",
    escalate_after_hours: int = 24,
) -> PlanningCycle:
    """A cycle with one decompose step per managed node of the plan's scope that has
    anything below it, a submit step per node with people, and the plan owner's approval."""
    if not scope_for(by).can_manage_node(plan.scope_node):
        raise PermissionDenied(f"you may not run cycles for plan {plan.pk}")
    parsed = period_parse(period)
    plan_period = period_parse(plan.period)
    if not (plan_period.start <= parsed.start and parsed.end <= plan_period.end):
        raise ValidationError({"period": _("周期期间必须在计划期间之内。")})
    if submit_by < decompose_by:
        raise ValidationError({"submit_by": _("上报截止时间不能早于分解截止时间。")})
    cycle = PlanningCycle.objects.create(
        plan=plan,
        period=parsed.label,
        name=name or f"{plan.name} {parsed.label}",
        escalate_after_hours=escalate_after_hours,
        created_by=by,
    )
    nodes = list(
        OrgNode.objects.filter(plan.scope_node.subtree_q(), is_active=True).order_by("path")
    )
    has_children = set(
        OrgNode.objects.filter(parent__in=nodes, is_active=True).values_list("parent_id", flat=True)
    )
    has_people = set(
        Membership.objects.active_at(parsed.start)
        .filter(node__in=nodes, is_manager=False)
        .values_list("node_id", flat=True)
    )
    steps = []
    for node in nodes:
        managers = node_managers(node, parsed.start)
        responsible = managers[0] if managers else None
        if node.pk in has_children or node.pk in has_people:
            steps.append(
                PlanningStep(
                    cycle=cycle,
                    kind=StepKind.DECOMPOSE,
                    node=node,
                    responsible=responsible,
                    due_at=decompose_by,
                )
            )
        if node.pk in has_people:
            steps.append(
                PlanningStep(
                    cycle=cycle,
                    kind=StepKind.SUBMIT,
                    node=node,
                    responsible=responsible,
                    due_at=submit_by,
                )
            )
    if approve_by is not None:
        steps.append(
            PlanningStep(
                cycle=cycle,
                kind=StepKind.APPROVE,
                node=plan.scope_node,
                responsible=plan.owner,
                due_at=approve_by,
            )
        )
    PlanningStep.objects.bulk_create(steps)
    return cycle


def steps_complete(*, target: Target, kind: str, by: User) -> int:
    """Mark done the open ``kind`` steps of ``target``'s node in cycles the target covers."""
    if target.node_id is None or target.person_id is not None:
        return 0
    open_steps = PlanningStep.objects.filter(
        cycle__plan_id=target.plan_id, node_id=target.node_id, kind=kind, done_at__isnull=True
    ).select_related("cycle")
    done = []
    for step in open_steps:
        period = period_parse(step.cycle.period)
        if target.period_start <= period.start and period.end <= target.period_end:
            done.append(step.pk)
    return PlanningStep.objects.filter(pk__in=done).update(done_at=timezone.now(), done_by=by)


def step_mark_done(*, step: PlanningStep, by: User) -> PlanningStep:
    if not scope_for(by).can_manage_node(step.node):
        raise PermissionDenied(f"step {step.pk} is not yours")
    step.done_at = timezone.now()
    step.done_by = by
    step.save(update_fields=["done_at", "done_by"])
    return step


@dataclass
class DeadlineReport:
    reminded: list[PlanningStep] = field(default_factory=list)
    escalated: list[PlanningStep] = field(default_factory=list)
    drafts_reminded: int = 0
    # What the registered checks of the apps above reminded, by check name.
    others: dict[str, int] = field(default_factory=dict)


def deadlines_check(*, now: dt.datetime | None = None) -> DeadlineReport:
    """Remind the people behind every overdue step and draft, once each, and escalate a
    step still open ``escalate_after_hours`` after its deadline to the managers above."""
    now = now or timezone.now()
    report = DeadlineReport()
    overdue = (
        PlanningStep.objects.filter(done_at__isnull=True, due_at__lt=now)
        .filter(Q(reminded_at__isnull=True) | Q(escalated_at__isnull=True))
        .select_related("cycle__plan", "node", "responsible__user")
    )
    for step in overdue:
        link = reverse("targets:cycle_detail", args=[step.cycle_id])
        what = message(
            gettext_noop("%(node)s：%(step)s（截止 %(due)s）"),
            node=step.node.name,
            step=StepKind(step.kind).label,
            due=timezone.localtime(step.due_at).strftime("%Y-%m-%d %H:%M"),
        )
        if step.reminded_at is None:
            notification_send(
                recipients=[step.responsible.user if step.responsible else None],
                kind="step_overdue",
                title=message(gettext_noop("已逾期：%(what)s"), what=what),
                body=message(
                    gettext_noop("%(cycle)s 的这一步已超过截止时间，请尽快完成。"),
                    cycle=step.cycle.name,
                ),
                link=link,
                dedupe_key=f"step-overdue:{step.pk}",
            )
            robot_post(
                node=step.node,
                event=RobotEvent.DEADLINE,
                title=message(gettext_noop("已逾期：%(what)s"), what=what),
                lines=[
                    message(
                        gettext_noop("%(cycle)s 的这一步已超过截止时间，负责人：%(who)s。"),
                        cycle=step.cycle.name,
                        who=step.responsible.name if step.responsible else "—",
                    )
                ],
                link=link,
                dedupe_key=f"step-overdue:{step.pk}",
            )
            step.reminded_at = now
            step.save(update_fields=["reminded_at"])
            report.reminded.append(step)
        grace = dt.timedelta(hours=step.cycle.escalate_after_hours)
        if (
            step.escalated_at is None
            and step.due_at + grace <= now
            and step.node.parent_id is not None
        ):
            above = managers_above(step.node, timezone.localdate(now))
            if above:
                who = step.responsible.name if step.responsible else step.node.name
                notification_send(
                    recipients=[p.user for p in above],
                    kind="step_escalated",
                    title=message(gettext_noop("目标滞留提醒：%(what)s"), what=what),
                    body=message(
                        gettext_noop("%(who)s 负责的这一步逾期未完成，已上报给您督办。"),
                        who=who,
                    ),
                    link=link,
                    dedupe_key=f"step-escalated:{step.pk}",
                )
                step.escalated_at = now
                step.escalated_to = above[0]
                step.save(update_fields=["escalated_at", "escalated_to"])
                report.escalated.append(step)
    report.drafts_reminded = _remind_drafts(now)
    report.others = {name: check(now) for name, check in overdue_checks.items()}
    return report


def _remind_drafts(now: dt.datetime) -> int:
    count = 0
    rounds = DraftRound.objects.filter(status=RoundStatus.OPEN, deadline__lt=now).select_related(
        "target__node"
    )
    for rnd in rounds:
        late = rnd.drafts.filter(
            status__in=(DraftStatus.PENDING, DraftStatus.RETURNED)
        ).select_related("person__user")
        for draft in late:
            sent = notification_send(
                recipients=[draft.person.user],
                kind="draft_overdue",
                title=message(gettext_noop("目标草案已逾期：%(target)s"), target=rnd.target.label),
                body=message(gettext_noop("请尽快提交您的保底目标和挑战目标。")),
                link=reverse("targets:round_detail", args=[rnd.pk]),
                dedupe_key=f"draft-overdue:{draft.pk}:{draft.version}",
            )
            count += len(sent)
    return count
