"""Action plans (行动计划) over the API, with the pages' rules: a plan is read by whoever reads
its target, changed by its owner and the managers who plan the target's node; a step's owner
moves their step. The weekly meeting's list is for leaders.

(No ``from __future__ import annotations``: django-ninja reads the schemas' annotations.)
"""

import datetime as dt
from typing import Annotated, Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from salestarget.activities.models import ActionPlan, ActionStep
from salestarget.activities.queries.plans import (
    is_overdue,
    meeting_view,
    plan_people,
    plan_steps,
    plans_list,
    plans_visible,
    steps_visible,
)
from salestarget.activities.services.plans import (
    action_plan_start,
    action_step_add,
    action_step_update,
)
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.targets.queries.plans import targets_visible
from salestarget.ui.params import Id, path_id

router = Router(tags=["activities"])
TargetId = Annotated[int, path_id("the target the plan is for")]
StepId = Annotated[int, path_id("the action step")]
StepStatusValue = Literal["todo", "doing", "done", "dropped"]


class StepChangeOut(Schema):
    old_status: str
    new_status: str
    at: dt.datetime


class ActionStepOut(Schema):
    id: int
    title: str
    owner_id: int
    owner: str
    due_on: dt.date
    status: str
    resources: str
    overdue: bool


class ActionPlanOut(Schema):
    target_id: int
    target: str
    owner_id: int
    owner: str
    seeded_from_draft: bool
    steps: list[ActionStepOut]


class ActionPlanSummaryOut(Schema):
    target_id: int
    target: str
    owner: str
    open: int
    overdue: int
    done: int


class MeetingStepOut(ActionStepOut):
    target_id: int
    target: str
    changes: list[StepChangeOut] = Field(description="status changes of the last seven days")


class MeetingOut(Schema):
    overdue: int
    open: int
    closed_this_week: int
    steps: list[MeetingStepOut] = Field(description="overdue first, then open by due date")


class ActionStepIn(Schema):
    title: str = Field(max_length=200)
    due_on: dt.date
    owner_id: Id | None = Field(None, description="the step's owner (default: the plan's)")
    resources: str = Field("", max_length=2000)

    model_config = ConfigDict(extra="forbid")


class ActionStepPatch(Schema):
    status: StepStatusValue | None = None
    due_on: dt.date | None = None

    model_config = ConfigDict(extra="forbid")


def _step(step: ActionStep, today: dt.date) -> dict[str, object]:
    return {
        "id": step.pk,
        "title": step.title,
        "owner_id": step.owner_id,
        "owner": step.owner.name,
        "due_on": step.due_on,
        "status": step.status,
        "resources": step.resources,
        "overdue": is_overdue(step, today),
    }


def _plan(plan: ActionPlan) -> dict[str, object]:
    today = timezone.localdate()
    return {
        "target_id": plan.target_id,
        "target": plan.target.label,
        "owner_id": plan.owner_id,
        "owner": plan.owner.name,
        "seeded_from_draft": plan.draft_id is not None,
        "steps": [_step(s, today) for s in plan_steps(plan)],
    }


def _me(request: HttpRequest) -> Person | None:
    return Person.objects.filter(user_id=request.user.pk or -1, is_active=True).first()


def _plan_of(request: HttpRequest, target_id: int) -> ActionPlan:
    plan = plans_visible(request_scope(request)).filter(target_id=target_id).first()
    if plan is None:
        raise Http404
    return plan


@router.get("/plans", response=list[ActionPlanSummaryOut], summary="The action plans you see")
def list_plans(request: HttpRequest) -> list[dict[str, object]]:
    rows = plans_list(request_scope(request), today=timezone.localdate())
    return [
        {
            "target_id": r.plan.target_id,
            "target": r.plan.target.label,
            "owner": r.plan.owner.name,
            "open": r.open,
            "overdue": r.overdue,
            "done": r.done,
        }
        for r in rows
    ]


@router.get("/plans/meeting", response=MeetingOut, summary="The weekly meeting's steps")
def plans_meeting(request: HttpRequest) -> dict[str, object]:
    scope = request_scope(request)
    if not scope.root_paths and not scope.everything:
        raise PermissionDenied("the weekly meeting view is for managers")
    today = timezone.localdate()
    meeting = meeting_view(scope, now=timezone.now(), today=today)
    steps = [
        {
            **_step(row.step, today),
            "overdue": row.overdue,
            "target_id": row.step.plan.target_id,
            "target": row.step.plan.target.label,
            "changes": [
                {"old_status": c.old_status, "new_status": c.new_status, "at": c.at}
                for c in row.changes
            ],
        }
        for row in meeting.steps
    ]
    return {
        "overdue": meeting.overdue,
        "open": meeting.open,
        "closed_this_week": meeting.closed_this_week,
        "steps": steps,
    }


@router.get("/plans/{target_id}", response=ActionPlanOut, summary="A target's action plan")
def get_plan(request: HttpRequest, target_id: TargetId) -> dict[str, object]:
    return _plan(_plan_of(request, target_id))


@router.post(
    "/plans/{target_id}",
    response={201: ActionPlanOut},
    summary="Start a target's action plan (seeded from its draft; the existing one if any)",
)
def start_plan(request: HttpRequest, target_id: TargetId) -> Status[dict[str, object]]:
    scope = request_scope(request)
    target = targets_visible(scope).filter(pk=target_id).first()
    if target is None:
        raise Http404
    assert isinstance(request.user, User)
    plan = action_plan_start(target=target, by=request.user, scope=scope)
    return Status(201, _plan(plans_visible(scope).get(pk=plan.pk)))


@router.post(
    "/plans/{target_id}/steps", response={201: ActionStepOut}, summary="Add a step to a plan"
)
def add_step(
    request: HttpRequest, target_id: TargetId, payload: ActionStepIn
) -> Status[dict[str, object]]:
    scope = request_scope(request)
    plan = _plan_of(request, target_id)
    owner = plan.owner
    if payload.owner_id is not None:
        found = plan_people(scope, plan, today=timezone.localdate()).filter(pk=payload.owner_id)
        owner = found.first() or _refused(payload.owner_id)
    step = action_step_add(
        plan=plan,
        title=payload.title,
        owner=owner,
        due_on=payload.due_on,
        resources=payload.resources,
        by=_me(request),
        scope=scope,
    )
    return Status(201, _step(step, timezone.localdate()))


def _refused(person_id: int) -> Person:
    raise PermissionDenied(f"person {person_id} is outside your scope")


@router.patch("/steps/{step_id}", response=ActionStepOut, summary="Move a step along")
def update_step(
    request: HttpRequest, step_id: StepId, payload: ActionStepPatch
) -> dict[str, object]:
    scope = request_scope(request)
    step = steps_visible(scope).select_related("plan__target", "owner").filter(pk=step_id).first()
    if step is None:
        raise Http404
    action_step_update(
        step=step, status=payload.status, due_on=payload.due_on, by=_me(request), scope=scope
    )
    return _step(step, timezone.localdate())
