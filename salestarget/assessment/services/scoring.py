"""Computing a cycle's scorecards: scores from ``queries.scoring`` stored on each scorecard
and its lines, then grades for everyone rated, by the cycle's bands and guideline."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from salestarget.assessment.models import AssessmentCycle, Scorecard, ScorecardLine
from salestarget.assessment.permissions import require_run
from salestarget.assessment.queries.grading import (
    cycle_guideline,
    cycle_scale,
    distribution_groups,
)
from salestarget.assessment.queries.scoring import CardResult, cycle_results
from salestarget.core.scoring.grades import assign_grades_by_group
from salestarget.org.scoping import scope_for


@transaction.atomic
def scorecard_compute(
    *, cycle: AssessmentCycle, by: User | None = None, version: str | None = None
) -> list[CardResult]:
    """Recompute every scorecard of ``cycle`` (a person's manager proposal and calibrated
    grade are kept; only the computed figures and grade change). ``by`` None: the system."""
    if by is not None:
        require_run(scope_for(by), cycle.root)
    results = cycle_results(cycle, version=version)
    scores = {r.scorecard_id: (None if r.too_new else r.total) for r in results}
    groups = distribution_groups(cycle, Scorecard.objects.filter(cycle=cycle))
    by_group = assign_grades_by_group(scores, groups, cycle_scale(cycle), cycle_guideline(cycle))
    grades = {pk: grade for found in by_group.values() for pk, grade in found.grades.items()}
    now = timezone.now()
    cards = []
    lines: list[ScorecardLine] = []
    for r in results:
        cards.append(
            Scorecard(
                pk=r.scorecard_id,
                performance_score=r.performance,
                behaviour_score=r.behaviour,
                total_score=r.total,
                missing_items=r.missing_items,
                computed_grade=grades.get(r.scorecard_id, ""),
                computed_at=now,
            )
        )
        lines.extend(
            ScorecardLine(
                scorecard_id=r.scorecard_id,
                item_id=line.item_id,
                target=line.target,
                actual=line.actual,
                achievement=line.achievement,
                score=line.score,
                weight_used=line.weight_used,
                groups=line.groups,
                missing_groups=line.missing_groups,
            )
            for line in r.lines
        )
    Scorecard.objects.bulk_update(
        cards,
        [
            "performance_score",
            "behaviour_score",
            "total_score",
            "missing_items",
            "computed_grade",
            "computed_at",
        ],
        # Small batches: bulk_update writes one CASE per field whose cost grows with the batch.
        batch_size=100,
    )
    ScorecardLine.objects.filter(scorecard__cycle=cycle).delete()
    ScorecardLine.objects.bulk_create(lines, batch_size=1000)
    return results
