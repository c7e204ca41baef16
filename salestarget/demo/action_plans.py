"""The demo's action plans (行动计划): 北京组's reps each plan the month of the demo's last day,
through the activities services as they would: one step per obstacle and resource they wrote
in their FY2027 draft, and the team's usual work (visits to new customers, a trade show).
Some steps are done, some under way, some overdue, so the weekly meeting has something to
review and the deadlines' run has something to remind."""

from __future__ import annotations

import datetime as dt

from salestarget.activities.services.plans import (
    action_plan_start,
    action_step_add,
    action_step_update,
)
from salestarget.demo.plans import DRAFT_TEAM, REVENUE_PLAN
from salestarget.demo.scales import DEMO_END
from salestarget.org.models import Person
from salestarget.org.scoping import scope_for
from salestarget.targets.models import Target, TargetDraft

# (title, days after the demo's last day it is due, status reached)
ROUTINE = (
    ("每周拜访 3 家新客户", -12, "done"),
    ("跟进本月到期的报价", -3, "doing"),
    ("参加区域行业展会，收集线索", 9, "todo"),
)


def demo_action_plans_create() -> int:
    """The plans; returns how many steps they hold."""
    months = (
        Target.objects.filter(
            plan__name=REVENUE_PLAN,
            node__code=DRAFT_TEAM,
            person__isnull=False,
            period_start__lte=DEMO_END,
            period_end__gte=DEMO_END,
        )
        .exclude(period_start__lt=DEMO_END.replace(day=1))  # the month, not the year
        .select_related("person__user", "node")
    )
    drafts = {
        d.person_id: d for d in TargetDraft.objects.filter(round__target__node__code=DRAFT_TEAM)
    }
    steps = 0
    for target in months:
        rep: Person = target.person  # type: ignore[assignment]
        scope = scope_for(rep.user, DEMO_END)  # type: ignore[arg-type]
        plan = action_plan_start(target=target, by=rep.user, scope=scope)  # type: ignore[arg-type]
        draft = drafts.get(rep.pk)
        seeds = [(draft.obstacles, -5, "doing", "")] if draft and draft.obstacles else []
        if draft and draft.resources:
            seeds.append(("向主管申请所需资源", 2, "todo", draft.resources))
        routine = [(title, after, status, "") for title, after, status in ROUTINE]
        for title, after, status, resources in [*seeds, *routine]:
            step = action_step_add(
                plan=plan,
                title=title,
                owner=rep,
                due_on=DEMO_END + dt.timedelta(days=after),
                resources=resources,
                by=rep,
                scope=scope,
            )
            if status != step.status:
                action_step_update(step=step, status=status, by=rep, scope=scope)
            steps += 1
    return steps
