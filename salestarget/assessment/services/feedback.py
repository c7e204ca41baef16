"""Feedback interviews (绩效面谈): the manager records the talk, the person acknowledges or
comments. Improvement plans (改进计划) for low grades: goals, coaching actions with follow-up
dates, closed with an outcome; visible to the managers above through scoping."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.assessment.models import (
    CycleStep,
    FeedbackInterview,
    ImprovementAction,
    ImprovementPlan,
    PlanStatus,
    Scorecard,
)
from salestarget.assessment.permissions import is_own, require_lead_card
from salestarget.org.scoping import scope_for


@transaction.atomic
def interview_record(
    *, scorecard: Scorecard, held_on: dt.date, notes: str, by: User
) -> FeedbackInterview:
    card = Scorecard.objects.select_related("cycle", "node").get(pk=scorecard.pk)
    require_lead_card(scope_for(by), card)
    if not card.cycle.step_reached(CycleStep.FEEDBACK):
        raise ValidationError({"notes": _("校准完成后才能进行绩效面谈。")})
    if not notes.strip():
        raise ValidationError({"notes": _("请填写面谈记录。")})
    interview, _created = FeedbackInterview.objects.update_or_create(
        scorecard=card,
        defaults={"held_on": held_on, "notes": notes.strip(), "by": by, "acknowledged_at": None},
    )
    return interview


@transaction.atomic
def interview_acknowledge(
    *, interview: FeedbackInterview, by: User, comment: str = ""
) -> FeedbackInterview:
    """The person confirms the interview, optionally with their own comment."""
    interview = FeedbackInterview.objects.select_related("scorecard").get(pk=interview.pk)
    if not is_own(scope_for(by), interview.scorecard):
        raise PermissionDenied("only the person assessed acknowledges their interview")
    interview.acknowledged_at = timezone.now()
    interview.person_comment = comment.strip()[:4000]
    interview.save(update_fields=["acknowledged_at", "person_comment"])
    return interview


@transaction.atomic
def improvement_plan_open(*, scorecard: Scorecard, goals: str, by: User) -> ImprovementPlan:
    card = Scorecard.objects.select_related("cycle", "node").get(pk=scorecard.pk)
    require_lead_card(scope_for(by), card)
    if not goals.strip():
        raise ValidationError({"goals": _("请写明改进目标。")})
    if ImprovementPlan.objects.filter(scorecard=card).exists():
        raise ValidationError({"goals": _("这张考核表已有改进计划。")})
    return ImprovementPlan.objects.create(scorecard=card, goals=goals.strip(), opened_by=by)


@transaction.atomic
def improvement_action_add(
    *, plan: ImprovementPlan, description: str, follow_up_on: dt.date, by: User
) -> ImprovementAction:
    plan = ImprovementPlan.objects.select_related("scorecard__node", "scorecard__cycle").get(
        pk=plan.pk
    )
    require_lead_card(scope_for(by), plan.scorecard)
    if plan.status != PlanStatus.OPEN:
        raise ValidationError({"description": _("改进计划已关闭。")})
    if not description.strip():
        raise ValidationError({"description": _("请描述辅导行动。")})
    return ImprovementAction.objects.create(
        plan=plan, description=description.strip()[:300], follow_up_on=follow_up_on
    )


@transaction.atomic
def improvement_action_done(
    *, action: ImprovementAction, notes: str, by: User
) -> ImprovementAction:
    action = ImprovementAction.objects.select_related(
        "plan__scorecard__node", "plan__scorecard__cycle"
    ).get(pk=action.pk)
    require_lead_card(scope_for(by), action.plan.scorecard)
    action.done_at = timezone.now()
    action.notes = notes.strip()
    action.save(update_fields=["done_at", "notes"])
    return action


@transaction.atomic
def improvement_plan_close(*, plan: ImprovementPlan, outcome: str, by: User) -> ImprovementPlan:
    plan = ImprovementPlan.objects.select_related("scorecard__node", "scorecard__cycle").get(
        pk=plan.pk
    )
    require_lead_card(scope_for(by), plan.scorecard)
    if not outcome.strip():
        raise ValidationError({"outcome": _("关闭改进计划需要写明结果。")})
    if plan.actions.filter(done_at__isnull=True).exists():
        raise ValidationError({"outcome": _("还有未完成的辅导行动。")})
    plan.status = PlanStatus.CLOSED
    plan.outcome = outcome.strip()
    plan.closed_at = timezone.now()
    plan.save(update_fields=["status", "outcome", "closed_at"])
    return plan
