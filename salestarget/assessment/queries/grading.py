"""A cycle's grade scale and distribution guideline as core objects, and grades for a period
(what the incentives bonus table reads)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from salestarget.assessment.models import AssessmentCycle, CycleStep, DistributionGroup, Scorecard
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


def distribution_group(cycle: AssessmentCycle, node_path: str, role: str) -> str:
    """The group a scorecard's grade is distributed in (``cycle.distribution_by``): the whole
    cycle, the org unit right under the cycle's root, the person's own node, or their role."""
    by = cycle.distribution_by
    if by == DistributionGroup.ROLE:
        return f"role:{role}"
    if by == DistributionGroup.NODE:
        return node_path
    if by == DistributionGroup.UNIT:
        depth = len([p for p in cycle.root.path.split("/") if p]) + 1
        parts = [p for p in node_path.split("/") if p][:depth]
        return "/" + "/".join(parts) + "/"
    return ""


def distribution_groups(cycle: AssessmentCycle, cards: QuerySet[Scorecard]) -> dict[int, str]:
    """``{scorecard id: its distribution group}`` for ``cards`` of ``cycle``, in one query."""
    return {
        pk: distribution_group(cycle, path, role)
        for pk, path, role in cards.values_list("pk", "node__path", "template__role")
    }


def grades_for_period(
    *, start: dt.date, end: dt.date, person_ids: list[int] | None = None
) -> dict[int, str]:
    """``{person_id: grade}`` of the closed (or in-feedback) cycles that cover exactly
    ``start..end``; people too new to rate or without a grade are absent. This is what a
    bonus table (grade → multiplier) reads (``incentives``); it performs no scoping: callers
    scope. Grades are final from the feedback step on (calibration is locked by then); when
    two cycles cover the same period for one person, the later-opened one wins."""
    qs = Scorecard.objects.filter(
        cycle__period_start=start,
        cycle__period_end=end,
        cycle__step__in=(CycleStep.FEEDBACK, CycleStep.CLOSED),
        too_new=False,
    ).exclude(grade="")
    if person_ids is not None:
        qs = qs.filter(person_id__in=person_ids)
    return dict(qs.order_by("cycle__created_at").values_list("person_id", "grade"))
