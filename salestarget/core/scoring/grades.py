"""Grades (等级, e.g. S/A/B/C/D) from total scores: by score bands, or by rank under a
distribution guideline (强制分布, e.g. 10/20/40/20/10).

A guideline is either a *warning* (grades come from the bands; where the counts differ from
the guideline the difference is reported) or *enforced* (grades are handed out by rank so the
counts are exactly the guideline's, computed by largest remainder so they add up to the
group's size). Below ``min_group_size`` a guideline is only advisory: in a team of four,
10% S is not a person.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise
from typing import Generic, TypeVar

from salestarget.core.largest_remainder import split_minor_units
from salestarget.core.money import to_minor
from salestarget.core.scoring.weighting import WEIGHT_PLACES, check_weights

K = TypeVar("K", bound=Hashable)
G = TypeVar("G", bound=Hashable)


@dataclass(frozen=True)
class GradeBand:
    """``code`` (the company's own name: S, A, 优秀 …) from ``min_score`` points upwards."""

    code: str
    min_score: Decimal


@dataclass(frozen=True)
class GradeScale:
    """The grades, best first, each with the lowest score that earns it; the last band
    catches every score below the others."""

    bands: tuple[GradeBand, ...]

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError("a grade scale needs at least one grade")
        codes = [b.code for b in self.bands]
        if len(set(codes)) != len(codes):
            raise ValueError(f"grade names must differ, got {codes}")
        minimums = [b.min_score for b in self.bands]
        if any(a <= b for a, b in pairwise(minimums)):
            raise ValueError("grades are listed best first, each needing a lower score")

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(b.code for b in self.bands)

    def grade_for(self, score: Decimal) -> str:
        for band in self.bands:
            if score >= band.min_score:
                return band.code
        return self.bands[-1].code

    def rank_of(self, code: str) -> int:
        """0 for the best grade."""
        return self.codes.index(code)


def scale_of(pairs: Sequence[tuple[str, Decimal | int | str]]) -> GradeScale:
    """``scale_of([("S", 110), ("A", 100), …])``."""
    return GradeScale(tuple(GradeBand(c, Decimal(m)) for c, m in pairs))


class Enforcement(StrEnum):
    WARNING = "warning"  # 建议分布: report the difference
    ENFORCED = "enforced"  # 强制分布: grades by rank, counts exactly the guideline's


@dataclass(frozen=True)
class DistributionGuideline:
    """The share (percent) of the group each grade should get, e.g. S 10, A 20, B 40, C 20,
    D 10; shares add up to 100."""

    shares: Mapping[str, Decimal]
    enforcement: Enforcement = Enforcement.WARNING
    min_group_size: int = 10

    def __post_init__(self) -> None:
        check_weights(self.shares, "distribution shares")
        if self.min_group_size < 1:
            raise ValueError(f"a minimum group size is at least 1, got {self.min_group_size}")

    def check_scale(self, scale: GradeScale) -> None:
        unknown = set(self.shares) - set(scale.codes)
        if unknown:
            raise ValueError(f"the guideline names grades the scale lacks: {sorted(unknown)}")

    def expected_counts(self, scale: GradeScale, size: int) -> dict[str, int]:
        """How many of ``size`` people each grade should get; adds up to ``size`` exactly."""
        self.check_scale(scale)
        if size < 0:
            raise ValueError(f"a group size cannot be negative, got {size}")
        units = [to_minor(Decimal(self.shares.get(c, 0)), WEIGHT_PLACES) for c in scale.codes]
        return dict(zip(scale.codes, split_minor_units(size, units), strict=True))

    def binding(self, size: int) -> bool:
        """Whether the guideline is enforced for a group of ``size`` people."""
        return self.enforcement is Enforcement.ENFORCED and size >= self.min_group_size


@dataclass(frozen=True)
class Deviation:
    """A grade whose count is not the guideline's."""

    grade: str
    count: int
    expected: int


@dataclass(frozen=True)
class GradeAssignment(Generic[K]):
    grades: dict[K, str]
    counts: dict[str, int]
    expected: dict[str, int] | None = None
    deviations: tuple[Deviation, ...] = ()
    by_rank: bool = False
    advisory: bool = False  # a guideline that would bind, but the group is too small
    unrated: tuple[K, ...] = field(default=())


def count_grades(scale: GradeScale, grades: Mapping[K, str]) -> dict[str, int]:
    counts = dict.fromkeys(scale.codes, 0)
    for code in grades.values():
        counts[code] += 1
    return counts


def deviations(
    scale: GradeScale, guideline: DistributionGuideline, grades: Mapping[K, str]
) -> tuple[Deviation, ...]:
    expected = guideline.expected_counts(scale, len(grades))
    counts = count_grades(scale, grades)
    return tuple(
        Deviation(code, counts[code], expected[code])
        for code in scale.codes
        if counts[code] != expected[code]
    )


class DistributionError(ValueError):
    """Grades that break an enforced distribution."""

    def __init__(self, found: tuple[Deviation, ...]) -> None:
        self.deviations = found
        detail = ", ".join(f"{d.grade}: {d.count} (guideline {d.expected})" for d in found)
        super().__init__(f"the grades break the enforced distribution: {detail}")


def check_distribution(
    scale: GradeScale, guideline: DistributionGuideline, grades: Mapping[K, str]
) -> tuple[Deviation, ...]:
    """The deviations; raises ``DistributionError`` if the guideline binds this group."""
    found = deviations(scale, guideline, grades)
    if found and guideline.binding(len(grades)):
        raise DistributionError(found)
    return found


def assign_grades(
    scores: Mapping[K, Decimal | None],
    scale: GradeScale,
    guideline: DistributionGuideline | None = None,
    *,
    by_rank: bool = False,
) -> GradeAssignment[K]:
    """Grades for the people of one group.

    People without a score (too new to rate, nothing scored) get no grade and are listed in
    ``unrated``. With an enforced guideline that binds the group (or ``by_rank``), grades go
    by rank: the best ``expected[S]`` scores get S and so on; equal scores at a boundary are
    split in the order the scores were given. Otherwise grades come from the bands and any
    difference from the guideline is reported.
    """
    rated = [k for k, s in scores.items() if s is not None]
    unrated = tuple(k for k, s in scores.items() if s is None)
    if guideline is None:
        grades = {k: scale.grade_for(_score(scores, k)) for k in rated}
        return GradeAssignment(grades, count_grades(scale, grades), unrated=unrated)
    expected = guideline.expected_counts(scale, len(rated))
    binding = guideline.binding(len(rated))
    advisory = guideline.enforcement is Enforcement.ENFORCED and not binding
    if binding or by_rank:
        order = sorted(range(len(rated)), key=lambda i: (-_score(scores, rated[i]), i))
        grades = {}
        position = 0
        for code in scale.codes:
            for i in order[position : position + expected[code]]:
                grades[rated[i]] = code
            position += expected[code]
        grades = {k: grades[k] for k in rated}
    else:
        grades = {k: scale.grade_for(_score(scores, k)) for k in rated}
    return GradeAssignment(
        grades,
        count_grades(scale, grades),
        expected,
        deviations(scale, guideline, grades),
        by_rank=binding or by_rank,
        advisory=advisory,
        unrated=unrated,
    )


def assign_grades_by_group(
    scores: Mapping[K, Decimal | None],
    group_of: Mapping[K, G],
    scale: GradeScale,
    guideline: DistributionGuideline | None = None,
) -> dict[G, GradeAssignment[K]]:
    """``assign_grades`` within each group (a distribution per org unit or role, 分组强制分布):
    the guideline binds, or is advisory, by each group's own size, and ranks compete only
    inside their group. Every key of ``scores`` needs a group."""
    members: dict[G, dict[K, Decimal | None]] = {}
    for key, score in scores.items():
        members.setdefault(group_of[key], {})[key] = score
    return {group: assign_grades(found, scale, guideline) for group, found in members.items()}


def check_distribution_by_group(
    scale: GradeScale,
    guideline: DistributionGuideline,
    grades: Mapping[K, str],
    group_of: Mapping[K, G],
) -> dict[G, tuple[Deviation, ...]]:
    """``check_distribution`` per group: the deviations of every group; raises
    ``DistributionError`` for the first group the guideline binds and whose grades break it."""
    members: dict[G, dict[K, str]] = {}
    for key, grade in grades.items():
        members.setdefault(group_of[key], {})[key] = grade
    return {group: check_distribution(scale, guideline, found) for group, found in members.items()}


def _score(scores: Mapping[K, Decimal | None], key: K) -> Decimal:
    value = scores[key]
    assert value is not None
    return value
