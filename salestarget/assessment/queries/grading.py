"""A cycle's grade scale and distribution guideline as core objects, and grades for a period
(what the incentives bonus table reads)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.assessment.models import AssessmentCycle, CycleStep, Scorecard
from salestarget.core.scoring.grades import (
    DistributionGuideline,
    Enforcement,
    GradeScale,
    scale_of,
)


def cycle_scale(cycle: AssessmentCycle) -> GradeScale:
    return scale_of([(str(code), str(minimum)) for code, minimum in cycle.grade_bands])


def cycle_guideline(cycle: AssessmentCycle) -> DistributionGuideline:
    return DistributionGuideline(
        {str(code): Decimal(str(share)) for code, share in cycle.distribution.items()},
        Enforcement(cycle.enforcement),
        min_group_size=max(cycle.min_group_size, 1),
    )


def grades_for_period(
    *, start: dt.date, end: dt.date, person_ids: list[int] | None = None
) -> dict[int, str]:
    """``{person_id: grade}`` of the closed (or in-feedback) cycles that cover exactly
    ``start..end``; people too new to rate or without a grade are absent. This is what a
    bonus table (grade → multiplier) reads; it performs no scoping: callers scope."""
    qs = Scorecard.objects.filter(
        cycle__period_start=start,
        cycle__period_end=end,
        cycle__step__in=(CycleStep.FEEDBACK, CycleStep.CLOSED),
        too_new=False,
    ).exclude(grade="")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return dict(qs.order_by("cycle__created_at").values_list("person_id", "grade"))
