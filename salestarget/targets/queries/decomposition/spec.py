"""What a decomposition is asked for (``DecompositionSpec``) and what it gives (``Preview`` of rows,
columns and cells), with the labels of its methods and fallbacks."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from salestarget.core.allocation import (
    AllocationMethod,
    uplifted,
)
from salestarget.core.metrics import MetricDefinition
from salestarget.core.outliers import OutlierReason
from salestarget.targets import axes as ax
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.models import (
    Target,
)
from salestarget.targets.proposals import implied_growth

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
class DecompositionSpec:
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
        jsonable: dict[str, Any] = _jsonable(data)
        return jsonable

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DecompositionSpec:
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
    # Its year-ago span runs past the last day with facts: last year "so far", and the
    # growth is against an incomplete year (``Preview.last_year_through``).
    last_year_partial: bool = False
    # ``last_year`` is finished at the year before's pace (``targets.year_ago``); its facts
    # to ``Preview.last_year_through`` are ``last_year_so_far`` (None: none yet).
    last_year_paced: bool = False
    last_year_so_far: Decimal | None = None
    old_value: Decimal | None = None
    is_new: bool = True
    cells: list[PreviewRow] = field(default_factory=list)
    # Zero, or far below the median of the split (core.outliers.small_shares): warned about
    # before saving, since an achievement against it will be absurd.
    outlier: tuple[OutlierReason, ...] = ()

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
    last_year_partial: bool = False
    last_year_paced: bool = False
    last_year_so_far: Decimal | None = None


@dataclass
class Preview:
    target: Target
    spec: DecompositionSpec
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
    # The last day with facts when the year-ago span of the target's period runs past it:
    # last year's figures are "so far" and the growths on them read too high (the page and
    # the API say so); None when last year is complete.
    last_year_through: dt.date | None = None
    # Years of the split counted in working days that have no calendar entries (Mon–Fri).
    calendar_missing_years: list[int] = field(default_factory=list)

    def _year_ago_figures(self) -> list[PreviewRow | ColumnTotal]:
        cells = [c for r in self.rows for c in r.cells]
        return [*self.rows, *cells, *self.columns]

    @property
    def any_paced(self) -> bool:
        """Some last-year figure is finished at the year before's pace."""
        return any(f.last_year_paced for f in self._year_ago_figures())

    @property
    def any_partial(self) -> bool:
        """Some last-year figure stops on the last day with facts (it could not be paced)."""
        return any(f.last_year_partial for f in self._year_ago_figures())

    @property
    def small_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.outlier]

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
