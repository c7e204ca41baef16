"""Reads of action plans through the caller's scope: a plan is seen by whoever sees its target
(the target's person, the managers of its node and above). Lists are set-based: steps counted
in one grouped query, the week's status changes read in one query for all steps shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from salestarget.activities.models import OPEN_STATUSES, ActionPlan, ActionStep, StepChange
from salestarget.org.models import Membership, Person
from salestarget.org.scoping import Scope
from salestarget.targets.models import Target
from salestarget.targets.permissions import target_q
from salestarget.targets.queries.mine import targets_owned

# The weekly meeting looks back this far for what moved.
MEETING_WEEK = dt.timedelta(days=7)


def plans_visible(scope: Scope) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(target_q(scope, "target")).select_related(
        "target__person", "target__node", "target__plan", "owner", "node"
    )


def steps_visible(scope: Scope) -> QuerySet[ActionStep]:
    return ActionStep.objects.filter(target_q(scope, "plan__target"))


def plan_steps(plan: ActionPlan) -> list[ActionStep]:
    return list(plan.steps.select_related("owner").order_by("due_on", "id"))


def is_overdue(step: ActionStep, today: dt.date) -> bool:
    return step.status in OPEN_STATUSES and step.due_on < today


@dataclass(frozen=True)
class PlanRow:
    plan: ActionPlan
    open: int
    overdue: int
    done: int


def plans_list(scope: Scope, *, today: dt.date) -> list[PlanRow]:
    """The plans ``scope`` sees, the caller's own first, with their steps counted (one
    grouped query)."""
    open_q = Q(steps__status__in=OPEN_STATUSES)
    plans = (
        plans_visible(scope)
        .annotate(
            open_steps=Count("steps", filter=open_q),
            overdue_steps=Count("steps", filter=open_q & Q(steps__due_on__lt=today)),
            done_steps=Count("steps", filter=Q(steps__status="done")),
        )
        .order_by("-target__period_end", "node__path", "owner__name")
    )
    rows = [PlanRow(p, p.open_steps, p.overdue_steps, p.done_steps) for p in plans]
    rows.sort(key=lambda r: r.plan.owner_id != scope.person_id)  # stable: own first
    return rows


def targets_without_plan(scope: Scope, *, today: dt.date) -> QuerySet[Target]:
    """The caller's own current targets (theirs or their unit's) that have no plan yet."""
    return (
        targets_owned(scope, today=today)
        .filter(period_start__lte=today, period_end__gte=today, action_plan__isnull=True)
        .select_related("person", "node", "plan")
        .order_by("period_end", "pk")
    )


@dataclass
class MeetingStep:
    step: ActionStep
    overdue: bool
    changes: list[StepChange] = field(default_factory=list)  # since last week, oldest first


@dataclass(frozen=True)
class Meeting:
    """The weekly meeting's view of the team's plans: overdue steps first, then the open ones
    by due date, then those closed this week; each with its status changes of the week."""

    steps: list[MeetingStep]
    since: dt.datetime
    overdue: int
    open: int
    closed_this_week: int


def meeting_view(scope: Scope, *, now: dt.datetime, today: dt.date) -> Meeting:
    since = now - MEETING_WEEK
    changed = StepChange.objects.filter(at__gte=since).values("step_id")
    steps = list(
        steps_visible(scope)
        .filter(Q(status__in=OPEN_STATUSES) | Q(pk__in=changed))
        .select_related(
            "owner",
            "plan__target__person",
            "plan__target__node",
            "plan__target__plan",
            "plan__node",
        )
    )
    changes: dict[int, list[StepChange]] = {}
    for change in (
        StepChange.objects.filter(step_id__in=[s.pk for s in steps], at__gte=since)
        .exclude(old_status="")
        .select_related("by")
        .order_by("at", "id")
    ):
        changes.setdefault(change.step_id, []).append(change)
    rows = [MeetingStep(s, is_overdue(s, today), changes.get(s.pk, [])) for s in steps]
    rows.sort(
        key=lambda r: (
            not r.overdue,
            r.step.status not in OPEN_STATUSES,
            r.step.due_on,
            r.step.plan.node.path,
            r.step.pk,
        )
    )
    return Meeting(
        steps=rows,
        since=since,
        overdue=sum(r.overdue for r in rows),
        open=sum(r.step.status in OPEN_STATUSES for r in rows),
        closed_this_week=sum(r.step.status not in OPEN_STATUSES for r in rows),
    )


def plan_people(scope: Scope, plan: ActionPlan, *, today: dt.date) -> QuerySet[Person]:
    """Who may own a step: the plan's owner, and the people of its node's subtree the caller
    sees (a rep: only themself)."""
    members = Membership.objects.active_at(today).filter(
        node__path__startswith=plan.node.path, person__is_active=True
    )
    return Person.objects.filter(
        Q(pk=plan.owner_id) | (Q(pk__in=members.values("person_id")) & scope.people_q())
    ).order_by("name")
