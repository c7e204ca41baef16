"""Decomposition (分解), the computing half: what a split would give, before anything is saved.

A split goes along one axis (org children, people, a dimension, sub-periods) or two
(team × month, product × region). The weights come from a method (equal, typed weights, last
year's share, seasonality, working days, capacity indices, the children's accepted drafts);
the core's ``allocate`` turns them into exact shares, raised by the level's uplift %
("分解目标要高于下达的目标"), and ``allocate_two_way`` fills a two-axis table whose rows and
columns both add up exactly. A two-axis split stores its rows as children and the table's
cells as the rows' children.

Metrics that do not add up (ratios, means) are not shared out: every child carries the
parent's level (method ``same``).

Re-decomposing matches old children with new ones by their coordinate on the axis: a matched
child keeps its id and history and gets the new figures (its own split is cleared when its
value changed), unmatched old children are removed with their subtrees, and the outcome
lists what changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.catalog.calendar import calendar_missing_years, work_calendar
from salestarget.core.allocation import (
    AllocationMethod,
    Fallback,
    InfeasibleMarginsError,
    Weights,
    allocate,
    allocate_two_way,
    capacity_weights,
    day_weights,
    equal_weights,
    given_weights,
    history_weights,
    seasonality_weights,
    uplifted,
)
from salestarget.core.metrics import MetricDefinition
from salestarget.core.seasonality import SeasonalityProfile
from salestarget.org.scoping import scope_for
from salestarget.targets import axes as ax
from salestarget.targets.calendar import fiscal_calendar, period_parse, period_year_ago
from salestarget.targets.cells import Cell, actuals_for
from salestarget.targets.metrics import metric_definition, value_decimals
from salestarget.targets.models import (
    DraftRound,
    Target,
    TargetDraft,
)
from salestarget.targets.models.drafts import AGREED_STATUSES
from salestarget.targets.permissions import require_manage
from salestarget.targets.proposals import implied_growth
from salestarget.wording import series

SAME = "same"
TWO_WAY = "two_way"
METHOD_LABELS = {
    AllocationMethod.EQUAL.value: gettext_lazy("平均分配"),
    AllocationMethod.WEIGHTS.value: gettext_lazy("按填写的权重"),
    AllocationMethod.HISTORY.value: gettext_lazy("按去年同期占比"),
    AllocationMethod.SEASONALITY.value: gettext_lazy("按季节性（历史月度分布）"),
    AllocationMethod.DAYS.value: gettext_lazy("按工作日天数"),
    AllocationMethod.CAPACITY.value: gettext_lazy("按市场容量指数"),
    AllocationMethod.DRAFTS.value: gettext_lazy("按下属目标草案"),
    SAME: gettext_lazy("沿用上级目标（比率类指标）"),
    TWO_WAY: gettext_lazy("双向分解"),
}
FALLBACK_LABELS = {
    "no_history": gettext_lazy("没有可用的历史数据，已改为平均分配"),
    "missing_history_averaged": gettext_lazy("部分下级没有历史数据，按其他下级的平均值计"),
    "negative_history_zeroed": gettext_lazy("部分下级去年退货大于销售，按 0 计"),
    "no_capacity": gettext_lazy("市场容量指数全为 0，已改为平均分配"),
    "no_seasonality": gettext_lazy("历史月度分布没有数据，已改为按天数分配"),
    "no_working_days": gettext_lazy("期间内没有工作日，已改为按自然日分配"),
    "no_weights": gettext_lazy("权重全为 0，已改为平均分配"),
    "seed_dropped": gettext_lazy("去年的交叉数据无法同时满足行列合计，已按行列比例分配"),
}
# Capacity indices (市场容量、占有率、渗透率、自然增长率、消费潜力) as typed; percentages are
# turned into factors, the growth rate into (1 + rate).
CAPACITY_INDICES = ("capacity", "share", "penetration", "growth", "potential")
CAPACITY_LABELS = {
    "capacity": gettext_lazy("市场容量"),
    "share": gettext_lazy("占有率 %"),
    "penetration": gettext_lazy("品牌渗透率 %"),
    "growth": gettext_lazy("自然增长率 %"),
    "potential": gettext_lazy("消费潜力指数"),
}


@dataclass
class SplitSpec:
    """How to split: the axes, the method and its inputs, the uplift of this level."""

    axes: tuple[str, ...]
    method: str = AllocationMethod.EQUAL.value
    uplift_pct: Decimal = Decimal(0)
    weights: dict[str, Decimal] = field(default_factory=dict)  # member key -> weight
    capacity: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    column_method: str = AllocationMethod.HISTORY.value  # two axes: how columns are split
    column_weights: dict[str, Decimal] = field(default_factory=dict)
    history_years: int = 1  # seasonality: years of monthly history in the profile
    round_id: int | None = None  # drafts: which round (the latest agreed one by default)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["axes"] = list(self.axes)
        return _jsonable(data)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SplitSpec:
        return cls(
            axes=tuple(data.get("axes", ())),
            method=data.get("method", AllocationMethod.EQUAL.value),
            uplift_pct=Decimal(str(data.get("uplift_pct", "0"))),
            weights={k: Decimal(str(v)) for k, v in (data.get("weights") or {}).items()},
            capacity={
                k: {i: Decimal(str(x)) for i, x in v.items()}
                for k, v in (data.get("capacity") or {}).items()
            },
            column_method=data.get("column_method", AllocationMethod.HISTORY.value),
            column_weights={
                k: Decimal(str(v)) for k, v in (data.get("column_weights") or {}).items()
            },
            history_years=int(data.get("history_years", 1)),
            round_id=data.get("round_id"),
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass
class PreviewRow:
    key: str
    label: str
    member: ax.Member
    weight: Decimal
    value: Decimal
    share: Decimal | None = None  # of the split total
    base_value: Decimal | None = None
    challenge_value: Decimal | None = None
    last_year: Decimal | None = None
    growth: Decimal | None = None
    old_value: Decimal | None = None
    is_new: bool = True
    cells: list[PreviewRow] = field(default_factory=list)

    @property
    def delta(self) -> Decimal | None:
        return None if self.old_value is None else self.value - self.old_value


@dataclass
class ColumnTotal:
    key: str
    label: str
    value: Decimal
    last_year: Decimal | None
    growth: Decimal | None


@dataclass
class Preview:
    target: Target
    spec: SplitSpec
    metric: MetricDefinition
    decimals: int
    method: str
    base_total: Decimal
    uplift_amount: Decimal
    total: Decimal
    rows: list[PreviewRow]
    columns: list[ColumnTotal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    removed: list[Target] = field(default_factory=list)  # old children with no match
    last_year_total: Decimal | None = None
    # Years of the split counted in working days that have no calendar entries (Mon–Fri).
    calendar_missing_years: list[int] = field(default_factory=list)

    @property
    def is_two_way(self) -> bool:
        return len(self.spec.axes) == 2

    @property
    def replaces(self) -> bool:
        return any(not r.is_new for r in self.rows) or bool(self.removed)

    @property
    def changed_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.is_new and r.value != r.old_value]

    @property
    def added_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.is_new and self.replaces]

    @property
    def growth(self) -> Decimal | None:
        return implied_growth(self.total, self.last_year_total)


def expected_children_total(target: Target) -> Decimal:
    """What ``target``'s children carry together: its value raised by its uplift."""
    decimals = value_decimals(metric_definition(target.metric))
    return uplifted(target.value, target.uplift_pct or Decimal(0), decimals)


# -- preview ------------------------------------------------------------------------------------


def decomposition_preview(*, target: Target, spec: SplitSpec, by: AbstractBaseUser) -> Preview:
    """What ``spec`` would give, without saving anything."""
    require_manage(scope_for(by), target)
    metric = metric_definition(target.metric)
    decimals = value_decimals(metric)
    axes = _checked_axes(spec.axes)
    if spec.uplift_pct < 0:
        raise ValidationError({"uplift_pct": _("上浮比例不能为负数。")})
    row_members = ax.members(target, axes[0])
    col_members = ax.members(target, axes[1]) if len(axes) == 2 else []

    history = _history(target, metric, row_members, col_members)
    notes: list[str] = []
    if not metric.accumulates:
        rows, columns, total, uplift_amount = _same_level(target, row_members, col_members, history)
        method = SAME
        notes.append(str(METHOD_LABELS[SAME]))
    else:
        method = spec.method
        weights = _weights(
            target,
            metric,
            axes[0],
            row_members,
            spec.method,
            spec,
            history["rows"],
            notes,
            column=False,
        )
        result = allocate(target.value, weights, decimals=decimals, uplift_pct=spec.uplift_pct)
        total, uplift_amount = result.uplifted_total, result.uplift_amount
        rows = [
            PreviewRow(m.key, m.label, m, w, v, last_year=ly)
            for m, w, v, ly in zip(
                row_members, weights.values, result.shares, history["rows"], strict=True
            )
        ]
        if method == AllocationMethod.DRAFTS.value:
            _draft_figures(target, spec, rows)
        else:
            _share_figures(target, rows, weights, spec.uplift_pct, decimals)
        columns = []
        if col_members:
            columns = _two_way(
                target, metric, axes[1], rows, col_members, spec, history, total, decimals, notes
            )
    for row in rows:
        row.share = _ratio(row.value, total)
        row.growth = implied_growth(row.value, row.last_year)
        for cell in row.cells:
            cell.share = _ratio(cell.value, row.value)
            cell.growth = implied_growth(cell.value, cell.last_year)
    preview = Preview(
        target=target,
        spec=spec,
        metric=metric,
        decimals=decimals,
        method=method,
        base_total=target.value,
        uplift_amount=uplift_amount,
        total=total,
        rows=rows,
        columns=columns,
        notes=notes,
        last_year_total=_sum_known([r.last_year for r in rows]),
    )
    by_days = (AllocationMethod.DAYS.value, AllocationMethod.SEASONALITY.value)
    if metric.accumulates and any(
        axis in ax.PERIOD_AXES and how in by_days
        for axis, how in zip(axes, (spec.method, spec.column_method), strict=False)
    ):
        period = period_parse(target.period)
        preview.calendar_missing_years = calendar_missing_years(period.start, period.end)
    _match_existing(preview)
    return preview


def _checked_axes(axes: tuple[str, ...]) -> tuple[str, ...]:
    if not 1 <= len(axes) <= 2:
        raise ValidationError({"axes": _("请选择一个分解维度，或两个维度组合。")})
    for a in axes:
        if a not in ax.ALL_AXES:
            raise ValidationError({"axes": _("未知的分解维度：%(axis)s") % {"axis": a}})
    if len(axes) == 2 and ax.axis_family(axes[0]) == ax.axis_family(axes[1]):
        raise ValidationError({"axes": _("组合分解的两个维度必须不同类。")})
    return axes


def _history(
    target: Target, metric: MetricDefinition, rows: list[ax.Member], cols: list[ax.Member]
) -> dict[str, Any]:
    """Last year's actuals of every row, column and cell, read in one pass."""
    cells: list[Cell] = []
    calendar = fiscal_calendar()  # read once: a split can have hundreds of cells

    def cell_for(*members: ax.Member) -> Cell:
        fields = ax.child_fields(target, *members)
        probe = Target(**fields)
        period = period_parse(fields["period"], calendar=calendar)
        start, end = period_year_ago(period, calendar=calendar)
        return Cell.of(probe).spanning(start, end)

    cells += [cell_for(m) for m in rows]
    cells += [cell_for(m) for m in cols]
    cells += [cell_for(r, c) for r in rows for c in cols]
    values = actuals_for(metric, cells, none_without_rows=True)
    n, k = len(rows), len(cols)
    return {
        "rows": values[:n],
        "cols": values[n : n + k],
        "cells": [values[n + k + i * k : n + k + (i + 1) * k] for i in range(n)],
    }


def _weights(
    target: Target,
    metric: MetricDefinition,
    axis: str,
    members: list[ax.Member],
    method: str,
    spec: SplitSpec,
    history: list[Decimal | None],
    notes: list[str],
    *,
    column: bool,
) -> Weights:
    typed = spec.column_weights if column else spec.weights
    if method == AllocationMethod.EQUAL.value:
        weights = equal_weights(len(members))
    elif method == AllocationMethod.WEIGHTS.value:
        missing = [m.label for m in members if m.key not in typed]
        if missing:
            raise ValidationError(
                {"weights": _("请填写这些下级的权重：%(names)s") % {"names": series(missing)}}
            )
        try:
            weights = given_weights([typed[m.key] for m in members])
        except ValueError as exc:
            raise ValidationError({"weights": _("权重不能为负数。")}) from exc
    elif method == AllocationMethod.HISTORY.value:
        weights = history_weights(history)
    elif method in (AllocationMethod.SEASONALITY.value, AllocationMethod.DAYS.value):
        if axis not in ax.PERIOD_AXES:
            raise ValidationError({"method": _("季节性和工作日分配只适用于按期间分解。")})
        periods = [m.coords["period"] for m in members]
        calendar = work_calendar(periods[0].start, periods[-1].end)
        if method == AllocationMethod.DAYS.value:
            weights = day_weights(periods, calendar)
        else:
            profile = _seasonality_profile(target, metric, spec.history_years)
            if profile is None:
                by_days = day_weights(periods, calendar)
                weights = Weights(
                    by_days.values,
                    AllocationMethod.SEASONALITY,
                    (Fallback.NO_SEASONALITY, *by_days.fallbacks),
                )
            else:
                weights = seasonality_weights(periods, profile, calendar)
    elif method == AllocationMethod.CAPACITY.value:
        rows = []
        for m in members:
            typed_row = spec.capacity.get(m.key, {})
            rows.append(_capacity_factors(typed_row))
        try:
            weights = capacity_weights(rows)
        except ValueError as exc:
            raise ValidationError({"capacity": _("市场容量指数不能为负数。")}) from exc
    elif method == AllocationMethod.DRAFTS.value:
        if column or axis != ax.PEOPLE:
            raise ValidationError({"method": _("按草案分解只适用于按人员分解。")})
        drafts = _agreed_drafts(target, spec)
        missing = [m.label for m in members if m.coords["person"].pk not in drafts]
        if missing:
            raise ValidationError(
                {"method": _("这些人员还没有已接受的草案：%(names)s") % {"names": series(missing)}}
            )
        weights = given_weights(
            [drafts[m.coords["person"].pk].agreed_value or Decimal(0) for m in members],
            AllocationMethod.DRAFTS,
        )
    else:
        raise ValidationError({"method": _("未知的分解方法：%(method)s") % {"method": method}})
    for fb in weights.fallbacks:
        label = FALLBACK_LABELS.get(str(fb), str(fb))
        notes.append(str(label))
    return weights


def _capacity_factors(typed: dict[str, Decimal]) -> list[Decimal]:
    hundred = Decimal(100)
    factors = []
    for index in CAPACITY_INDICES:
        value = typed.get(index)
        if value is None:
            factors.append(Decimal(1))
        elif index == "growth":
            factors.append(Decimal(1) + value / hundred)
        elif index in ("share", "penetration"):
            factors.append(value / hundred)
        else:
            factors.append(value)
    return factors


def _seasonality_profile(
    target: Target, metric: MetricDefinition, years: int
) -> SeasonalityProfile | None:
    """Monthly weights from the last ``years`` years of the target's own coordinates."""
    period = period_parse(target.period)
    first_year = period.start.year - max(1, years)
    cal = fiscal_calendar()
    months = [cal.month(first_year + y, m) for y in range(max(1, years)) for m in range(1, 13)]
    base = Cell.of(target)
    values = actuals_for(metric, [base.spanning(p.start, p.end) for p in months])
    weights = [Decimal(0)] * 12
    for p, v in zip(months, values, strict=True):
        if v is not None and v > 0:
            weights[p.start.month - 1] += v
    if not any(weights):
        return None
    return SeasonalityProfile(weights)


def _agreed_drafts(target: Target, spec: SplitSpec) -> dict[int, TargetDraft]:
    rounds = DraftRound.objects.filter(target=target)
    chosen = (
        rounds.filter(pk=spec.round_id).first()
        if spec.round_id
        else rounds.order_by("-opened_at").first()
    )
    if chosen is None:
        raise ValidationError({"method": _("该目标还没有征集过草案。")})
    spec.round_id = chosen.pk
    return {d.person_id: d for d in chosen.drafts.filter(status__in=AGREED_STATUSES)}


def _draft_figures(target: Target, spec: SplitSpec, rows: list[PreviewRow]) -> None:
    drafts = _agreed_drafts(target, spec)
    for row in rows:
        draft = drafts[row.member.coords["person"].pk]
        row.base_value = draft.base_value
        row.challenge_value = draft.challenge_value


def _share_figures(
    target: Target, rows: list[PreviewRow], weights: Weights, uplift_pct: Decimal, decimals: int
) -> None:
    """Base and challenge figures follow the same shares as the value."""
    for figure in ("base_value", "challenge_value"):
        total = getattr(target, figure)
        if total is None:
            continue
        shares = allocate(total, weights, decimals=decimals, uplift_pct=uplift_pct).shares
        for row, share in zip(rows, shares, strict=True):
            setattr(row, figure, share)


def _two_way(
    target: Target,
    metric: MetricDefinition,
    axis: str,
    rows: list[PreviewRow],
    col_members: list[ax.Member],
    spec: SplitSpec,
    history: dict[str, Any],
    total: Decimal,
    decimals: int,
    notes: list[str],
) -> list[ColumnTotal]:
    col_weights = _weights(
        target,
        metric,
        axis,
        col_members,
        spec.column_method,
        spec,
        history["cols"],
        notes,
        column=True,
    )
    col_totals = allocate(total, col_weights, decimals=decimals).shares
    seed = history["cells"]
    usable = all(v is not None and v >= 0 for line in seed for v in line) and any(
        v for line in seed for v in line
    )
    row_totals = [r.value for r in rows]
    try:
        table = allocate_two_way(
            row_totals, col_totals, seed if usable else None, decimals=decimals
        )
    except InfeasibleMarginsError:
        notes.append(str(FALLBACK_LABELS["seed_dropped"]))
        table = allocate_two_way(row_totals, col_totals, None, decimals=decimals)
    for i, row in enumerate(rows):
        row.cells = [
            PreviewRow(c.key, c.label, c, Decimal(1), v, last_year=ly)
            for c, v, ly in zip(col_members, table.cells[i], history["cells"][i], strict=True)
        ]
        for figure in ("base_value", "challenge_value"):
            amount = getattr(row, figure)
            if amount is None:
                continue
            cell_weights = given_weights([c.value for c in row.cells])
            shares = allocate(amount, cell_weights, decimals=decimals).shares
            for cell, share in zip(row.cells, shares, strict=True):
                setattr(cell, figure, share)
    return [
        ColumnTotal(c.key, c.label, v, ly, implied_growth(v, ly))
        for c, v, ly in zip(col_members, col_totals, history["cols"], strict=True)
    ]


def _same_level(
    target: Target,
    row_members: list[ax.Member],
    col_members: list[ax.Member],
    history: dict[str, Any],
) -> tuple[list[PreviewRow], list[ColumnTotal], Decimal, Decimal]:
    def row(m: ax.Member, ly: Decimal | None) -> PreviewRow:
        return PreviewRow(
            m.key,
            m.label,
            m,
            Decimal(1),
            target.value,
            base_value=target.base_value,
            challenge_value=target.challenge_value,
            last_year=ly,
        )

    rows = [row(m, ly) for m, ly in zip(row_members, history["rows"], strict=True)]
    for i, r in enumerate(rows):
        r.cells = [row(c, ly) for c, ly in zip(col_members, history["cells"][i], strict=True)]
    columns = [
        ColumnTotal(c.key, c.label, target.value, ly, None)
        for c, ly in zip(col_members, history["cols"], strict=True)
    ]
    return rows, columns, target.value, Decimal(0)


def _existing_children(parent: Target, axis: str) -> tuple[dict[str, Target], list[Target]]:
    """``parent``'s children keyed by their member on ``axis``, and the ones that cannot be
    matched (the previous split went along another axis)."""
    children = list(parent.children.select_related(*_RELATED).order_by("sort_order", "pk"))
    previous = parent.split_axes.split(",")[0] if parent.split_axes else ""
    if previous != axis:
        return {}, children
    keyed: dict[str, Target] = {}
    unmatched: list[Target] = []
    for child in children:
        key = ax.member_key(child, axis)
        if key in keyed:
            unmatched.append(child)
        else:
            keyed[key] = child
    return keyed, unmatched


def _match_existing(preview: Preview) -> None:
    existing, unmatched = _existing_children(preview.target, preview.spec.axes[0])
    for row in preview.rows:
        old = existing.pop(row.key, None)
        if old is not None:
            row.is_new = False
            row.old_value = old.value
    preview.removed = unmatched + list(existing.values())


_RELATED = (
    "node",
    "person",
    "product",
    "product_line",
    "product_category",
    "region",
    "customer_type",
    "channel",
)


def _ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None
