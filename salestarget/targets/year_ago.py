"""Last year's figures of many spans at once, finished at the year before's pace where last
year has not ended (``core.pace``).

Next year is planned before this one ends. A split "by last year's share" weighs each child by
its year-ago span; on 20 November last year's November is two-thirds there and its December
not at all, so the split would give December nothing. Each span that runs past the last day
with facts (``through``) is therefore finished as the year before ran:

- **partly there** (``start ≤ through < end``): its facts so far × the year before's whole
  span ÷ the year before's figure to the same day of the span;
- **not started** (``through < start``): the year before's whole span × last year's pace over
  the window from ``window`` to ``through`` with the span's own coordinates (a team's
  December by that team's year so far against its year before's).

A span the year before gives nothing to pace by (no facts two years ago, nothing to the same
day) keeps its figure so far and is marked partial. Only sums are paced. Every figure, the
year before's and the windows' are read in one ``actuals_for`` pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from salestarget.core.metrics import Aggregation, MetricDefinition
from salestarget.core.money import quantize
from salestarget.core.pace import paced, paced_unstarted
from salestarget.targets.cells import Cell, actuals_for


@dataclass(frozen=True)
class YearAgoSpan:
    """A figure's year-ago ``cell`` and the dates of the same span one more year back."""

    cell: Cell
    year_before: tuple[dt.date, dt.date]


@dataclass(frozen=True)
class PaceWindow:
    """Where last year's pace is measured for a span with no facts yet: from ``start`` to the
    last day with facts, against the year before from ``year_before_start``."""

    start: dt.date
    year_before_start: dt.date


@dataclass(frozen=True)
class YearAgoFigure:
    # What the page shows and a split by last year's share weighs.
    value: Decimal | None
    # ``value`` is finished at the year before's pace; ``so_far`` is its facts to ``through``.
    paced: bool = False
    so_far: Decimal | None = None
    # The span runs past the last day with facts and could not be paced: "so far".
    partial: bool = False


def year_ago_figures(
    metric: MetricDefinition,
    spans: Sequence[YearAgoSpan],
    *,
    through: dt.date | None,
    window: PaceWindow | None,
    decimals: int,
) -> list[YearAgoFigure]:
    """Each span's last year (None: no rollup row in it), paced where it runs past
    ``through`` and can be; see the module's doc."""
    pace = through is not None and metric.aggregation is Aggregation.SUM
    reads: dict[Cell, int] = {}

    def read(cell: Cell) -> int:
        return reads.setdefault(cell, len(reads))

    plans: list[tuple[str, int, tuple[int, ...]]] = []
    for span in spans:
        cell, (yb_start, yb_end) = span.cell, span.year_before
        own = read(cell)
        if through is None or not through < cell.end:
            plans.append(("complete", own, ()))
        elif cell.start <= through:
            extra: tuple[int, ...] = ()
            if pace:
                same_day = min(yb_end, yb_start + (through - cell.start))
                extra = (
                    read(cell.spanning(yb_start, yb_end)),
                    read(cell.spanning(yb_start, same_day)),
                )
            plans.append(("partial", own, extra))
        elif pace and window is not None and window.start <= through:
            yb_window_end = window.year_before_start + (through - window.start)
            extra = (
                read(cell.spanning(yb_start, yb_end)),
                read(cell.spanning(window.start, through)),
                read(cell.spanning(window.year_before_start, yb_window_end)),
            )
            plans.append(("unstarted", own, extra))
        else:
            plans.append(("complete", own, ()))
    values = actuals_for(metric, list(reads), none_without_rows=True)
    figures: list[YearAgoFigure] = []
    for kind, own, extra in plans:
        value = values[own]
        if kind == "complete":
            figures.append(YearAgoFigure(value))
            continue
        got = [values[i] for i in extra]
        finished = None
        if kind == "partial" and got:
            finished = paced(value, got[0], got[1])
        elif kind == "unstarted":
            finished = paced_unstarted(got[0], got[1], got[2])
        if finished is None:
            figures.append(YearAgoFigure(value, partial=kind == "partial"))
        else:
            figures.append(YearAgoFigure(quantize(finished, decimals), paced=True, so_far=value))
    return figures
