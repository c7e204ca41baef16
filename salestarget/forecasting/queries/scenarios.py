"""Quota scenarios (配额方案): a target modelled at several totals and split methods side by
side, before anything is saved.

Each scenario is a total and a method of splitting it along an axis (the unit's sub-units
or its people): **history** (last year's share), **equal**, or **forecast** (each member's
share of the stored forecast for the period). The split itself is targets' decomposition
preview (exact to the cent), run on the target at the scenario's total. Per member: the
figure, its growth over last year, the probability of reaching it (the member's outlook
for the period); per scenario: the probability of the whole total, the share of members
expected to reach 100%, and, for people, the expected commission the quotas cost (the
incentives plans, :mod:`forecasting.queries.commission`, month by month in the season's
shape, gates evaluated). Adopting one is
:func:`forecasting.services.scenarios.scenario_adopt`.

When last year's span runs past the last day with facts (next year planned before this one
ends), last year is finished with the stored forecast where the run covers the rest of it
(:mod:`forecasting.queries.last_year`), so "vs last year" is against a whole year; where it
does not, last year stays "so far" and the figures say so (``last_year_through``).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.core.allocation import AllocationMethod
from salestarget.core.forecasting.scenarios import expected_share_reaching
from salestarget.forecasting.models import ForecastRun
from salestarget.forecasting.queries.commission import expected_commissions
from salestarget.forecasting.queries.last_year import year_rest_forecast
from salestarget.forecasting.queries.outlook import FORECAST_METRIC, TargetOutlook, outlooks
from salestarget.forecasting.queries.runs import latest_run
from salestarget.forecasting.queries.seasonality import (
    QUOTA_BASES,
    MonthShape,
    month_shape,
    plan_month_quotas,
)
from salestarget.org.models import OrgNode
from salestarget.targets import axes as ax
from salestarget.targets.cells import DIMENSIONS
from salestarget.targets.fiscal_periods import period_parse, period_year_ago
from salestarget.targets.models import Target
from salestarget.targets.proposals import implied_growth
from salestarget.targets.queries.decomposition import (
    DecompositionSpec,
    Preview,
    PreviewRow,
    decomposition_preview,
)

AXES = (ax.PEOPLE, ax.ORG)
METHODS = {
    "history": gettext_lazy("按去年占比"),
    "equal": gettext_lazy("平均分配"),
    "forecast": gettext_lazy("按预测占比"),
}
MAX_SCENARIOS = 4
CENT = Decimal("0.01")
LARGEST = Decimal(10) ** 13  # well inside what a target stores


@dataclass(frozen=True)
class ScenarioSpec:
    """A total and a split method: ``"1200000:history"`` in a URL or the API."""

    total: Decimal
    method: str

    @property
    def code(self) -> str:
        return f"{self.total}:{self.method}"

    @classmethod
    def parse(cls, code: str, field_name: str = "scenario") -> ScenarioSpec:
        raw_total, _sep, method = code.partition(":")
        try:
            total = Decimal(raw_total.replace(",", "").strip())
            ok = total.is_finite() and 0 < total < LARGEST and total == total.quantize(CENT)
        except InvalidOperation:
            ok = False
        if not ok:
            message = _("方案总额“%(total)s”不是大于 0、最多两位小数的金额")
            raise ValidationError({field_name: message % {"total": raw_total}})
        if method not in METHODS:
            message = _("未知的分配方法：%(method)s（可用：%(known)s）")
            known = "、".join(METHODS)
            raise ValidationError({field_name: message % {"method": method, "known": known}})
        return cls(total, method)


@dataclass
class MemberFigure:
    key: str
    label: str
    value: Decimal
    last_year: Decimal | None
    growth: Decimal | None
    probability: float | None  # float ok: the chance of reaching ``value``
    commission: Decimal | None = None
    # ``last_year`` stops on the last day with facts (no forecast finished it): the growth
    # is against an incomplete year.
    last_year_partial: bool = False


@dataclass
class Scenario:
    spec: ScenarioSpec
    decomposition: DecompositionSpec
    rows: list[MemberFigure]
    probability: float | None  # float ok: the chance the whole total is reached
    last_year: Decimal | None
    commission: Decimal | None  # None: no one's plan prices these quotas
    # The last day with facts when last year's span runs past it (None: last year is
    # complete), and whether the forecast of the rest of it finished last year's figures.
    last_year_through: dt.date | None = None
    last_year_forecast: bool = False
    # Its split by last year's share weighed last year finished at the year before's pace
    # (targets' preview does so where there is a year before; the page shows it so far).
    shares_paced: bool = False

    @property
    def growth(self) -> Decimal | None:
        return implied_growth(self.spec.total, self.last_year)

    @property
    def share_reaching(self) -> float | None:
        return expected_share_reaching([r.probability for r in self.rows])

    @property
    def label(self) -> str:
        return str(METHODS[self.spec.method])


@dataclass
class ScenarioTable:
    target: Target
    axis: str
    run: ForecastRun | None
    scenarios: list[Scenario] = field(default_factory=list)
    # Each person's months (pricing monthly and quarterly commission), by person.
    shapes: dict[int, MonthShape] = field(default_factory=dict)

    @property
    def quota_bases(self) -> list[tuple[str, int]]:
        """What the people's quotas were spread over the months by, with how many people:
        the plan's own month targets, or last year's months as a fallback."""
        counts = dict.fromkeys(QUOTA_BASES, 0)
        for shape in self.shapes.values():
            counts[shape.quota_basis] += 1
        return [(str(QUOTA_BASES[b]), n) for b, n in counts.items() if n]

    @property
    def last_year_through(self) -> dt.date | None:
        return self.scenarios[0].last_year_through if self.scenarios else None

    @property
    def last_year_forecast(self) -> bool:
        return bool(self.scenarios) and self.scenarios[0].last_year_forecast

    @property
    def history_split(self) -> bool:
        """A scenario splits by last year's share (its shares are of last year so far)."""
        return any(s.spec.method == "history" for s in self.scenarios)

    @property
    def history_paced(self) -> bool:
        """The scenarios by last year's share weighed last year finished at the year
        before's pace."""
        return any(s.spec.method == "history" and s.shares_paced for s in self.scenarios)

    @property
    def members(self) -> list[tuple[str, list[MemberFigure]]]:
        """Per member, its figure in each scenario (side by side)."""
        if not self.scenarios:
            return []
        first = self.scenarios[0].rows
        return [(row.label, [s.rows[i] for s in self.scenarios]) for i, row in enumerate(first)]


def scenario_axis_default(target: Target) -> str:
    """Split to the sub-units when the target's unit has any (a company to its regions), else
    to the people: a company's target split to the few people filed at its top is no plan."""
    sub_units = OrgNode.objects.filter(parent_id=target.node_id, is_active=True)
    if target.person_id is None and target.node_id is not None and sub_units.exists():
        return ax.ORG
    return ax.PEOPLE


def scenario_defaults(target: Target) -> list[ScenarioSpec]:
    """The target's own value split three ways, and 10% more by last year's share."""
    value = target.value.quantize(CENT)
    return [
        ScenarioSpec(value, "history"),
        ScenarioSpec(value, "forecast"),
        ScenarioSpec(value, "equal"),
        ScenarioSpec((value * Decimal("1.1")).quantize(CENT), "history"),
    ]


def _probe(
    target: Target, coords: dict[str, Any], span: tuple[dt.date, dt.date] | None = None
) -> SimpleNamespace:
    """What a child of ``target`` at ``coords`` would look like to the outlook reader (over
    ``span`` instead of the target's period when given)."""
    node = coords.get("node")
    person = coords.get("person")
    start, end = span or (target.period_start, target.period_end)
    return SimpleNamespace(
        metric=target.metric,
        node_id=node.pk if node is not None else target.node_id,
        person_id=person.pk if person is not None else target.person_id,
        period_start=start,
        period_end=end,
        value=None,
        base_value=None,
        challenge_value=None,
        **{d: getattr(target, d) for d in DIMENSIONS},
    )


def _chance(item: TargetOutlook | None, value: Decimal) -> float | None:
    if item is None or item.outlook is None:
        return None
    return item.outlook.probability(float(value))  # float ok: into the distribution


def decomposition_of(
    spec: ScenarioSpec, axis: str, member_outlooks: dict[str, TargetOutlook]
) -> DecompositionSpec:
    """Targets' decomposition spec for a scenario's method."""
    if spec.method == "history":
        return DecompositionSpec(axes=(axis,), method=AllocationMethod.HISTORY.value)
    if spec.method == "forecast":
        weights = {
            key: max(item.p50 or Decimal(0), Decimal(0)) for key, item in member_outlooks.items()
        }
        if any(weights.values()):
            return DecompositionSpec(
                axes=(axis,), method=AllocationMethod.WEIGHTS.value, weights=weights
            )
    return DecompositionSpec(axes=(axis,), method=AllocationMethod.EQUAL.value)


def member_outlooks(target: Target, axis: str, run: ForecastRun | None) -> dict[str, TargetOutlook]:
    """Each member's outlook for the target's period, by member key (one read for all)."""
    members = ax.members(target, axis)
    items = outlooks([_probe(target, m.coords) for m in members], run)
    return {m.key: item for m, item in zip(members, items, strict=True)}


def scenarios_compare(
    *, target: Target, axis: str, specs: list[ScenarioSpec], by: User
) -> ScenarioTable:
    """Each scenario split and weighed; ValidationError naming what cannot be modelled."""
    if target.metric != FORECAST_METRIC:
        raise ValidationError({"target": _("方案测算目前只针对销售额目标。")})
    if axis not in AXES:
        raise ValidationError({"axis": _("方案按人员或下级组织分配。")})
    if not specs or len(specs) > MAX_SCENARIOS:
        raise ValidationError({"scenario": _("请给出 1 到 %(n)s 个方案。") % {"n": MAX_SCENARIOS}})
    run = latest_run()
    per_member = member_outlooks(target, axis, run)
    (whole,) = outlooks([_probe(target, {})], run)
    table = ScenarioTable(target, axis, run)
    if axis == ax.PEOPLE:
        table.shapes = _shapes(target, per_member, run)
    rest: dict[str, Decimal] | None = None
    for i, spec in enumerate(specs):
        decomposition = decomposition_of(spec, axis, per_member)
        at_total = copy.copy(target)
        at_total.value = spec.total
        preview = decomposition_preview(target=at_total, spec=decomposition, by=by)
        if i == 0:  # the members and last year are the same in every scenario
            rest = _year_rest(target, axis, preview, run)
        rows = [
            MemberFigure(
                key=r.key,
                label=r.label,
                value=r.value,
                last_year=_finished(r, rest),
                growth=implied_growth(r.value, _finished(r, rest)),
                probability=_chance(per_member.get(r.key), r.value),
                last_year_partial=(r.last_year_partial or r.last_year_paced) and rest is None,
            )
            for r in preview.rows
        ]
        commission = _commission(target, axis, rows, per_member, run, table.shapes)
        known = [r.last_year for r in rows if r.last_year is not None]
        table.scenarios.append(
            Scenario(
                spec=spec,
                decomposition=decomposition,
                rows=rows,
                probability=_chance(whole, spec.total),
                last_year=sum(known, Decimal(0)) if known else None,
                commission=commission,
                last_year_through=preview.last_year_through,
                last_year_forecast=rest is not None,
                shares_paced=any(r.last_year_paced for r in preview.rows),
            )
        )
    return table


def _year_rest(
    target: Target, axis: str, preview: Preview, run: ForecastRun | None
) -> dict[str, Decimal] | None:
    """The forecast of the rest of last year for every member that has a last year, by
    member key; None when last year is complete or the forecast does not cover all of it."""
    through = preview.last_year_through
    if through is None:
        return None
    span = period_year_ago(period_parse(target.period))
    members = {m.key: m for m in ax.members(target, axis)}
    probes = {r.key: _probe(target, members[r.key].coords, span) for r in preview.rows}
    rest = year_rest_forecast(probes, run, through=through, end=span[1])
    if rest is None or any(r.last_year is not None and r.key not in rest for r in preview.rows):
        return None
    return rest


def _finished(row: PreviewRow, rest: dict[str, Decimal] | None) -> Decimal | None:
    """The row's last year so far, finished with the forecast of its rest when there is one
    (the preview's own figure may be finished at the year before's pace: this page shows the
    facts so far, or the facts and the forecast)."""
    so_far = row.last_year_so_far if row.last_year_paced else row.last_year
    if rest is None or so_far is None:
        return so_far
    return so_far + rest[row.key]


def _person_of(key: str) -> int:
    return int(key.split(":")[1])


def _shapes(
    target: Target, per_member: dict[str, TargetOutlook], run: ForecastRun | None
) -> dict[int, MonthShape]:
    """Each person's months: sales by their forecast, the quota by the plan's month
    targets (theirs, else the unit's) when it has them, else by last year's months."""
    people = {_person_of(key): item for key, item in per_member.items()}
    planned = plan_month_quotas(target, people)
    return {
        person_id: month_shape(
            item.stored,
            run,
            target.period_start,
            target.period_end,
            plan_months=planned.get(person_id) or planned.get(None),
        )
        for person_id, item in people.items()
        if item.outlook is not None
    }


def _commission(
    target: Target,
    axis: str,
    rows: list[MemberFigure],
    per_member: dict[str, TargetOutlook],
    run: ForecastRun | None,
    shapes: dict[int, MonthShape],
) -> Decimal | None:
    """The people's expected commission under these quotas (people only: a unit's quota is
    not what a person is paid on)."""
    if axis != ax.PEOPLE:
        return None
    quotas = {}
    for row in rows:
        item = per_member.get(row.key)
        if item is not None and item.outlook is not None:
            quotas[_person_of(row.key)] = (row.value, item.outlook)
    found = expected_commissions(
        metric=target.metric,
        start=target.period_start,
        end=target.period_end,
        quotas=quotas,
        shapes=shapes,
        today=run.last_fact_day if run is not None else None,
    )
    for row in rows:
        row.commission = found.get(_person_of(row.key))
    return sum(found.values(), Decimal(0)) if found else None
