"""What the tracking operations share: the dashboard's selection as query parameters, and a
figure with its tracking as an answer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from salestarget.core.tracking import TrackingResult
from salestarget.tracking.queries import dashboard as dq

UNCOSTED = (
    "metrics that read the cost (gross profit): the revenue whose cost is unknown, left out "
    "of the figure, which is computed over the revenue with a known cost; null when none"
)


class SelectionParams(Schema):
    """What a dashboard shows, as its query string says (``tracking.views.common.selection``
    reads them); a value outside the caller's scope or malformed is a 404."""

    plan: str = Field(
        "",
        description="id of the target plan whose targets to track, or `none` for actuals alone; "
        "default: the plan the dashboard opens for you",
    )
    metric: str = Field(
        "",
        description="code of the metric when no plan is chosen (a plan brings its own): "
        "revenue, gross_profit, … as in /api/targets/metrics; default revenue",
    )
    period: str = Field(
        "",
        description="the period: FY2026, FY2026-H1, FY2026-Q1, 2026-03 …; default: the plan's "
        "first period, else this fiscal year",
    )
    subject: str = Field(
        "",
        description="whose figures: `n<id>` an org node with its subtree, `p<id>` a person, "
        "`p<id>.n<id>` a person's facts credited to a node; default: the plan's scope, else "
        "your own",
    )
    at: dt.date | None = Field(
        None, description="as of this day; default today, or the last day with facts if earlier"
    )


class TrackingOut(Schema):
    target: Decimal
    actual: Decimal | None
    time_progress: Decimal
    achievement: Decimal | None
    expected_to_date: Decimal
    gap: Decimal | None
    gap_to_date: Decimal | None
    projection: Decimal | None
    needed_per_day: Decimal | None
    deviation: Decimal | None
    status: str | None


class FigureOut(Schema):
    key: str
    label: str
    actual: Decimal | None
    last_year: Decimal | None
    target: Decimal | None
    tracking: TrackingOut | None
    uncosted_amount: Decimal | None = Field(None, description=UNCOSTED)
    note: str = Field("", description="says what `uncosted_amount` means, in your language")


def tracking_out(result: TrackingResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "target": result.target,
        "actual": result.actual,
        "time_progress": result.time_progress,
        "achievement": result.achievement,
        "expected_to_date": result.expected_to_date,
        "gap": result.gap,
        "gap_to_date": result.gap_to_date,
        "projection": result.projection,
        "needed_per_day": result.needed_per_day,
        "deviation": result.deviation,
        "status": result.status.value if result.status else None,
    }


def figure_out(f: dq.Figure) -> dict[str, Any]:
    return {
        "key": f.key,
        "label": f.label,
        "actual": f.actual,
        "last_year": f.last_year,
        "target": f.target.value if f.target else None,
        "tracking": tracking_out(f.result),
        "uncosted_amount": f.uncosted,
        "note": f.uncosted_note,
    }
