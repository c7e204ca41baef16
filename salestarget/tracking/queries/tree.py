"""The tracking tree (销售目标跟踪): every visible target of a plan with where it stands.

For each target: target, actual to date, achievement, time progress (the plan's basis),
expected-to-date, gap, run-rate projection, 日点检 and status — ``core.tracking.track`` per
target, fed by one set-based read of all the targets' actuals from the rollups (cached per
facts version). A target whose period has not started has progress 0 and no actual yet.

Targets are read as plain rows (no model instances, names from small lookup tables): a
company plan has thousands of cells and the tree is drawn often.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from salestarget.catalog.models import (
    Channel,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.core.metrics import MetricDefinition
from salestarget.core.periods import Period
from salestarget.core.tracking import TrackingResult
from salestarget.org.models import CompanySettings, OrgNode, Person
from salestarget.org.scoping import Scope
from salestarget.targets.cells import Cell
from salestarget.targets.models import Target, TargetPlan
from salestarget.targets.permissions import target_q
from salestarget.targets.queries import tree_order
from salestarget.targets.queries.tree_parts import Pick
from salestarget.tracking.outlooks import OutlookFigure, outlook_figures, outlooks_provided
from salestarget.tracking.queries.context import Progress, period_of, plan_progress
from salestarget.tracking.queries.sums import fact_sums, metric_values
from salestarget.tracking.queries.uncosted import UNCOSTED, reads_cost, uncosted_note, uncosted_of

DIMENSIONS = ("product_category", "product_line", "product", "region", "customer_type", "channel")
_FIELDS = (
    "pk",
    "parent_id",
    "depth",
    "sort_order",
    "metric",
    "period",
    "period_start",
    "period_end",
    "node_id",
    "person_id",
    *(f"{d}_id" for d in DIMENSIONS),
    "value",
    "base_value",
    "challenge_value",
    "status",
)
_MODELS: dict[str, Any] = {
    "product_category": ProductCategory,
    "product_line": ProductLine,
    "product": Product,
    "region": Region,
    "customer_type": CustomerType,
    "channel": Channel,
}


class TargetRow:
    """A target's coordinates and figures, read without building model instances."""

    __slots__ = (*_FIELDS, "label", "node_name", "person_name")

    pk: int
    parent_id: int | None
    depth: int
    sort_order: int
    metric: str
    period: str
    period_start: dt.date
    period_end: dt.date
    node_id: int | None
    person_id: int | None
    product_category_id: int | None
    product_line_id: int | None
    product_id: int | None
    region_id: int | None
    customer_type_id: int | None
    channel_id: int | None
    value: Decimal
    base_value: Decimal | None
    challenge_value: Decimal | None
    status: str
    label: str
    node_name: str
    person_name: str

    def dimension(self) -> tuple[str, int] | None:
        for d in DIMENSIONS:
            value = getattr(self, f"{d}_id")
            if value:
                return d, value
        return None

    @property
    def has_dimensions(self) -> bool:
        return self.dimension() is not None


def plan_target_rows(plan: TargetPlan, scope: Scope) -> list[TargetRow]:
    """The plan's targets ``scope`` may see, depth first, with their labels."""
    return tree_order(target_rows(plan, scope, labels=True))  # type: ignore[arg-type,return-value]


def target_rows(
    plan: TargetPlan, scope: Scope, *, labels: bool = False, **filters: Any
) -> list[TargetRow]:
    """The plan's targets ``scope`` may see that match ``filters`` (Django lookups)."""
    raw = Target.objects.filter(target_q(scope), plan=plan, **filters).values_list(*_FIELDS)
    rows: list[TargetRow] = []
    for values in raw:
        row = TargetRow()
        for name, value in zip(_FIELDS, values, strict=True):
            setattr(row, name, value)
        rows.append(row)
    if labels:
        _label(rows)
    return rows


def _label(rows: list[TargetRow]) -> None:
    nodes = dict(
        OrgNode.objects.filter(pk__in={r.node_id for r in rows if r.node_id}).values_list(
            "pk", "name"
        )
    )
    people = dict(
        Person.objects.filter(pk__in={r.person_id for r in rows if r.person_id}).values_list(
            "pk", "name"
        )
    )
    names: dict[str, dict[int, str]] = {}
    for d, model in _MODELS.items():
        ids = {getattr(r, f"{d}_id") for r in rows if getattr(r, f"{d}_id")}
        names[d] = dict(model.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for r in rows:
        r.node_name = nodes.get(r.node_id, "") if r.node_id else ""
        r.person_name = people.get(r.person_id, "") if r.person_id else ""
        parts = [r.person_name or r.node_name] if (r.person_name or r.node_name) else []
        for d in ("product", "product_line", "product_category", "region"):
            if getattr(r, f"{d}_id"):
                parts.append(names[d].get(getattr(r, f"{d}_id"), ""))
                break
        for d in ("customer_type", "channel"):
            if getattr(r, f"{d}_id"):
                parts.append(names[d].get(getattr(r, f"{d}_id"), ""))
        parts.append(r.period)
        r.label = " · ".join(parts)


@dataclass
class TrackedTarget:
    target: TargetRow
    level: int
    period: Period
    result: TrackingResult
    has_children: bool = False
    outlook: OutlookFigure | None = None  # forecasting's, when it provides one

    @property
    def status(self) -> str:
        return self.result.status.value if self.result.status else ""


@dataclass
class TrackingTree:
    plan: TargetPlan
    metric: MetricDefinition
    at: dt.date
    progress: Progress
    rows: list[TrackedTarget]
    outlooks: bool = False  # whether the rows carry a statistical outlook
    uncosted: Decimal | None = None  # revenue of unknown cost the top row's actual leaves out

    @property
    def root(self) -> TrackedTarget | None:
        return self.rows[0] if self.rows else None

    @property
    def uncosted_note(self) -> str:
        return uncosted_note(self.uncosted)


def actual_cell(target: Any, at: dt.date) -> Cell | None:
    """The target's coordinates from its first day to ``at`` (None before it starts)."""
    if at < target.period_start:
        return None
    return Cell.of(target).spanning(target.period_start, min(at, target.period_end))


def track_targets(
    targets: list[Any], progress: Progress, at: dt.date, *, version: str
) -> list[tuple[Period, TrackingResult]]:
    """Each target (a ``Target`` or a ``TargetRow``) tracked at ``at``; all actuals in one
    read."""
    metric = progress.metric
    cells = [actual_cell(t, at) for t in targets]
    present = [c for c in cells if c is not None]
    values = iter(metric_values(metric, present, version=version))
    year_start_month = CompanySettings.current().fiscal_year_start_month
    out = []
    for target, cell in zip(targets, cells, strict=True):
        if cell is None:
            actual: Decimal | None = Decimal(0) if metric.accumulates else None
        else:
            actual = next(values)
        period = period_of(
            target.period,
            target.period_start,
            target.period_end,
            year_start_month=year_start_month,
        )
        out.append((period, progress.track(Decimal(target.value), actual, period, at)))
    return out


def tracking_tree(
    plan: TargetPlan, scope: Scope, *, at: dt.date, version: str, pick: Pick | None = None
) -> TrackingTree:
    """The plan's targets ``scope`` may see, depth first, each tracked at ``at``.

    ``pick`` chooses which targets to track and return (it gets every visible target and its
    level in the tree): the page loads the tree a level at a time, the export takes it all.
    Levels and "has children" are always those of the whole visible tree."""
    targets = plan_target_rows(plan, scope)
    span = (
        (min(t.period_start for t in targets), max(t.period_end for t in targets))
        if targets
        else (at, at)
    )
    visible = {t.pk for t in targets}
    parents = {t.parent_id for t in targets}
    levels: dict[int, int] = {}
    for target in targets:
        levels[target.pk] = levels[target.parent_id] + 1 if target.parent_id in visible else 0
    if pick is not None:
        chosen = pick(targets, levels)
        targets = [t for t in targets if t.pk in chosen]
    progress = plan_progress(plan, span=span, version=version)
    tracked = track_targets(targets, progress, at, version=version)
    rows = [
        TrackedTarget(target, levels[target.pk], period, result, target.pk in parents)
        for target, (period, result) in zip(targets, tracked, strict=True)
    ]
    if outlooks_provided():
        for row, outlook in zip(rows, outlook_figures(targets, at), strict=True):
            row.outlook = outlook
    tree = TrackingTree(plan, progress.metric, at, progress, rows, outlooks_provided())
    top = actual_cell(targets[0], at) if targets else None
    if top is not None and reads_cost(tree.metric):
        sums = fact_sums([UNCOSTED], [top], version=version)[0][0]
        tree.uncosted = uncosted_of(tree.metric, sums)
    return tree
