"""Work lists: what awaits the caller's approval, drafts and rounds, planning steps, and the
home page's targets panel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from salestarget.org.models import Membership, Person
from salestarget.org.scoping import Scope
from salestarget.targets.axes import DIMENSION_AXES, TARGET_RELATED
from salestarget.targets.models import (
    AdjustmentRequest,
    DraftRound,
    DraftStatus,
    PlanningStep,
    RoundStatus,
    Status,
    Target,
    TargetDraft,
    TargetPlan,
)
from salestarget.targets.permissions import can_decide_adjustment, is_above, target_q
from salestarget.targets.queries.plans import plans_visible, targets_visible


def decompositions_awaiting(scope: Scope) -> list[Target]:
    """Targets whose children were submitted and that ``scope`` may approve."""
    parents = (
        Target.objects.filter(target_q(scope), children__status=Status.SUBMITTED)
        .distinct()
        .select_related(*TARGET_RELATED, "plan", "split_by")
    )
    return [t for t in parents if t.node is not None and is_above(scope, t.node)]


def plans_awaiting(scope: Scope) -> list[TargetPlan]:
    plans = TargetPlan.objects.filter(status=Status.SUBMITTED).select_related("scope_node", "owner")
    return [p for p in plans if is_above(scope, p.scope_node)]


def adjustments_visible(scope: Scope) -> QuerySet[AdjustmentRequest]:
    return (
        AdjustmentRequest.objects.filter(
            Q(target__in=Target.objects.filter(target_q(scope)))
            | Q(requested_by__person__pk=scope.person_id)
        )
        .select_related("target__node", "target__person", "plan", "requested_by", "decided_by")
        .distinct()
    )


def adjustments_awaiting(scope: Scope, user_id: int) -> list[AdjustmentRequest]:
    pending = adjustments_visible(scope).filter(state=AdjustmentRequest.State.PENDING)
    user = User.objects.get(pk=user_id)
    return [a for a in pending if can_decide_adjustment(user, a)]


def rounds_visible(scope: Scope) -> QuerySet[DraftRound]:
    return (
        DraftRound.objects.filter(target__in=Target.objects.filter(target_q(scope)))
        .select_related("target__node", "target__plan", "opened_by")
        .prefetch_related(Prefetch("drafts", queryset=TargetDraft.objects.select_related("person")))
    )


def drafts_of(person: Person) -> QuerySet[TargetDraft]:
    return (
        TargetDraft.objects.filter(person=person)
        .select_related("round__target__node", "round__target__plan")
        .order_by("-round__opened_at")
    )


def steps_visible(scope: Scope) -> QuerySet[PlanningStep]:
    qs = PlanningStep.objects.select_related("cycle__plan", "node", "responsible", "escalated_to")
    if scope.everything:
        return qs
    own = Q(responsible_id=scope.person_id) | Q(escalated_to_id=scope.person_id)
    if scope.is_rep or not scope.root_paths:
        return qs.filter(own)
    return qs.filter(scope.node_q("node") | own)


@dataclass
class HomeWork:
    """The home page's targets panel: the person's targets running today, drafts waiting
    for them, how much awaits their approval, overdue planning steps in their scope."""

    current: list[Target]
    drafts: list[TargetDraft]
    reviews: list[DraftRound]  # open rounds with submitted drafts to review (``to_review``)
    approvals: int
    overdue_steps: list[PlanningStep]
    plans: int

    @property
    def empty(self) -> bool:
        return not (
            self.current or self.drafts or self.reviews or self.approvals or self.overdue_steps
        )


HOME_ROWS = 6


def home_work(scope: Scope, user_id: int, today: dt.date) -> HomeWork:
    current: list[Target] = []
    drafts: list[TargetDraft] = []
    if scope.person_id is not None:
        led = Membership.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=today),
            person_id=scope.person_id,
            is_manager=True,
            valid_from__lte=today,
        ).values("node_id")
        # Their own targets, and a manager's the whole units they lead carry (no dimension).
        whole_unit = Q(node_id__in=led, person__isnull=True, **dict.fromkeys(DIMENSION_AXES, None))
        current = list(
            targets_visible(scope)
            .filter(Q(person_id=scope.person_id) | whole_unit)
            .filter(period_start__lte=today, period_end__gte=today)
            .select_related("plan", "node")
            .order_by(F("person_id").asc(nulls_last=True), "period_end", "plan_id")[:HOME_ROWS]
        )
        drafts = list(
            TargetDraft.objects.filter(
                person_id=scope.person_id,
                round__status=RoundStatus.OPEN,
                status__in=[DraftStatus.PENDING, DraftStatus.RETURNED],
            ).select_related("round__target__node", "round__target__plan")[:HOME_ROWS]
        )
    approvals = 0
    reviews: list[DraftRound] = []
    if not scope.is_rep:
        reviews = list(
            DraftRound.objects.filter(
                target__in=Target.objects.filter(target_q(scope)), status=RoundStatus.OPEN
            )
            .annotate(to_review=Count("drafts", filter=Q(drafts__status=DraftStatus.SUBMITTED)))
            .filter(to_review__gt=0)
            .select_related("target__node", "target__plan")
            .order_by("deadline")[:HOME_ROWS]
        )
        approvals = (
            len(plans_awaiting(scope))
            + len(decompositions_awaiting(scope))
            + len(adjustments_awaiting(scope, user_id))
        )
    overdue = list(
        steps_visible(scope).filter(done_at__isnull=True, due_at__lt=timezone.now())[:HOME_ROWS]
    )
    return HomeWork(current, drafts, reviews, approvals, overdue, plans_visible(scope).count())
