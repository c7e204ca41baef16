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
lists what changed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salestarget.catalog.calendar import calendar_missing_years
from salestarget.core.allocation import (
    AllocationMethod,
    allocate,
)
from salestarget.core.metrics import MetricDefinition
from salestarget.core.outliers import small_shares
from salestarget.org.models import CompanySettings
from salestarget.org.scoping import scope_for
from salestarget.targets import axes as ax
from salestarget.targets.axes import TARGET_RELATED
from salestarget.targets.cells import Cell, facts_through
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.fiscal_periods import fiscal_calendar, period_parse, period_year_ago
from salestarget.targets.models import (
    Target,
)
from salestarget.targets.permissions import require_manage
from salestarget.targets.proposals import implied_growth
from salestarget.targets.queries.decomposition.methods import (
    draft_figures,
    method_weights,
    same_level_rows,
    share_figures,
    two_way_cells,
)
from salestarget.targets.queries.decomposition.spec import (
    METHOD_LABELS,
    SAME,
    ColumnTotal,
    DecompositionSpec,
    Preview,
    PreviewRow,
)
from salestarget.targets.year_ago import PaceWindow, YearAgoFigure, YearAgoSpan, year_ago_figures
from salestarget.ui.choices import choice_refused


def decomposition_preview(*, target: Target, spec: DecompositionSpec, by: User) -> Preview:
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
        rows, columns, total, uplift_amount = same_level_rows(
            target, row_members, col_members, history
        )
        method = SAME
        notes.append(str(METHOD_LABELS[SAME]))
    else:
        method = spec.method
        weights = method_weights(
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
            draft_figures(target, spec, rows)
        else:
            share_figures(target, rows, weights, spec.uplift_pct, decimals)
        columns = []
        if col_members:
            columns = two_way_cells(
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
    _mark_partial_year(preview, history)
    by_days = (AllocationMethod.DAYS.value, AllocationMethod.SEASONALITY.value)
    if metric.accumulates and any(
        axis in ax.PERIOD_AXES and how in by_days
        for axis, how in zip(axes, (spec.method, spec.column_method), strict=False)
    ):
        period = period_parse(target.period)
        preview.calendar_missing_years = calendar_missing_years(period.start, period.end)
    if metric.accumulates and len(rows) > 1:
        small = small_shares({r.key: r.value for r in rows}, CompanySettings.current().outlier_rule)
        for row in rows:
            if row.key in small:
                row.outlier = (small[row.key],)
    _match_existing(preview)
    return preview


def _mark_partial_year(preview: Preview, history: dict[str, Any]) -> None:
    """Say which last-year figures are finished at the year before's pace and which stop on
    the last day with facts (a span with none at all and no pace shows no last year)."""
    preview.last_year_through = history["through"]
    for row, figure, cell_figures in zip(
        preview.rows, history["row_figures"], history["cell_figures"], strict=True
    ):
        _mark(row, figure)
        for cell, cell_figure in zip(row.cells, cell_figures, strict=False):
            _mark(cell, cell_figure)
    for column, figure in zip(preview.columns, history["col_figures"], strict=False):
        _mark(column, figure)


def _mark(row: PreviewRow | ColumnTotal, figure: YearAgoFigure) -> None:
    row.last_year_partial = figure.partial
    row.last_year_paced = figure.paced
    row.last_year_so_far = figure.so_far


def _checked_axes(axes: tuple[str, ...]) -> tuple[str, ...]:
    if not 1 <= len(axes) <= 2:
        raise ValidationError({"axes": _("请选择一个分解维度，或两个维度组合。")})
    for a in axes:
        if a not in ax.ALL_AXES:
            raise choice_refused("axes", a, ax.ALL_AXES)
    if len(axes) == 2 and ax.axis_family(axes[0]) == ax.axis_family(axes[1]):
        raise ValidationError({"axes": _("组合分解的两个维度必须不同类。")})
    return axes


def _history(
    target: Target, metric: MetricDefinition, rows: list[ax.Member], cols: list[ax.Member]
) -> dict[str, Any]:
    """Last year's figure of every row, column and cell, read in one pass: finished at the
    year before's pace where its year-ago span runs past the last day with facts
    (``targets.year_ago``), with the day itself (None: last year is complete)."""
    calendar = fiscal_calendar()  # read once: a split can have hundreds of cells
    period = period_parse(target.period, calendar=calendar)
    ly_start, ly_end = period_year_ago(period, calendar=calendar)
    through = facts_through(ly_start, ly_end)

    def span_for(*members: ax.Member) -> YearAgoSpan:
        fields = ax.child_fields(target, *members)
        probe = Target(**fields)
        child = period_parse(fields["period"], calendar=calendar)
        start, end = period_year_ago(child, calendar=calendar)
        before = period_year_ago(child, calendar=calendar, years=2)
        return YearAgoSpan(Cell.of(probe).spanning(start, end), before)

    spans = [span_for(m) for m in rows]
    spans += [span_for(m) for m in cols]
    spans += [span_for(r, c) for r in rows for c in cols]
    window = PaceWindow(ly_start, period_year_ago(period, calendar=calendar, years=2)[0])
    figures = year_ago_figures(
        metric, spans, through=through, window=window, decimals=value_decimals(metric)
    )
    n, k = len(rows), len(cols)
    by_cell = [figures[n + k + i * k : n + k + (i + 1) * k] for i in range(n)]
    return {
        "through": through,
        "rows": [f.value for f in figures[:n]],
        "cols": [f.value for f in figures[n : n + k]],
        "cells": [[f.value for f in line] for line in by_cell],
        "row_figures": figures[:n],
        "col_figures": figures[n : n + k],
        "cell_figures": by_cell,
    }


def children_by_member(parent: Target, axis: str) -> tuple[dict[str, Target], list[Target]]:
    """``parent``'s children keyed by their member on ``axis``, and the ones that cannot be
    matched (the previous split went along another axis)."""
    children = list(parent.children.select_related(*TARGET_RELATED).order_by("sort_order", "pk"))
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
    existing, unmatched = children_by_member(preview.target, preview.spec.axes[0])
    for row in preview.rows:
        old = existing.pop(row.key, None)
        if old is not None:
            row.is_new = False
            row.old_value = old.value
    preview.removed = unmatched + list(existing.values())


def _ratio(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None
