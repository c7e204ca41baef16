"""Assessment over the API (/api/assessment/): cycles, scorecards (anonymous aggregates only),
the reviews one is asked to give and their submission, a manager's proposal, grades for a
period and a person's grade history — the same services, scoping and anonymity as the pages:
a rep sees their own results and never who said what, a manager their subtree, peers
nothing of each other."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema

from salestarget.assessment.models import CycleStep, Review, Scorecard
from salestarget.assessment.permissions import can_view_card
from salestarget.assessment.queries.cards import (
    CARD_RELATED,
    card_view,
    cards_visible,
    grade_history,
    reviews_to_give,
    self_answers,
)
from salestarget.assessment.queries.grading import grades_for_period
from salestarget.assessment.services.calibration import grade_propose
from salestarget.assessment.services.reviews import review_submit
from salestarget.org.models import Person
from salestarget.org.scoping import request_scope
from salestarget.ui.params import path_id, query_id, query_param

router = Router()
ScorecardId = Annotated[int, path_id("the scorecard")]
ReviewId = Annotated[int, path_id("the review")]
PersonId = Annotated[int, path_id("the person")]


class CardOut(Schema):
    id: int
    cycle_id: int
    person_id: int
    person: str
    node: str
    too_new: bool
    performance_score: Decimal | None
    behaviour_score: Decimal | None
    total_score: Decimal | None
    grade: str | None  # withheld from the person until feedback
    scored: bool = Field(
        description="whether the reviews are in and the scores final (from the proposal "
        "step on); before, only the measured items' figures so far mean anything"
    )
    computed_at: dt.datetime | None = Field(description="when the figures were computed")


class GroupOut(Schema):
    group: str
    answers: int
    mean: Decimal | None


class ScorecardLineOut(Schema):
    item_id: int
    item: str
    kind: str
    weight: Decimal
    target: Decimal | None
    actual: Decimal | None
    achievement: Decimal | None
    score: Decimal | None
    groups: list[GroupOut]
    missing_groups: list[str]


class CardDetailOut(CardOut):
    lines: list[ScorecardLineOut]
    missing_items: list[int]
    self_review: dict[int, int]
    reweighting: str = Field(
        description="for this reader: 'spread' (groups short of answers had their weight "
        "spread over the others), 'pending' (they will, if still short when reviews close; "
        "to the card's leaders during the reviews step) or '' (nothing to tell)"
    )


class ReviewOut(Schema):
    id: int
    scorecard_id: int
    person: str
    group: str
    status: str
    cycle: str


class AnswersIn(Schema):
    ratings: dict[int, int]
    comment: str = ""


class GradeIn(Schema):
    grade: str
    reason: str = ""


class GradeOut(Schema):
    person_id: int
    grade: str


class HistoryOut(Schema):
    cycle_id: int
    period: str
    total_score: Decimal | None
    grade: str


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def _card_out(card: Scorecard, request: HttpRequest) -> dict[str, object]:
    scope = request_scope(request)
    own = scope.person_id == card.person_id
    grade_shown = not own or card.cycle.step_reached("feedback")
    return {
        "id": card.pk,
        "cycle_id": card.cycle_id,
        "person_id": card.person_id,
        "person": card.person.name,
        "node": card.node.name,
        "too_new": card.too_new,
        "performance_score": card.performance_score,
        "behaviour_score": card.behaviour_score,
        "total_score": card.total_score,
        "grade": (card.current_grade or None) if grade_shown else None,
        "scored": card.cycle.step_reached(CycleStep.PROPOSAL),
        "computed_at": card.computed_at,
    }


def _card_for(request: HttpRequest, pk: int) -> Scorecard:
    card = Scorecard.objects.select_related(*CARD_RELATED).filter(pk=pk).first()
    if card is None or not can_view_card(request_scope(request), card):
        raise Http404
    return card


@router.get("/scorecards", response=list[CardOut])
def scorecards(
    request: HttpRequest,
    cycle: int | None = query_id("only the scorecards of this assessment cycle"),
) -> list[dict[str, object]]:
    qs = cards_visible(request_scope(request)).select_related(*CARD_RELATED)
    if cycle is not None:
        qs = qs.filter(cycle_id=cycle)
    return [_card_out(c, request) for c in qs.order_by("cycle_id", "node__path", "person_id")]


@router.get("/scorecards/{pk}", response=CardDetailOut)
def scorecard(request: HttpRequest, pk: ScorecardId) -> dict[str, object]:
    card = _card_for(request, pk)
    view = card_view(card, request_scope(request))
    return {
        **_card_out(card, request),
        "missing_items": card.missing_items,
        "self_review": self_answers(view),
        "reweighting": view.reweighting,
        "lines": [
            {
                "item_id": lv.line.item_id,
                "item": lv.item.name,
                "kind": lv.item.kind,
                "weight": lv.item.weight,
                "target": lv.line.target,
                "actual": lv.line.actual,
                "achievement": lv.line.achievement,
                "score": lv.line.score,
                "groups": [
                    {"group": g.group, "answers": g.answers, "mean": g.mean} for g in lv.groups
                ],
                "missing_groups": lv.line.missing_groups,
            }
            for lv in view.lines
        ],
    }


@router.post("/scorecards/{pk}/grade", response=CardOut)
def propose(request: HttpRequest, pk: ScorecardId, payload: GradeIn) -> dict[str, object]:
    card = _card_for(request, pk)
    card = grade_propose(
        scorecard=card, grade=payload.grade, reason=payload.reason, by=_user(request)
    )
    return _card_out(_card_for(request, card.pk), request)


@router.get("/reviews/mine", response=list[ReviewOut])
def my_reviews(request: HttpRequest) -> list[dict[str, object]]:
    scope = request_scope(request)
    person = Person.objects.filter(
        pk=scope.person_id if scope.person_id is not None else -1
    ).first()
    if person is None:
        return []
    return [
        {
            "id": r.pk,
            "scorecard_id": r.scorecard_id,
            "person": r.scorecard.person.name,
            "group": r.group,
            "status": r.status,
            "cycle": r.scorecard.cycle.name,
        }
        for r in reviews_to_give(person)
    ]


@router.post("/reviews/{pk}/submit", response=ReviewOut)
def submit(request: HttpRequest, pk: ReviewId, payload: AnswersIn) -> dict[str, object]:
    scope = request_scope(request)
    review = Review.objects.filter(pk=pk, reviewer_id=scope.person_id or -1).first()
    if review is None:
        raise Http404
    review = review_submit(
        review=review, answers=payload.ratings, comment=payload.comment, by=_user(request)
    )
    review = Review.objects.select_related("scorecard__person", "scorecard__cycle").get(
        pk=review.pk
    )
    return {
        "id": review.pk,
        "scorecard_id": review.scorecard_id,
        "person": review.scorecard.person.name,
        "group": review.group,
        "status": review.status,
        "cycle": review.scorecard.cycle.name,
    }


@router.get("/grades", response=list[GradeOut])
def grades(
    request: HttpRequest,
    start: dt.date = query_param(..., description="the first day of the periods graded"),
    end: dt.date = query_param(..., description="the last day of the periods graded"),
) -> list[dict[str, object]]:
    """Final grades of the cycles covering exactly ``start..end`` for the people in scope."""
    people = list(request_scope(request).people().values_list("pk", flat=True))
    found = grades_for_period(start=start, end=end, person_ids=people)
    return [{"person_id": pk, "grade": grade} for pk, grade in sorted(found.items())]


@router.get("/people/{pk}/history", response=list[HistoryOut])
def history(request: HttpRequest, pk: PersonId) -> list[dict[str, object]]:
    person = Person.objects.filter(pk=pk).first()
    if person is None or not request_scope(request).can_view_person(person):
        raise Http404
    return [
        {
            "cycle_id": c.cycle_id,
            "period": c.cycle.period,
            "total_score": c.total_score,
            "grade": c.grade,
        }
        for c in grade_history(person)
    ]
