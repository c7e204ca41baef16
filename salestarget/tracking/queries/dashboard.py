"""The dashboard (销售仪表板) of one subject — the company, a unit, or a person — for one
metric and period, as of a date: its figure, its children's, any dimension's, and several
key metrics at once. The charts' series are in ``series``, the subjects in ``subjects``, the
frame in ``frame``.

A *frame* fixes metric, period, plan (optional) and date. A *subject* is an org node (with its
subtree), a person (all their facts), or a person inside a node (their facts credited to it,
so a team's people add up to the team). Targets come from the frame's plan where it has one at
exactly the subject's coordinates and period; drilling below the plan's own split shows actuals
only. Every subject is checked against the caller's scope before anything is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy

from salestarget.catalog.models import (
    Channel,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
)
from salestarget.core.metrics import MetricDefinition, evaluate
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, quantize
from salestarget.core.tracking import TrackingResult
from salestarget.org.models import Membership, OrgNode, Role
from salestarget.org.scoping import Scope
from salestarget.tracking.outlooks import OutlookFigure, outlook_figures, outlooks_provided
from salestarget.tracking.queries.frame import Frame
from salestarget.tracking.queries.subjects import Subject
from salestarget.tracking.queries.sums import (
    DIMENSION_GROUPS,
    fact_sums,
    grouped_sums,
)
from salestarget.tracking.queries.tree import TargetRow
from salestarget.tracking.queries.uncosted import facts_read, uncosted_note, uncosted_of

DIMENSIONS = tuple(DIMENSION_GROUPS)
NO_DIMENSIONS = {f"{d}__isnull": True for d in DIMENSIONS}
DIMENSION_LABELS_ORG = gettext_lazy("下级组织与人员")
DIMENSION_LABELS = {
    "product_category": gettext_lazy("产品大类"),
    "product_line": gettext_lazy("产品线"),
    "product": gettext_lazy("产品"),
    "region": gettext_lazy("区域"),
    "customer_type": gettext_lazy("客户类型"),
    "channel": gettext_lazy("渠道"),
}


# -- figures -------------------------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    actual: Decimal | None
    last_year: Decimal | None = None
    target: TargetRow | None = None
    result: TrackingResult | None = None
    drill: str = ""  # subject code to drill into
    note: str = ""
    outlook: OutlookFigure | None = None  # forecasting's, when it provides one
    # Revenue of unknown cost the actual leaves out (metrics that read the cost: gross profit)
    uncosted: Decimal | None = None

    @property
    def uncosted_note(self) -> str:
        return uncosted_note(self.uncosted)

    @property
    def status(self) -> str:
        return self.result.status.value if self.result and self.result.status else ""

    @property
    def growth(self) -> Decimal | None:
        """Change against last year's same span (同比), as a fraction."""
        if self.actual is None or not self.last_year:
            return None
        return quantize(
            DECIMAL_CONTEXT.divide(self.actual - self.last_year, abs(self.last_year)),
            RATIO_PLACES,
        )


def figures(frame: Frame, subjects: list[Subject]) -> list[Figure]:
    """Each subject's figure in the frame: actual to date, last year's, target and tracking."""
    if not subjects:
        return []
    start, day = frame.span
    ly_start, ly_day = frame.last_year_span
    cells = [s.cell(start, day) for s in subjects] + [s.cell(ly_start, ly_day) for s in subjects]
    metric = frame.metric
    sums = [s for s, _n in fact_sums(facts_read(metric), cells, version=frame.version)]
    values = [None if s is None else evaluate(metric, s) for s in sums]
    n = len(subjects)
    out = []
    for i, s in enumerate(subjects):
        actual = values[i] if frame.started else None
        fig = Figure(
            key=s.code,
            label=s.label,
            actual=actual,
            last_year=values[n + i],
            drill=s.code,
            uncosted=uncosted_of(metric, sums[i]) if frame.started else None,
        )
        fig.target = frame.target_of(s)
        if fig.target is not None:
            if not frame.started and frame.metric.accumulates:
                actual = Decimal(0)
            fig.result = frame.progress.track(
                Decimal(fig.target.value), actual, frame.period, frame.day
            )
        out.append(fig)
    return out


def outlooks_attach(frame: Frame, rows: list[Figure]) -> bool:
    """Give each figure with a target its statistical outlook (from the stored forecasts,
    through the provider forecasting registers); whether any got one."""
    targeted = [f for f in rows if f.target is not None]
    if not targeted or not outlooks_provided():
        return False
    for fig, outlook in zip(
        targeted, outlook_figures([f.target for f in targeted], frame.day), strict=True
    ):
        fig.outlook = outlook
    return any(f.outlook is not None for f in targeted)


def children(frame: Frame, subject: Subject, scope: Scope) -> list[Subject]:
    """The org units below a node, then the people who belonged to it during the period (their
    facts credited to it). A person has no children."""
    node = subject.node
    if subject.person is not None or node is None:
        return []
    kids = [
        Subject(node=n)
        for n in OrgNode.objects.filter(parent=node, is_active=True).order_by("sort_order", "code")
        if scope.can_view_node(n)
    ]
    start, end = frame.period.start, frame.period.end
    members = (
        Membership.objects.filter(node=node, valid_from__lte=end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=start))
        .filter(person__in=scope.people())
        .select_related("person")
        .order_by("-is_manager", "person__employee_no")
    )
    seen: set[int] = set()
    for m in members:
        if m.person_id not in seen:
            seen.add(m.person_id)
            kids.append(Subject(node=node, person=m.person))
    return kids


def drop_idle_managers(rows: list[Figure], subjects: list[Subject]) -> list[Figure]:
    """People who lead the unit or do not sell (managers, finance, admin) and neither sell nor
    carry a target are not its members' peers; an idle rep stays (that is news too)."""
    managers = set(
        Membership.objects.filter(
            is_manager=True,
            person_id__in=[s.person.pk for s in subjects if s.person is not None],
        ).values_list("person_id", flat=True)
    )
    kept = []
    for fig, s in zip(rows, subjects, strict=True):
        idle = not fig.actual and fig.target is None and not fig.last_year
        if s.person is not None and idle and (s.person.pk in managers or s.person.role != Role.REP):
            continue
        kept.append(fig)
    return kept


# -- dimensions ----------------------------------------------------------------------------------

_MEMBER_MODELS: dict[str, Any] = {
    "product_category": ProductCategory,
    "product_line": ProductLine,
    "product": Product,
    "region": Region,
    "customer_type": CustomerType,
    "channel": Channel,
}


def breakdown(frame: Frame, subject: Subject, dim: str) -> list[Figure] | None:
    """The subject's actual by member of ``dim`` (regions by top-level area), with last year's
    and, where the plan has one at this node, the member's target; largest first. None when the
    metric's facts are not recorded by that dimension."""
    if dim not in DIMENSION_GROUPS:
        raise ValueError(f"unknown dimension {dim!r}")
    start, day = frame.span
    ly_start, ly_day = frame.last_year_span
    kwargs: dict[str, Any] = {
        "group": dim,
        "node": subject.node,
        "person_id": subject.person.pk if subject.person else None,
        "version": frame.version,
    }
    names = facts_read(frame.metric)
    now = grouped_sums(names, start=start, end=day, **kwargs)
    if now is None:
        return None
    before = grouped_sums(names, start=ly_start, end=ly_day, **kwargs) or {}
    if not frame.started:
        now = {}
    labels, mapping = _members(dim, set(now) | set(before))
    now, before = _regroup(now, mapping), _regroup(before, mapping)
    targets = {
        getattr(t, f"{dim}_id"): t
        for t in frame.plan_targets
        if t.period_start == frame.period.start
        and t.period_end == frame.period.end
        and subject.person is None
        and subject.node is not None
        and t.node_id == subject.node.pk
        and t.person_id is None
        and getattr(t, f"{dim}_id")
    }
    rows = []
    for key in set(now) | set(before) | set(targets):
        actual = evaluate(frame.metric, now[key]) if key in now else None
        if actual is None and frame.started and frame.metric.accumulates:
            actual = Decimal(0)
        fig = Figure(
            key=str(key),
            label=labels.get(key, str(key)),
            actual=actual,
            last_year=evaluate(frame.metric, before[key]) if key in before else None,
            uncosted=uncosted_of(frame.metric, now.get(key)),
        )
        target = targets.get(key)
        if target is not None:
            fig.target = target
            fig.result = frame.progress.track(
                Decimal(target.value), fig.actual, frame.period, frame.day
            )
        rows.append(fig)
    rows.sort(key=lambda f: (-(f.actual or Decimal(0)), f.label))
    return rows


def _members(dim: str, keys: set[Any]) -> tuple[dict[Any, str], dict[Any, Any]]:
    """Labels of the members, and a mapping of raw keys (leaf regions) to shown members."""
    model = _MEMBER_MODELS[dim]
    if dim == "region":
        regions = {r.pk: r for r in Region.objects.all()}
        mapping = {}
        for key in keys:
            r = regions.get(key)
            top = int(r.path.strip("/").split("/")[0]) if r and r.path else key
            mapping[key] = top
        return {pk: r.name for pk, r in regions.items()}, mapping
    names = dict(
        model.objects.filter(pk__in=[k for k in keys if k is not None]).values_list("pk", "name")
    )
    return names, {k: k for k in keys}


def _regroup(
    sums: dict[Any, dict[str, Decimal]], mapping: dict[Any, Any]
) -> dict[Any, dict[str, Decimal]]:
    out: dict[Any, dict[str, Decimal]] = {}
    for key, s in sums.items():
        bucket = out.setdefault(mapping.get(key, key), {})
        for name, value in s.items():
            bucket[name] = bucket.get(name, Decimal(0)) + value
    return out


# -- key metrics ---------------------------------------------------------------------------------

MONEY_METRICS = ("revenue", "gross_profit", "collections", "expense_rate")
KEY_METRICS = ("revenue", "gross_profit", "collections", "expense_rate", "new_customers")


def key_metrics(
    frame: Frame, subject: Subject, codes: tuple[str, ...]
) -> list[tuple[MetricDefinition, Figure]]:
    """Several metrics of one subject in the frame's span, with last year's: one read."""
    from salestarget.targets.company_metrics import metric_definition, metric_name

    start, day = frame.span
    ly_start, ly_day = frame.last_year_span
    metrics = [metric_definition(c) for c in codes]
    names = sorted({n for m in metrics for n in facts_read(m)})
    cells = [subject.cell(start, day), subject.cell(ly_start, ly_day)]
    (now, _n), (before, _b) = fact_sums(names, cells, version=frame.version)
    out = []
    for metric in metrics:
        out.append(
            (
                metric,
                Figure(
                    key=metric.code,
                    label=metric_name(metric.code),
                    actual=evaluate(metric, now) if frame.started and now is not None else None,
                    last_year=evaluate(metric, before) if before is not None else None,
                    uncosted=uncosted_of(metric, now) if frame.started else None,
                ),
            )
        )
    return out
