"""Attainment rankings for the reports (战报, 周报, 月报): who stands where against their target.

Amounts alone reward the biggest territories; the reports also rank people and units by 完成率
— this month's actual to date against this month's target — beside the month's time progress,
so a rep with a small patch who is ahead of the calendar shows up. Outliers (``core.outliers``:
an absurd achievement, a tiny target) are listed apart with their reasons, never ranked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from salestarget.core.metrics import BUILTIN_METRICS
from salestarget.core.money import quantize
from salestarget.core.periods import Period, PeriodKind
from salestarget.org.models import OrgNode
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.tracking.queries.context import default_progress
from salestarget.tracking.queries.leaderboard import Entry, leaderboard

REVENUE = BUILTIN_METRICS["revenue"]


@dataclass(frozen=True)
class AttainmentRow:
    entry: Entry
    time_progress: Decimal

    @property
    def lead_points(self) -> Decimal | None:
        """Achievement minus time progress, in percentage points (positive: ahead)."""
        if self.entry.achievement is None:
            return None
        return quantize((self.entry.achievement - self.time_progress) * 100, 1)


@dataclass
class Attainment:
    month: Period
    end: dt.date
    time_progress: Decimal
    people: list[AttainmentRow] = field(default_factory=list)
    teams: list[AttainmentRow] = field(default_factory=list)
    outliers: list[Entry] = field(default_factory=list)


def month_attainment(
    *, within: OrgNode | None, at: dt.date, team_level: str, version: str, top: int = 10
) -> Attainment:
    """The month of ``at``: its time progress, and people and units of ``within``'s subtree
    ranked by achievement of their month target (month to ``at``), the best ``top`` people."""
    month = fiscal_calendar().period_of(PeriodKind.MONTH, at)
    progress, _remaining = default_progress(REVENUE, (month.start, month.end)).at(month, at)
    out = Attainment(month=month, end=at, time_progress=progress)

    def ranked(level: str) -> list[Entry]:
        return leaderboard(
            metric=REVENUE,
            start=month.start,
            end=at,
            level=level,
            by="achievement",
            within=within,
            period_end=month.end,
            version=version,
        ).entries

    people = ranked("people")
    out.people = [AttainmentRow(e, progress) for e in people if e.rank is not None][:top]
    out.teams = [AttainmentRow(e, progress) for e in ranked(team_level) if e.rank is not None]
    out.outliers = [e for e in people if e.outlier]
    return out
