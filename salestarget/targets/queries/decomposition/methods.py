"""The weights of each decomposition method, the two-way table and the same-level rows of a
metric that does not add up."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from salestarget.catalog.calendar import work_calendar
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
)
from salestarget.core.metrics import MetricDefinition
from salestarget.core.seasonality import SeasonalityProfile
from salestarget.targets import axes as ax
from salestarget.targets.cells import Cell, facts_through
from salestarget.targets.company_metrics import value_decimals
from salestarget.targets.fiscal_periods import fiscal_calendar, period_parse, period_year_ago
from salestarget.targets.models import (
    DraftRound,
    Target,
    TargetDraft,
)
from salestarget.targets.models.drafts import AGREED_STATUSES
from salestarget.targets.proposals import implied_growth
from salestarget.targets.queries.decomposition.spec import (
    CAPACITY_INDICES,
    FALLBACK_LABELS,
    ColumnTotal,
    DecompositionSpec,
    PreviewRow,
)
from salestarget.targets.year_ago import PaceWindow, YearAgoSpan, year_ago_figures
from salestarget.ui.choices import choice_refused
from salestarget.wording import series


def method_weights(
    target: Target,
    metric: MetricDefinition,
    axis: str,
    members: list[ax.Member],
    method: str,
    spec: DecompositionSpec,
    history: list[Decimal | None],
    notes: list[str],
    *,
    column: bool,
) -> Weights:
    typed = spec.column_weights if column else spec.weights
    if method == AllocationMethod.EQUAL.value:
        weights = equal_weights(len(members))
    elif method == AllocationMethod.WEIGHTS.value:
        _weights_keys_check(members, typed)
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
            profile = _seasonality_profile(target, metric, spec.history_years, notes)
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
        raise choice_refused("method", method, [m.value for m in AllocationMethod])
    for fb in weights.fallbacks:
        label = FALLBACK_LABELS.get(str(fb), str(fb))
        notes.append(str(label))
    return weights


def _weights_keys_check(members: list[ax.Member], typed: dict[str, Decimal]) -> None:
    """Weights are keyed by each child's key (``product:12``, ``node:5``, ``2026-03`` …): a
    child without one is refused naming every key expected, with its child's name, and the
    keys sent that name no child (a key a page left from another split is let be)."""
    missing = [m.label for m in members if m.key not in typed]
    if not missing:
        return
    keys = {m.key for m in members}
    expected = series(_("%(key)s（%(label)s）") % {"key": m.key, "label": m.label} for m in members)
    message = _("请填写这些下级的权重：%(names)s。权重按键填写，应填的键：%(expected)s。") % {
        "names": series(missing),
        "expected": expected,
    }
    unknown = [k for k in typed if k not in keys]
    if unknown:
        message += _("收到的这些键不对应任何下级：%(keys)s。") % {"keys": series(unknown)}
    raise ValidationError({"weights": message})


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
    target: Target, metric: MetricDefinition, years: int, notes: list[str]
) -> SeasonalityProfile | None:
    """Monthly weights from the last ``years`` years of the target's own coordinates; the
    months of a year still running are finished at the year before's pace
    (``targets.year_ago``: December, planned in November, would weigh nothing)."""
    period = period_parse(target.period)
    first_year = period.start.year - max(1, years)
    cal = fiscal_calendar()
    months = [cal.month(first_year + y, m) for y in range(max(1, years)) for m in range(1, 13)]
    base = Cell.of(target)
    through = facts_through(months[0].start, months[-1].end)
    window = None
    if through is not None:  # the profile's year still running, from its first month
        window = PaceWindow(cal.month(through.year, 1).start, cal.month(through.year - 1, 1).start)
    figures = year_ago_figures(
        metric,
        [
            YearAgoSpan(base.spanning(p.start, p.end), period_year_ago(p, calendar=cal))
            for p in months
        ],
        through=through,
        window=window,
        decimals=value_decimals(metric),
    )
    weights = [Decimal(0)] * 12
    for p, figure in zip(months, figures, strict=True):
        v = figure.value
        if v is not None and v > 0:
            weights[p.start.month - 1] += v
    if not any(weights):
        return None
    if through is not None and any(f.paced for f in figures):
        notes.append(
            _("历史月度分布中截至 %(day)s 尚未结束的月份，按前年同月的进度推算至月末。")
            % {"day": through.isoformat()}
        )
    return SeasonalityProfile(weights)


def _agreed_drafts(target: Target, spec: DecompositionSpec) -> dict[int, TargetDraft]:
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


def draft_figures(target: Target, spec: DecompositionSpec, rows: list[PreviewRow]) -> None:
    drafts = _agreed_drafts(target, spec)
    for row in rows:
        draft = drafts[row.member.coords["person"].pk]
        row.base_value = draft.base_value
        row.challenge_value = draft.challenge_value


def share_figures(
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


def two_way_cells(
    target: Target,
    metric: MetricDefinition,
    axis: str,
    rows: list[PreviewRow],
    col_members: list[ax.Member],
    spec: DecompositionSpec,
    history: dict[str, Any],
    total: Decimal,
    decimals: int,
    notes: list[str],
) -> list[ColumnTotal]:
    col_weights = method_weights(
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


def same_level_rows(
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
