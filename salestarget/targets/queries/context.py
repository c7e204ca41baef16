"""The history context a planner needs to judge a figure (last period, same period last
year, trend), read in one pass over the rollups.

Next year is planned before this one ends: a point whose span runs past the last day with
facts is "so far" (``HistoryPoint.through``), the page marks it and the growth on it, and the
trend and the average growth are drawn through the complete years only; a sum so far is also
finished at the year before's pace to the same day (``PlanContext.last_year_paced``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from salestarget.core.metrics import Aggregation
from salestarget.core.pace import paced
from salestarget.core.periods import Period
from salestarget.org.models import OrgNode, Person
from salestarget.targets.cells import Cell, actuals_for, facts_through
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.fiscal_periods import fiscal_calendar, period_before, period_year_ago
from salestarget.targets.proposals import implied_growth, linear_trend_next


@dataclass
class HistoryPoint:
    label: str
    value: Decimal | None
    # The last day with facts when the point's span runs past it: its value is "so far".
    through: dt.date | None = None


@dataclass
class PlanContext:
    """What makes "可实现" visible: the figures a planner compares a value with."""

    last_period: HistoryPoint | None
    same_period_last_year: HistoryPoint | None
    years: list[HistoryPoint] = field(default_factory=list)  # oldest first
    average_growth: Decimal | None = None
    trend_next: Decimal | None = None
    # The most recent year was left out of the trend and the average growth (so far only).
    trend_skips: str = ""
    # Last year so far, finished at the year before's pace to the same day: so far × the year
    # before's whole ÷ its own so far (None: last year is complete, or no year before).
    last_year_paced: Decimal | None = None

    @property
    def last_year_through(self) -> dt.date | None:
        return self.same_period_last_year.through if self.same_period_last_year else None

    @property
    def partial_through(self) -> dt.date | None:
        """The last day with facts when last period or last year is only "so far"."""
        return self.last_year_through or (self.last_period.through if self.last_period else None)

    def growth_of(self, value: Decimal | None) -> dict[str, Decimal | None]:
        if value is None:
            return {"last_period": None, "last_year": None, "trend": None}
        return {
            "last_period": implied_growth(
                value, self.last_period.value if self.last_period else None
            ),
            "last_year": implied_growth(
                value, self.same_period_last_year.value if self.same_period_last_year else None
            ),
            "trend": implied_growth(value, self.trend_next),
        }


def plan_context(
    *,
    metric_code: str,
    period: Period,
    node: OrgNode | None,
    person: Person | None = None,
    years: int = 3,
) -> PlanContext:
    """Last period's actual, the same period last year and the last ``years`` years' actuals
    for the same coordinates, read in one pass over the rollups."""
    metric = metric_definition(metric_code)
    base = Cell(
        period.start,
        period.end,
        node_id=node.pk if node else None,
        person_id=person.pk if person else None,
    )
    spans: list[tuple[str, Cell]] = []
    before = period_before(period)
    if before is not None:
        spans.append((before.label, base.spanning(before.start, before.end)))
    cal = fiscal_calendar()
    earlier = period
    year_points: list[tuple[str, Cell]] = []
    for _ in range(years):
        if earlier.is_clipped:
            start, end = period_year_ago(earlier)
            earlier = Period(earlier.kind, start, end, f"{start:%Y-%m-%d}~{end:%Y-%m-%d}")
        else:
            earlier = cal.year_ago(earlier)
        year_points.append((earlier.label, base.spanning(earlier.start, earlier.end)))
    cells = [c for _l, c in spans] + [c for _l, c in year_points]
    through = facts_through(year_points[0][1].start, year_points[0][1].end) if year_points else None
    pace: Cell | None = None
    # Only a sum grows with the days; a ratio or a distinct count so far is no share of a year.
    if through is not None and len(year_points) > 1 and metric.aggregation is Aggregation.SUM:
        last_year, year_before = year_points[0][1], year_points[1][1]
        pace = year_before.spanning(
            year_before.start, year_before.start + (through - last_year.start)
        )
    values = actuals_for(metric, cells + ([pace] if pace else []), none_without_rows=True)
    paced_so_far = values.pop() if pace else None
    last_period = None
    if spans:
        label, cell = spans[0]
        last_period = HistoryPoint(label, values[0], facts_through(cell.start, cell.end))
    year_values = values[len(spans) :]
    points = [
        HistoryPoint(label, v) for (label, _c), v in zip(year_points, year_values, strict=True)
    ]
    if year_points:
        points[0].through = through
    context = PlanContext(
        last_period=last_period,
        same_period_last_year=points[0] if points else None,
        years=list(reversed(points)),
    )
    if pace:
        context.last_year_paced = paced(points[0].value, points[1].value, paced_so_far)
    complete = context.years
    if points and points[0].through is not None:  # a year so far would bend the trend down
        complete = context.years[:-1]
        context.trend_skips = points[0].label
    known = [p.value for p in complete if p.value is not None]
    growths = [g for a, b in pairwise(known) if (g := implied_growth(b, a)) is not None]
    if growths:
        context.average_growth = sum(growths, Decimal(0)) / len(growths)
    if len(known) >= 2:
        context.trend_next = linear_trend_next(known, ahead=1 + len(context.years) - len(complete))
    return context
