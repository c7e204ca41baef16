"""The tracking tree of a plan, leaderboards, gap analysis and the good-news feed over the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Query, Router, Schema

from salestarget.core.periods import PeriodKind
from salestarget.http import AuthenticatedRequest
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.queries import plans_visible
from salestarget.tracking.api.common import (
    UNCOSTED,
    SelectionParams,
    TrackingOut,
    tracking_out,
)
from salestarget.tracking.cache import facts_version
from salestarget.tracking.models import GoodNews
from salestarget.tracking.queries.context import as_of
from salestarget.tracking.queries.gap import (
    gap_analysis,
    gap_dimension_default,
    gap_dimensions,
)
from salestarget.tracking.queries.news import news_visible, shows_figures
from salestarget.tracking.queries.tree import tracking_tree
from salestarget.tracking.views.common import selection
from salestarget.ui.choices import choice_refused
from salestarget.ui.params import MAX_LIMIT, path_id, query_id

router = Router()
PlanId = Annotated[int, path_id("the target plan")]
BY = ("value", "achievement")


class TreeRowOut(Schema):
    target_id: int
    parent_id: int | None
    level: int
    label: str
    period: str
    node_id: int | None
    person_id: int | None
    tracking: TrackingOut


class TreeOut(Schema):
    plan_id: int
    metric: str
    at: dt.date
    progress_basis: str
    rows: list[TreeRowOut]
    uncosted_amount: Decimal | None = Field(None, description=UNCOSTED + " (the first row)")
    note: str = Field("", description="says what `uncosted_amount` means, in your language")


class EntryOut(Schema):
    rank: int | None
    key: str
    label: str
    unit: str
    value: Decimal | None
    target: Decimal | None
    achievement: Decimal | None
    outlier: list[str] = Field(
        description="why the entry is flagged as an outlier (achievement_above_bound, "
        "target_below_floor, target_zero); an outlier is not ranked by achievement"
    )
    uncosted_amount: Decimal | None = Field(None, description=UNCOSTED)


class LeaderboardOut(Schema):
    metric: str
    level: str
    by: str
    start: dt.date
    end: dt.date
    ranked: int
    entries: list[EntryOut]
    uncosted_amount: Decimal | None = Field(None, description=UNCOSTED + " (everyone ranked)")
    note: str = Field("", description="says what `uncosted_amount` means, in your language")


class GapRowOut(Schema):
    key: str
    label: str
    reference: Decimal
    actual: Decimal
    gap: Decimal
    share: Decimal | None


class EffectOut(Schema):
    key: str
    label: str
    base_revenue: Decimal
    revenue: Decimal
    change: Decimal
    price: Decimal
    volume: Decimal
    mix: Decimal


class GapOut(Schema):
    subject: str
    dimension: str
    basis: str
    reference: Decimal | None
    actual: Decimal | None
    gap: Decimal | None
    rows: list[GapRowOut]
    price_volume_mix: list[EffectOut] | None


class NewsOut(Schema):
    id: int
    kind: str
    person_id: int | None
    person: str
    node_id: int | None
    node: str
    period: str
    happened_on: dt.date
    value: Decimal | None
    reference: Decimal | None
    title: str
    rank: int | None
    outlier: list[str] = Field(
        description="why an achievement is flagged instead of celebrated (see the leaderboard)"
    )


@router.get("/plans/{plan_id}/tree", response=TreeOut)
def plan_tree(
    request: AuthenticatedRequest,
    plan_id: PlanId,
    at: dt.date | None = Query(None, description="as of this day; default today"),
) -> dict[str, Any]:
    """Every visible target of the plan with its tracking figures as of ``at``."""
    scope = request_scope(request)
    plan = plans_visible(scope).filter(pk=plan_id).first()
    if plan is None:
        raise Http404
    version = facts_version()
    day = as_of(at, version=version).day
    tree = tracking_tree(plan, scope, at=day, version=version)
    return {
        "plan_id": plan.pk,
        "metric": plan.metric,
        "at": day,
        "progress_basis": tree.progress.basis.value,
        "rows": [
            {
                "target_id": r.target.pk,
                "parent_id": r.target.parent_id,
                "level": r.level,
                "label": r.target.label,
                "period": r.target.period,
                "node_id": r.target.node_id,
                "person_id": r.target.person_id,
                "tracking": tracking_out(r.result),
            }
            for r in tree.rows
        ],
        "uncosted_amount": tree.uncosted,
        "note": tree.uncosted_note,
    }


@router.get("/leaderboard", response=LeaderboardOut)
def leaderboard(
    request: AuthenticatedRequest,
    metric: str = Query("revenue", description="code of the metric to rank by"),
    period: str | None = Query(
        None, description="FY2026, FY2026-Q1, 2026-03 …; default: the month of `at`"
    ),
    level: str = Query(
        "people", description="who is ranked: people, or units of a kind (team, branch, region)"
    ),
    by: str = Query("value", description="rank by the metric's value or by achievement"),
    node: int | None = query_id("rank only within this org node's subtree"),
    at: dt.date | None = Query(None, description="as of this day; default today"),
) -> dict[str, Any]:
    """People or units ranked; a rep gets only their own entry (rank and count)."""
    from salestarget.org.models import OrgNode
    from salestarget.targets.company_metrics import metric_definition
    from salestarget.targets.fiscal_periods import fiscal_calendar, period_parse
    from salestarget.tracking.queries.leaderboard import (
        LEVELS,
        leaderboard_within,
    )
    from salestarget.tracking.queries.leaderboard import (
        leaderboard as board_of,
    )

    scope = request_scope(request)
    if not scope.sees_anything:
        raise PermissionDenied
    if level not in LEVELS:
        raise choice_refused("level", level, LEVELS)
    if by not in BY:
        raise choice_refused("by", by, BY)
    version = facts_version()
    day = as_of(at, version=version).day
    definition = metric_definition(metric)
    span = period_parse(period) if period else fiscal_calendar().period_of(PeriodKind.MONTH, day)
    start, end = span.start, min(span.end, day)
    rep = scope.is_rep or not (scope.everything or scope.root_paths)
    if rep:  # their place in the whole company, and nobody else's figures
        within = None
        level = "people"
    else:
        asked = OrgNode.objects.filter(pk=node).first() if node else None
        if node and (asked is None or not scope.can_view_node(asked)):
            raise Http404
        within = leaderboard_within(scope, asked)
    board = board_of(
        metric=definition,
        start=start,
        end=end,
        level=level,
        by=by,
        within=within,
        period_end=span.end,
        version=version,
    )
    entries = board.entries
    if rep:
        own = board.entry_of(f"p{scope.person_id}")
        entries = [own] if own else []
    return {
        "metric": definition.code,
        "level": level,
        "by": by,
        "start": start,
        "end": end,
        "ranked": board.ranked,
        "entries": [
            {
                "rank": e.rank,
                "key": e.key,
                "label": e.label,
                "unit": e.unit,
                "value": e.value,
                "target": e.target,
                "achievement": e.achievement,
                "outlier": [r.value for r in e.outlier],
                "uncosted_amount": e.uncosted,
            }
            for e in entries
        ],
        "uncosted_amount": None if rep else board.uncosted,
        "note": "" if rep else board.uncosted_note,
    }


@router.get("/gap", response=GapOut)
def gap(
    request: AuthenticatedRequest,
    params: Query[SelectionParams],
    gdim: str | None = Query(
        None,
        description="break the gap down by: org (sub-units and people; not for a person), "
        "product_category, product_line, product, region, customer_type, channel; default: "
        "org for a unit, product_category for a person (as the page)",
    ),
) -> dict[str, Any]:
    """Each child's or dimension member's contribution to the subject's gap, ranked, and for
    revenue the price / volume / mix effects against last year."""
    sel = selection(request)
    gdim = gdim or gap_dimension_default(sel.subject)
    if gdim not in gap_dimensions(sel.subject):
        raise choice_refused("gdim", gdim, gap_dimensions(sel.subject))
    analysis = gap_analysis(sel.frame, sel.subject, gdim, sel.scope)
    labels = analysis.pvm_labels or {}
    return {
        "subject": sel.subject.code,
        "dimension": gdim,
        "basis": analysis.basis,
        "reference": analysis.reference,
        "actual": analysis.actual,
        "gap": analysis.gap,
        "rows": [
            {
                "key": r.key,
                "label": r.label,
                "reference": r.reference,
                "actual": r.actual,
                "gap": r.gap,
                "share": r.share,
            }
            for r in analysis.rows
        ],
        "price_volume_mix": (
            [
                {
                    "key": i.key,
                    "label": labels.get(i.key, i.key),
                    "base_revenue": i.base_revenue,
                    "revenue": i.revenue,
                    "change": i.change,
                    "price": i.price,
                    "volume": i.volume,
                    "mix": i.mix,
                }
                for i in analysis.pvm.items
            ]
            if analysis.pvm
            else None
        ),
    }


@router.get("/news", response=list[NewsOut])
def news(
    request: AuthenticatedRequest,
    limit: int = Query(
        50, ge=1, le=MAX_LIMIT, description=f"how many, newest first (1 … {MAX_LIMIT})"
    ),
) -> list[dict[str, Any]]:
    """Good-news events (喜报) the caller may see, newest first."""
    scope = request_scope(request)
    return [news_out(scope, item) for item in news_visible(scope)[:limit]]


def news_out(scope: Scope, item: GoodNews) -> dict[str, Any]:
    """One good-news event; its figures only for those who may see them."""
    figures_ok = shows_figures(scope, item)
    return {
        "id": item.pk,
        "kind": item.kind,
        "person_id": item.person_id,
        "person": item.person.name if item.person else "",
        "node_id": item.node_id,
        "node": item.node.name if item.node else "",
        "period": item.period,
        "happened_on": item.happened_on,
        "value": item.value if figures_ok else None,
        "reference": item.reference if figures_ok else None,
        "title": item.title,
        "rank": item.rank,
        "outlier": item.outlier_reasons,
    }
