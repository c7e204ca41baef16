"""How a cycle's reviews stand while they are being given: per reviewer group how many are
in and how many still owed, and the reviewers who owe the most — the page a cycle's owner
reads to chase them before the step closes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from salestarget.assessment.models import AssessmentCycle, Review, ReviewStatus
from salestarget.core.scoring.weighting import ReviewerGroup

OWING_SHOWN = 20  # reviewers listed; the rest are counted


@dataclass(frozen=True)
class GroupProgress:
    group: str
    submitted: int
    owed: int  # requested, not yet answered (a nomination awaiting approval is not owed yet)


@dataclass(frozen=True)
class Owing:
    name: str
    owed: int


@dataclass(frozen=True)
class ReviewProgress:
    groups: list[GroupProgress]
    owing: list[Owing]  # the reviewers (people) owing most, most first
    owing_people: int  # how many people owe any
    customers_owed: int  # customer invitations not yet answered


def review_progress(cycle: AssessmentCycle) -> ReviewProgress:
    """Two grouped queries over the cycle's reviews, whatever its size."""
    reviews = Review.objects.filter(scorecard__cycle=cycle)
    owed = Q(status=ReviewStatus.REQUESTED)
    counts = {
        row["group"]: row
        for row in reviews.values("group").annotate(
            submitted=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED)),
            owed=Count("pk", filter=owed),
        )
    }
    groups = [
        GroupProgress(group.value, counts[group.value]["submitted"], counts[group.value]["owed"])
        for group in ReviewerGroup
        if group.value in counts
    ]
    people = (
        reviews.filter(owed, reviewer__isnull=False)
        .values("reviewer__name")
        .annotate(owed=Count("pk"))
        .order_by("-owed", "reviewer__name")
    )
    owing = [Owing(row["reviewer__name"], row["owed"]) for row in people[:OWING_SHOWN]]
    customers = counts.get(ReviewerGroup.CUSTOMER.value, {"owed": 0})["owed"]
    return ReviewProgress(groups, owing, people.count(), customers)
