"""Writes of action plans (行动计划): a target's plan started (seeded from its draft's obstacles
and resources), steps added and moved along, and overdue steps reminded by the planning
deadlines' run (``targets.services.cycles.deadlines_check``, which calls
:func:`action_steps_remind` once this app registered it)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from salestarget.activities.models import (
    OPEN_STATUSES,
    ActionPlan,
    ActionStep,
    StepChange,
    StepStatus,
)
from salestarget.notifications.messages import message
from salestarget.notifications.services import notification_send
from salestarget.org.models import Person
from salestarget.org.scoping import Scope
from salestarget.targets.models import Target, TargetDraft
from salestarget.targets.models.drafts import AGREED_STATUSES
from salestarget.targets.permissions import can_manage, require_view
from salestarget.targets.queries.managers import node_managers
from salestarget.ui.choices import choice_refused

# A seeded step is due a week after the plan starts (or the period opens), within the period.
SEED_DUE_AFTER = dt.timedelta(days=7)


def plan_editable(scope: Scope, plan: ActionPlan) -> bool:
    """The plan's owner and whoever may plan the target's node change it."""
    return scope.person_id == plan.owner_id or can_manage(scope, plan.target)


def draft_of(target: Target, owner: Person) -> TargetDraft | None:
    """The draft ``owner`` gave in the round the target was split from (agreed ones first,
    then the latest round)."""
    if target.parent_id is None:
        return None
    drafts = TargetDraft.objects.filter(round__target_id=target.parent_id, person=owner)
    agreed = drafts.filter(status__in=AGREED_STATUSES).order_by("-round__opened_at").first()
    return agreed or drafts.order_by("-round__opened_at").first()


def _lines(text: str) -> list[str]:
    return [line.strip(" -•·\t")[:200] for line in text.splitlines() if line.strip(" -•·\t")]


@transaction.atomic
def action_plan_start(*, target: Target, by: User, scope: Scope) -> ActionPlan:
    """``target``'s plan (made once): owned by the target's person, or its unit's manager;
    one step to meet each obstacle and one to secure each resource of the owner's draft."""
    require_view(scope, target)
    existing = ActionPlan.objects.filter(target=target).first()
    if existing is not None:
        return existing
    if target.node is None:
        raise ValidationError({"target": _("这个目标没有所属组织，不能制定行动计划")})
    owner = target.person
    if owner is None:
        managers = node_managers(target.node)
        owner = managers[0] if managers else Person.objects.filter(user=by).first()
    if owner is None:
        raise ValidationError({"target": _("这个目标没有负责人，不能制定行动计划")})
    plan = ActionPlan(target=target, node=target.node, owner=owner, created_by=by)
    if not plan_editable(scope, plan):
        raise PermissionDenied(_("只有目标的负责人和上级主管可以制定行动计划"))
    plan.draft = draft_of(target, owner)
    plan.save()
    if plan.draft is not None:
        today = timezone.localdate()
        due = min(max(today, target.period_start) + SEED_DUE_AFTER, max(target.period_end, today))
        seeds = [ActionStep(title=line) for line in _lines(plan.draft.obstacles)] + [
            ActionStep(title=_("落实资源：%(what)s") % {"what": line}, resources=line)
            for line in _lines(plan.draft.resources)
        ]
        for step in seeds:
            step.plan, step.owner, step.due_on, step.title = plan, owner, due, step.title[:200]
        ActionStep.objects.bulk_create(seeds)
    return plan


def _owner_allowed(scope: Scope, plan: ActionPlan, owner: Person) -> None:
    if owner.pk != plan.owner_id and not scope.can_view_person(owner):
        raise PermissionDenied(f"person {owner.employee_no} is outside your scope")


def action_step_add(
    *,
    plan: ActionPlan,
    title: str,
    owner: Person,
    due_on: dt.date,
    resources: str = "",
    by: Person | None,
    scope: Scope,
) -> ActionStep:
    if not plan_editable(scope, plan):
        raise PermissionDenied(_("只有目标的负责人和上级主管可以修改行动计划"))
    _owner_allowed(scope, plan, owner)
    if not title.strip():
        raise ValidationError({"title": _("请填写行动内容")})
    step = ActionStep.objects.create(
        plan=plan,
        title=title.strip()[:200],
        owner=owner,
        due_on=due_on,
        resources=resources.strip(),
    )
    StepChange.objects.create(step=step, old_status="", new_status=step.status, by=by)
    return step


@transaction.atomic
def action_step_update(
    *,
    step: ActionStep,
    status: str | None = None,
    due_on: dt.date | None = None,
    by: Person | None,
    scope: Scope,
) -> ActionStep:
    """Move ``step`` to ``status`` and/or a new due date; its owner may do it too. A status
    change is kept for the weekly meeting."""
    if scope.person_id != step.owner_id and not plan_editable(scope, step.plan):
        raise PermissionDenied(_("只有步骤的负责人和上级主管可以更新它"))
    if status is not None and status not in StepStatus.values:
        raise choice_refused("status", status, StepStatus.values)
    fields: list[str] = []
    if status is not None and status != step.status:
        StepChange.objects.create(step=step, old_status=step.status, new_status=status, by=by)
        step.status = status
        fields.append("status")
    if due_on is not None and due_on != step.due_on:
        step.due_on = due_on
        fields.append("due_on")
    if fields:
        step.save(update_fields=fields)
    return step


def action_steps_remind(now: dt.datetime) -> int:
    """Remind the owner of every open step past its due date, once per due date (a step
    moved to a later date and missed again is reminded again)."""
    today = timezone.localdate(now)
    late = list(
        ActionStep.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today)
        .exclude(reminded_due=F("due_on"))
        .select_related("owner__user", "plan__target__person", "plan__target__node")
    )
    sent = 0
    for step in late:
        sent += len(
            notification_send(
                recipients=[step.owner.user],
                kind="action_overdue",
                title=message(gettext_noop("行动逾期：%(step)s"), step=step.title),
                body=message(
                    gettext_noop("截止 %(due)s（目标：%(target)s）。请更新进展或调整日期。"),
                    due=step.due_on.isoformat(),
                    target=step.plan.target.label,
                ),
                link=reverse("activities:plan", args=[step.plan.target_id]),
                dedupe_key=f"action-overdue:{step.pk}:{step.due_on}",
            )
        )
    ActionStep.objects.filter(pk__in=[s.pk for s in late]).update(reminded_due=F("due_on"))
    return sent
