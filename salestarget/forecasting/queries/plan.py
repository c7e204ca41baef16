"""The outlook page of a plan: each current target tracked (run rate) and forecast, with
the method's backtest accuracy beside it, the accuracy of each level of series, and the
reliability of past probabilities."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Q

from salestarget.core.forecasting import ReliabilityRow, reliability
from salestarget.core.metrics import Direction, MetricDefinition
from salestarget.core.tracking import TrackingResult
from salestarget.forecasting.labels import KINDS
from salestarget.forecasting.models import ForecastRun, StoredForecast
from salestarget.forecasting.queries.outlook import FORECAST_METRIC, TargetOutlook, outlooks
from salestarget.org.scoping import Scope
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import TargetPlan
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import plan_progress
from salestarget.tracking.queries.tree import plan_target_rows, track_targets


@dataclass
class OutlookRow:
    outlook: TargetOutlook
    tracking: TrackingResult

    @property
    def target(self):  # type: ignore[no-untyped-def]
        return self.outlook.target


@dataclass
class PlanOutlook:
    plan: TargetPlan
    run: ForecastRun | None
    rows: list[OutlookRow] = field(default_factory=list)
    metric: MetricDefinition | None = None  # how its figures read (unit, direction)

    @property
    def lower_is_better(self) -> bool:
        return self.metric is not None and self.metric.direction is Direction.LOWER_IS_BETTER


def plan_outlook(plan: TargetPlan, scope: Scope, run: ForecastRun | None) -> PlanOutlook:
    """The plan's visible targets whose period is not over when the run starts, in the
    plan's metric."""
    targets = plan_target_rows(plan, scope)
    if run is not None:
        targets = [t for t in targets if t.period_end >= run.first_month]
    if not targets or run is None:
        return PlanOutlook(plan, run, metric=metric_definition(plan.metric))
    version = facts_version()
    span = (min(t.period_start for t in targets), max(t.period_end for t in targets))
    progress = plan_progress(plan, span=span, version=version)
    at = run.last_fact_day or run.first_month
    tracked = track_targets(targets, progress, at, version=version)
    rows = [
        OutlookRow(o, result)
        for o, (_period, result) in zip(outlooks(targets, run), tracked, strict=True)
    ]
    return PlanOutlook(plan, run, rows, metric=progress.metric)


def run_reliability(run: ForecastRun | None) -> tuple[list[ReliabilityRow], int]:
    """How the probabilities held on the company's own targets of the past year (every
    kind of series together), and how many targets that is."""
    if run is None:
        return [], 0
    calls = [c for kind in run.calls.values() for c in kind]
    if not calls:
        return [], 0
    return reliability([c[0] for c in calls], [bool(c[1]) for c in calls], bins=5), len(calls)


@dataclass(frozen=True)
class LevelAccuracy:
    """A level's backtest (people, units, units × product line …): the mean over its series
    with a backtest (``core.forecasting.mean_accuracy``'s figure, read in one GROUP BY),
    beside seasonal naive's on the same windows, and how many series beat it."""

    kind: str
    series: int
    mase: float | None  # float ok: an error ratio
    smape: float | None  # float ok: an error ratio
    bias: float | None  # float ok: an error ratio
    naive_mase: float | None  # float ok: an error ratio
    naive_smape: float | None  # float ok: an error ratio
    beating_naive: int

    @property
    def label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))


def level_accuracy(run: ForecastRun | None) -> list[LevelAccuracy]:
    """Each kind of series' mean backtest error in the run, in the order of ``KINDS``."""
    if run is None:
        return []
    rows = {
        row["kind"]: row
        for row in StoredForecast.objects.filter(run=run, metric=FORECAST_METRIC, windows__gt=0)
        .values("kind")
        .annotate(
            series=Count("pk"),
            mean_mase=Avg("mase"),
            mean_smape=Avg("smape"),
            mean_bias=Avg("bias"),
            mean_naive_mase=Avg("naive_mase"),
            mean_naive_smape=Avg("naive_smape"),
            beating=Count("pk", filter=Q(mase__lt=F("naive_mase"))),
        )
        .order_by()
    }
    return [
        LevelAccuracy(
            kind=kind,
            series=row["series"],
            mase=row["mean_mase"],
            smape=row["mean_smape"],
            bias=row["mean_bias"],
            naive_mase=row["mean_naive_mase"],
            naive_smape=row["mean_naive_smape"],
            beating_naive=row["beating"],
        )
        for kind in KINDS
        if (row := rows.get(kind)) is not None
    ]
