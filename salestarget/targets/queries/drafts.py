"""Draft review: each draft beside the person's history, the team average and the gap.

A round for next year opens before this one ends: each person's last year is finished at the
year before's pace where it runs past the last day with facts (``targets.year_ago``, the
split's rule), so the growth a draft implies is read against a whole year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from salestarget.targets.cells import DIMENSIONS, Cell, actuals_for, facts_through
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.fiscal_periods import fiscal_calendar, period_before, period_year_ago
from salestarget.targets.models import (
    DraftRound,
    DraftStatus,
    TargetDraft,
)
from salestarget.targets.proposals import implied_growth
from salestarget.targets.queries.decomposition import expected_children_total
from salestarget.targets.year_ago import PaceWindow, YearAgoFigure, YearAgoSpan, year_ago_figures


@dataclass
class DraftLine:
    draft: TargetDraft
    last_year_figure: YearAgoFigure
    last_period: Decimal | None
    vs_average: Decimal | None  # challenge figure minus the average per person
    growth: Decimal | None  # challenge figure over last year
    overdue: bool = False  # not submitted (or returned) and the round's deadline passed

    # Named as a split preview's rows name them, so one mark partial serves both.
    @property
    def last_year(self) -> Decimal | None:
        return self.last_year_figure.value

    @property
    def last_year_paced(self) -> bool:
        return self.last_year_figure.paced

    @property
    def last_year_so_far(self) -> Decimal | None:
        return self.last_year_figure.so_far

    @property
    def last_year_partial(self) -> bool:
        """A figure stopping on the last day with facts ("—" is not one)."""
        return self.last_year_figure.partial and self.last_year_figure.value is not None


@dataclass
class RoundReview:
    round: DraftRound
    lines: list[DraftLine]
    handed_down: Decimal  # what the people's targets must carry together
    average: Decimal | None  # handed-down / people (距离平均目标有多远)
    drafts_average: Decimal | None  # mean of the submitted challenge figures
    proposed_total: Decimal  # agreed figures, else challenge figures
    gap: Decimal  # proposed_total − handed_down
    team_last_year: Decimal | None
    # The last day with facts when last year's (last period's) span runs past it: those
    # figures are "so far" and the growth on them reads too high.
    last_year_through: dt.date | None = None
    last_period_through: dt.date | None = None

    @property
    def any_paced(self) -> bool:
        return any(line.last_year_paced for line in self.lines)

    @property
    def any_partial(self) -> bool:
        """Some last year is still "so far" (the year before gives nothing to pace it by)."""
        return any(line.last_year_partial for line in self.lines)


def round_review(rnd: DraftRound) -> RoundReview:
    """Each draft beside the person's history, the team average and the handed-down gap."""
    target = rnd.target
    metric = metric_definition(target.metric)
    drafts = list(rnd.drafts.select_related("person").order_by("person__employee_no"))
    calendar = fiscal_calendar()
    period = calendar.parse(target.period)
    ly_start, ly_end = period_year_ago(period, calendar=calendar)
    year_before = period_year_ago(period, calendar=calendar, years=2)
    through = facts_through(ly_start, ly_end)
    before = period_before(period)
    base = Cell.of(target)
    dimensions = {k: getattr(base, k) for k in DIMENSIONS}
    person_cells = [
        Cell(target.period_start, target.period_end, person_id=d.person_id, **dimensions)
        for d in drafts
    ]
    last_years = year_ago_figures(
        metric,
        [YearAgoSpan(c.spanning(ly_start, ly_end), year_before) for c in person_cells],
        through=through,
        window=PaceWindow(ly_start, year_before[0]),
        decimals=value_decimals(metric),
    )
    last_periods = (
        actuals_for(
            metric,
            [c.spanning(before.start, before.end) for c in person_cells],
            none_without_rows=True,
        )
        if before
        else [None] * len(drafts)
    )
    handed = expected_children_total(target)
    late = rnd.deadline is not None and rnd.deadline < timezone.now()
    n = len(drafts)
    average = handed / n if n else None
    challenges = [d.challenge_value for d in drafts if d.challenge_value is not None]
    lines = []
    for d, ly_figure, lp in zip(drafts, last_years, last_periods, strict=True):
        ly = ly_figure.value
        lines.append(
            DraftLine(
                draft=d,
                last_year_figure=ly_figure,
                last_period=lp,
                vs_average=(d.challenge_value - average)
                if d.challenge_value is not None and average is not None
                else None,
                growth=implied_growth(d.challenge_value, ly)
                if d.challenge_value is not None
                else None,
                overdue=late and d.status in (DraftStatus.PENDING, DraftStatus.RETURNED),
            )
        )
    proposed = sum(
        (
            d.agreed_value if d.agreed_value is not None else (d.challenge_value or Decimal(0))
            for d in drafts
        ),
        Decimal(0),
    )
    known_ly = [line.last_year for line in lines if line.last_year is not None]
    return RoundReview(
        round=rnd,
        lines=lines,
        handed_down=handed,
        average=average,
        drafts_average=sum(challenges, Decimal(0)) / len(challenges) if challenges else None,
        proposed_total=proposed,
        gap=proposed - handed,
        team_last_year=sum(known_ly, Decimal(0)) if known_ly else None,
        last_year_through=through,
        last_period_through=facts_through(before.start, before.end) if before else None,
    )
