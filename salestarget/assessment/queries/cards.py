"""Scorecards as the pages and the API show them, scoped and anonymous.

What anyone but the reviewer sees of a review:
* peer and customer answers: only the group aggregate stored on the scorecard line, which is
  empty below the anonymity threshold (no count, no mean), never a rating or comment of one
  reviewer, never which reviewer gave what;
* the self-review: by the person; by anyone else only once it is submitted;
* the manager's review: its ratings count as the manager group's aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from salestarget.assessment.models import (
    AssessmentCycle,
    CycleStep,
    Review,
    ReviewStatus,
    Scorecard,
    ScorecardLine,
)
from salestarget.assessment.permissions import can_lead_card, can_run, is_own
from salestarget.core.scoring.weighting import ReviewerGroup
from salestarget.org.models import Person
from salestarget.org.scoping import Scope

CARD_RELATED = ("cycle", "person", "node", "manager", "template")


def cards_visible(scope: Scope) -> QuerySet[Scorecard]:
    """A rep: their own scorecards; a manager: theirs and their subtree's; whole-tree roles:
    everything in their scope."""
    own = Q(person_id=scope.person_id) if scope.person_id is not None else Q(pk__in=[])
    if scope.is_rep or not scope.sees_anything:
        return Scorecard.objects.filter(own)
    return Scorecard.objects.filter(own | scope.node_q("node"))


def cycles_visible(scope: Scope) -> QuerySet[AssessmentCycle]:
    if scope.everything:
        return AssessmentCycle.objects.all()
    return AssessmentCycle.objects.filter(
        pk__in=cards_visible(scope).values("cycle_id")
    ) | AssessmentCycle.objects.filter(scope.node_q("root"))


@dataclass
class GroupView:
    group: str
    answers: int
    mean: Decimal | None

    @property
    def shown(self) -> bool:
        return self.mean is not None


@dataclass
class LineView:
    line: ScorecardLine
    groups: list[GroupView]

    @property
    def item(self) -> Any:
        return self.line.item


@dataclass
class ReviewerView:
    """A reviewer as a leader of the scorecard sees them: who and whether they were asked —
    never what they answered."""

    review: Review
    name: str
    group: str
    status: str


@dataclass
class CardView:
    card: Scorecard
    lines: list[LineView]
    own: bool
    leads: bool
    self_review: Review | None
    self_visible: bool
    reviewers: list[ReviewerView] = field(default_factory=list)

    @property
    def missing_groups(self) -> list[str]:
        seen: list[str] = []
        for view in self.lines:
            for group in view.line.missing_groups:
                if group not in seen:
                    seen.append(group)
        return seen

    @property
    def scored(self) -> bool:
        """Whether the reviews are in and the scores final (from the proposal step on);
        before, only the measured items' figures so far mean anything."""
        return self.card.cycle.step_reached(CycleStep.PROPOSAL)

    @property
    def reweighting(self) -> str:
        """What the viewer is told about reviewer groups short of answers, whose weight goes
        to the others: "spread" once scored (to those who lead the card, and to the person
        from the feedback step on), "pending" to its leaders while the reviews are being
        given (they can still ask for them); nothing to the person during their
        self-review, who can do nothing about it, nor before the reviews step."""
        if not self.missing_groups:
            return ""
        if self.scored:
            shown = self.leads or self.card.cycle.step_reached(CycleStep.FEEDBACK)
            return "spread" if shown else ""
        if self.leads and self.card.cycle.step == CycleStep.REVIEWS:
            return "pending"
        return ""


def card_view(card: Scorecard, scope: Scope) -> CardView:
    """The scorecard as ``scope`` may see it (callers check ``can_view_card`` first)."""
    lines = [
        LineView(
            line,
            [
                GroupView(
                    g["group"],
                    int(g["answers"]),
                    None if g["mean"] is None else Decimal(g["mean"]),
                )
                for g in line.groups
            ],
        )
        for line in card.lines.select_related("item").order_by("item__sort_order", "item_id")
    ]
    own = is_own(scope, card)
    leads = can_lead_card(scope, card)
    self_review = card.reviews.filter(group=ReviewerGroup.SELF).first()
    self_visible = self_review is not None and (own or self_review.status == ReviewStatus.SUBMITTED)
    reviewers: list[ReviewerView] = []
    if leads:
        for review in card.reviews.filter(
            group__in=(ReviewerGroup.PEER, ReviewerGroup.CUSTOMER)
        ).select_related("reviewer", "customer"):
            who = (
                review.reviewer.name
                if review.reviewer
                else (review.customer.name if review.customer else "")
            )
            reviewers.append(ReviewerView(review, who, review.group, review.get_status_display()))
    elif own:
        # The person sees whom they nominated and whether the manager approved, not whether
        # a peer has answered yet.
        for review in card.reviews.filter(group=ReviewerGroup.PEER).select_related("reviewer"):
            state = (
                str(ReviewStatus(review.status).label)
                if review.status in (ReviewStatus.NOMINATED, ReviewStatus.DECLINED)
                else str(ReviewStatus.REQUESTED.label)
            )
            reviewers.append(
                ReviewerView(
                    review, review.reviewer.name if review.reviewer else "", review.group, state
                )
            )
    return CardView(card, lines, own, leads, self_review, self_visible, reviewers)


def self_answers(view: CardView) -> dict[int, int]:
    """The self-review's ratings by item, only when the viewer may see them."""
    if not view.self_visible or view.self_review is None:
        return {}
    return dict(view.self_review.answers.values_list("item_id", "rating"))


def reviews_to_give(person: Person) -> QuerySet[Review]:
    """The reviews ``person`` is asked to give in cycles still taking reviews."""
    return (
        Review.objects.filter(
            reviewer=person,
            status__in=(ReviewStatus.REQUESTED, ReviewStatus.SUBMITTED),
            scorecard__cycle__step__in=(CycleStep.SELF_REVIEW, CycleStep.REVIEWS),
        )
        .select_related("scorecard__person", "scorecard__cycle")
        .order_by("status", "scorecard__cycle__period_start")
    )


def nominations_to_decide(scope: Scope) -> list[Review]:
    pending = Review.objects.filter(status=ReviewStatus.NOMINATED).select_related(
        "scorecard__node", "scorecard__person", "scorecard__cycle", "reviewer"
    )
    return [
        r
        for r in pending.filter(scorecard__in=cards_visible(scope))
        if can_lead_card(scope, r.scorecard)
    ]


def team_cards(scope: Scope, cycle: AssessmentCycle) -> list[Scorecard]:
    """The scorecards of ``cycle`` below the viewer (not their own), with their interview
    and improvement plan (a plan is followed by the managers above too)."""
    qs = (
        cards_visible(scope)
        .filter(cycle=cycle)
        .select_related(*CARD_RELATED, "interview", "improvement_plan")
    )
    if scope.person_id is not None:
        qs = qs.exclude(person_id=scope.person_id)
    return list(qs.order_by("node__path", "person__employee_no"))


def grade_history(person: Person) -> list[Scorecard]:
    """A person's grades over the cycles that reached feedback, oldest first."""
    return list(
        Scorecard.objects.filter(
            person=person, cycle__step__in=(CycleStep.FEEDBACK, CycleStep.CLOSED)
        )
        .select_related("cycle")
        .order_by("cycle__period_start", "cycle__period_end")
    )


def runs_cycle(scope: Scope, cycle: AssessmentCycle) -> bool:
    return can_run(scope, cycle.root)
