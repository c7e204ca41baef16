"""What a calibration session shows: the grades against the guideline in each distribution
group the session covers (the chart's data: one chart per group, since the guideline holds
per group — the whole cycle, each unit, each team or each role) and a performance ×
behaviour grid (九宫格)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from salestarget.assessment.models import (
    CalibrationSession,
    DistributionGroup,
    GradeChange,
    Scorecard,
)
from salestarget.assessment.queries.grading import (
    cycle_guideline,
    cycle_scale,
    distribution_group,
)
from salestarget.core.scoring.grades import Deviation, count_grades, deviations
from salestarget.org.models import OrgNode, Role

# Grid bands: performance (the figures, 100 = on target) and behaviour (ratings, 0–100).
PERFORMANCE_BANDS = (Decimal(85), Decimal(100))
BEHAVIOUR_BANDS = (Decimal(50), Decimal(75))


@dataclass
class Distribution:
    grades: tuple[str, ...]
    counts: dict[str, int]
    expected: dict[str, int]
    deviations: tuple[Deviation, ...]
    binding: bool
    advisory: bool

    def chart(self) -> dict[str, object]:
        return {
            "grades": list(self.grades),
            "actual": [self.counts[g] for g in self.grades],
            "guideline": [self.expected[g] for g in self.grades],
        }


def session_cards(session: CalibrationSession) -> list[Scorecard]:
    return list(
        Scorecard.objects.filter(
            cycle_id=session.cycle_id, node__path__startswith=session.node.path
        )
        .select_related("person", "node", "cycle", "template")
        .order_by("-total_score", "person__employee_no")
    )


@dataclass
class GroupDistribution:
    """One distribution group of a session: its key (``grading.distribution_group``), a
    name to show and its grades against the guideline."""

    key: str
    label: str
    distribution: Distribution

    def chart(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "binding": self.distribution.binding,
            "deviates": bool(self.distribution.deviations),
            **self.distribution.chart(),
        }


def group_distributions(
    session: CalibrationSession, cards: list[Scorecard]
) -> list[GroupDistribution]:
    """The session's cards by the cycle's distribution group, each against the guideline at
    its own size (what ``calibration_lock`` checks), in the order of the groups' first card
    by org path; a session inside a single group has one."""
    cycle = session.cycle
    members: dict[str, list[Scorecard]] = {}
    for card in sorted(cards, key=lambda c: (c.node.path, c.pk)):
        key = distribution_group(cycle, card.node.path, card.template.role)
        members.setdefault(key, []).append(card)
    names = _group_names(cycle.distribution_by, members)
    return [
        GroupDistribution(key, names.get(key, key), distribution_of(session, found))
        for key, found in members.items()
    ]


def _group_names(by: str, members: dict[str, list[Scorecard]]) -> dict[str, str]:
    if by == DistributionGroup.ROLE:
        return {key: str(Role(key.removeprefix("role:")).label) for key in members}
    if by in (DistributionGroup.NODE, DistributionGroup.UNIT):
        paths = list(members)
        return dict(OrgNode.objects.filter(path__in=paths).values_list("path", "name"))
    return dict.fromkeys(members, _("全体"))


def distribution_of(session: CalibrationSession, cards: list[Scorecard]) -> Distribution:
    scale = cycle_scale(session.cycle)
    guideline = cycle_guideline(session.cycle)
    graded = {c.pk: c.current_grade for c in cards if not c.too_new and c.current_grade}
    binding = guideline.binding(len(graded))
    return Distribution(
        scale.codes,
        count_grades(scale, graded),
        guideline.expected_counts(scale, len(graded)),
        deviations(scale, guideline, graded),
        binding,
        guideline.enforcement.value == "enforced" and not binding,
    )


def _band(score: Decimal | None, bands: tuple[Decimal, Decimal]) -> int | None:
    if score is None:
        return None
    return 0 if score < bands[0] else 1 if score < bands[1] else 2


def grid_of(cards: list[Scorecard]) -> list[list[list[Scorecard]]]:
    """``grid[performance][behaviour]``, each 0 (low) to 2 (high); people without both
    scores are left out."""
    grid: list[list[list[Scorecard]]] = [[[] for _b in range(3)] for _p in range(3)]
    for card in cards:
        p = _band(card.performance_score, PERFORMANCE_BANDS)
        b = _band(card.behaviour_score, BEHAVIOUR_BANDS)
        if p is not None and b is not None and not card.too_new:
            grid[p][b].append(card)
    return grid


def session_changes(session: CalibrationSession) -> list[GradeChange]:
    return list(
        GradeChange.objects.filter(session=session).select_related("scorecard__person", "by")
    )
