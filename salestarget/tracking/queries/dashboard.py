"""The dashboard (销售仪表板) of one subject — the company, a unit, or a person — for one
metric and period, as of a date: its figure, its children's, any dimension's, and the series
the charts draw (cumulative actual against the expected curve, month by month against target
and last year).

A *frame* fixes metric, period, plan (optional) and date. A *subject* is an org node (with its
subtree), a person (all their facts), or a person inside a node (their facts credited to it,
so a team's people add up to the team). Targets come from the frame's plan where it has one at
exactly the subject's coordinates and period; drilling below the plan's own split shows actuals
only. Every subject is checked against the caller's scope before anything is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
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
from salestarget.core.periods import Period, PeriodKind
from salestarget.core.tracking import TrackingResult
from salestarget.org.models import CompanySettings, Membership, OrgNode, Person, Role
from salestarget.org.models import ProgressBasis as ProgressBasisChoice
from salestarget.org.scoping import Scope
from salestarget.targets.calendar import fiscal_calendar
from salestarget.targets.cells import Cell
from salestarget.targets.models import Status, Target, TargetPlan
from salestarget.targets.permissions import target_q
from salestarget.targets.queries import plans_visible
from salestarget.tracking.queries.context import (
    AsOf,
    Progress,
    default_progress,
    period_of,
    plan_progress,
    year_back,
)
from salestarget.tracking.queries.sums import (
    DIMENSION_GROUPS,
    fact_sums,
    grouped_sums,
    metric_values,
)
from salestarget.tracking.queries.tree import TargetRow, target_rows
from salestarget.ui.params import DB_MAX

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


def basis_label(basis: str) -> str:
    return str(ProgressBasisChoice(str(basis)).label)


# -- subjects -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    node: OrgNode | None = None
    person: Person | None = None

    @property
    def code(self) -> str:
        parts = []
        if self.person is not None:
            parts.append(f"p{self.person.pk}")
        if self.node is not None:
            parts.append(f"n{self.node.pk}")
        return ".".join(parts)

    @property
    def label(self) -> str:
        if self.person is not None:
            return self.person.name
        return self.node.name if self.node is not None else ""

    @property
    def is_person(self) -> bool:
        return self.person is not None

    def cell(self, start: dt.date, end: dt.date) -> Cell:
        return Cell(
            start=start,
            end=end,
            node_id=self.node.pk if self.node is not None else None,
            person_id=self.person.pk if self.person is not None else None,
        )


def subject_default(scope: Scope) -> Subject:
    """The top of what the user sees: the company, their subtree, or themself."""
    if scope.is_rep or (not scope.everything and not scope.root_paths):
        person = Person.objects.filter(pk=scope.person_id).first()
        return Subject(person=person)
    if scope.everything:
        root = OrgNode.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
        return Subject(node=root)
    return Subject(node=OrgNode.objects.filter(path=scope.root_paths[0]).first())


def subject_parse(code: str | None, scope: Scope) -> Subject:
    """``"n5"``, ``"p9"`` or ``"p9.n5"``; PermissionDenied outside the scope, ValueError when
    malformed or unknown."""
    if not code:
        return subject_default(scope)
    person: Person | None = None
    node: OrgNode | None = None
    for part in code.split("."):
        if len(part) < 2 or part[0] not in "pn" or not part[1:].isdigit() or int(part[1:]) > DB_MAX:
            raise ValueError(f"bad subject {code!r}")
        if part[0] == "p":
            person = Person.objects.filter(pk=int(part[1:])).first()
            if person is None:
                raise ValueError(f"no person {part}")
        else:
            node = OrgNode.objects.filter(pk=int(part[1:])).first()
            if node is None:
                raise ValueError(f"no node {part}")
    if person is not None:
        scope.require_person(person)
    elif node is not None:
        scope.require_node(node)
    if person is not None and node is not None and not scope.is_rep:
        scope.require_node(node)
    return Subject(node=node, person=person)


def subject_path(subject: Subject, scope: Scope) -> list[Subject]:
    """Breadcrumbs from the top of the scope down to ``subject``."""
    crumbs: list[Subject] = []
    node = subject.node
    if node is not None:
        ids = node.ancestor_ids
        nodes = {n.pk: n for n in OrgNode.objects.filter(pk__in=ids)}
        for pk in ids:
            n = nodes.get(pk)
            if n is not None and scope.can_view_node(n) and n.pk != node.pk:
                crumbs.append(Subject(node=n))
        if subject.person is not None:
            crumbs.append(Subject(node=node))
    crumbs.append(subject)
    return crumbs


# -- the frame -------------------------------------------------------------------------------------


@dataclass
class Frame:
    metric: MetricDefinition
    plan: TargetPlan | None
    period: Period
    as_of: AsOf
    progress: Progress
    version: str
    plan_targets: list[TargetRow] = field(default_factory=list)
    scope: Scope | None = None

    @property
    def day(self) -> dt.date:
        """The tracking date inside the period (its last day once it is over)."""
        return min(self.as_of.day, self.period.end)

    @property
    def started(self) -> bool:
        return self.as_of.day >= self.period.start

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The days with actuals so far."""
        return self.period.start, self.day

    @property
    def last_year_span(self) -> tuple[dt.date, dt.date]:
        return year_back(self.period.start), year_back(self.day)


def default_plan(scope: Scope, day: dt.date) -> TargetPlan | None:
    """The plan the dashboard opens with: one running on ``day`` (approved first, revenue
    first, the widest scope first), else the latest visible plan."""
    plans = list(plans_visible(scope))
    if not plans:
        return None
    running = [p for p in plans if _plan_span(p)[0] <= day <= _plan_span(p)[1]] or plans
    order = {Status.LOCKED: 0, Status.APPROVED: 1, Status.SUBMITTED: 2, Status.DRAFT: 3}
    running.sort(
        key=lambda p: (
            order.get(p.status, 9),
            p.metric != "revenue",
            p.scope_node.depth,
            -_plan_span(p)[1].toordinal(),
        )
    )
    return running[0]


def _plan_span(plan: TargetPlan) -> tuple[dt.date, dt.date]:
    parsed = fiscal_calendar().parse(plan.period)
    return parsed.start, parsed.end


def plan_periods(plan: TargetPlan, scope: Scope) -> list[Period]:
    """The periods the plan has (visible) targets for, longest first then by date."""
    rows = (
        Target.objects.filter(target_q(scope), plan=plan)
        .values_list("period", "period_start", "period_end")
        .order_by()
        .distinct()
    )
    year_start_month = CompanySettings.current().fiscal_year_start_month
    periods = {period_of(label, s, e, year_start_month=year_start_month) for label, s, e in rows}
    return sorted(periods, key=lambda p: (p.kind.rank, p.start))


def frame_build(
    *,
    scope: Scope,
    metric: MetricDefinition,
    plan: TargetPlan | None,
    period: Period,
    as_of: AsOf,
    version: str,
) -> Frame:
    """The frame, with the plan's visible targets for exactly ``period``."""
    targets: list[TargetRow] = []
    if plan is not None:
        targets = target_rows(plan, scope, period_start=period.start, period_end=period.end)
        plan_start, plan_end = _plan_span(plan)
        span = (min(plan_start, period.start), max(plan_end, period.end))
        progress = plan_progress(plan, span=span, version=version)
    else:
        progress = default_progress(metric, (period.start, period.end))
    return Frame(metric, plan, period, as_of, progress, version, targets, scope)


def period_choice(code: str | None, fallback: Period) -> Period:
    if code:
        try:
            return fiscal_calendar().parse(code)
        except ValueError:
            pass
    return fallback


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


def _target_for(frame: Frame, subject: Subject) -> TargetRow | None:
    for t in frame.plan_targets:
        if t.has_dimensions:
            continue
        if subject.person is not None:
            if t.person_id == subject.person.pk:
                return t
        elif t.person_id is None and subject.node is not None and t.node_id == subject.node.pk:
            return t
    return None


def _month_targets(frame: Frame, subject: Subject, year: Period) -> dict[dt.date, Decimal]:
    """The subject's monthly targets in the frame's plan over ``year``, by month start. A unit
    without month targets of its own, on an accumulating metric, shows the sum of the month
    targets at the bottom of its split (its people's months, say)."""
    if frame.plan is None or frame.scope is None:
        return {}
    common: dict[str, Any] = {
        "period_start__gte": year.start,
        "period_end__lte": year.end,
        **NO_DIMENSIONS,
    }
    if subject.person is not None:
        rows = target_rows(frame.plan, frame.scope, person_id=subject.person.pk, **common)
    else:
        node = subject.node
        rows = target_rows(
            frame.plan,
            frame.scope,
            node_id=node.pk if node else None,
            person__isnull=True,
            **common,
        )
        if not _months_only(rows) and frame.metric.accumulates and node is not None:
            rows = target_rows(
                frame.plan,
                frame.scope,
                node__path__startswith=node.path,
                children__isnull=True,
                **common,
            )
    totals: dict[dt.date, Decimal] = {}
    for t in _months_only(rows):
        totals[t.period_start] = totals.get(t.period_start, Decimal(0)) + Decimal(t.value)
    return totals


def _months_only(rows: list[TargetRow]) -> list[TargetRow]:
    return [
        t
        for t in rows
        if t.period_start.day == 1
        and (t.period_end + dt.timedelta(days=1)).day == 1
        and (t.period_end - t.period_start).days < 31
    ]


def figures(frame: Frame, subjects: list[Subject]) -> list[Figure]:
    """Each subject's figure in the frame: actual to date, last year's, target and tracking."""
    if not subjects:
        return []
    start, day = frame.span
    ly_start, ly_day = frame.last_year_span
    cells = [s.cell(start, day) for s in subjects] + [s.cell(ly_start, ly_day) for s in subjects]
    values = metric_values(frame.metric, cells, version=frame.version)
    n = len(subjects)
    out = []
    for i, s in enumerate(subjects):
        actual = values[i] if frame.started else None
        fig = Figure(
            key=s.code, label=s.label, actual=actual, last_year=values[n + i], drill=s.code
        )
        fig.target = _target_for(frame, s)
        if fig.target is not None:
            if not frame.started and frame.metric.accumulates:
                actual = Decimal(0)
            fig.result = frame.progress.track(
                Decimal(fig.target.value), actual, frame.period, frame.day
            )
        out.append(fig)
    return out


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
    now = grouped_sums(frame.metric.fact_names, start=start, end=day, **kwargs)
    if now is None:
        return None
    before = grouped_sums(frame.metric.fact_names, start=ly_start, end=ly_day, **kwargs) or {}
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


def _regroup(sums: dict[Any, dict[str, Decimal]], mapping: dict[Any, Any]) -> dict[Any, dict]:
    out: dict[Any, dict[str, Decimal]] = {}
    for key, s in sums.items():
        bucket = out.setdefault(mapping.get(key, key), {})
        for name, value in s.items():
            bucket[name] = bucket.get(name, Decimal(0)) + value
    return out


# -- series ---------------------------------------------------------------------------------------


@dataclass
class Series:
    labels: list[str]
    actual: list[Decimal | None]
    expected: list[Decimal | None]
    last_year: list[Decimal | None]
    target: list[Decimal | None] = field(default_factory=list)


def cumulative(frame: Frame, subject: Subject) -> Series:
    """Day by day over the period: the cumulative actual up to the date (a ratio metric: its
    running ratio of sums), the expected curve (target × time progress; a level target flat),
    and last year's cumulative on the same calendar days."""
    period = frame.period
    start, day = frame.span
    node = subject.node
    pid = subject.person.pk if subject.person else None
    names = frame.metric.fact_names
    now = (
        grouped_sums(
            names,
            start=start,
            end=day,
            group="day",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        if frame.started
        else {}
    ) or {}
    ly_start, ly_end = year_back(period.start), year_back(period.end)
    before = (
        grouped_sums(
            names,
            start=ly_start,
            end=ly_end,
            group="day",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        or {}
    )
    target = _target_for(frame, subject)
    labels: list[str] = []
    actual: list[Decimal | None] = []
    expected: list[Decimal | None] = []
    last_year: list[Decimal | None] = []
    running: dict[str, Decimal] = {n: Decimal(0) for n in names}
    running_ly: dict[str, Decimal] = {n: Decimal(0) for n in names}
    for d in period.dates():
        labels.append(d.isoformat())
        for n, v in now.get(d, {}).items():
            running[n] += v
        for n, v in before.get(year_back(d), {}).items():
            running_ly[n] += v
        actual.append(evaluate(frame.metric, running) if d <= day and frame.started else None)
        last_year.append(evaluate(frame.metric, running_ly))
        if target is None:
            expected.append(None)
        elif frame.metric.accumulates:
            progress, _left = frame.progress.at(period, d)
            expected.append(quantize(Decimal(target.value) * progress, frame.progress.decimals))
        else:
            expected.append(Decimal(target.value))
    return Series(labels, actual, expected, last_year)


def monthly(frame: Frame, subject: Subject) -> Series:
    """Month by month over the period (a period shorter than two months: its fiscal year):
    actual, the month's target where the plan has one, last year's."""
    period = frame.period
    if period.kind.rank >= PeriodKind.MONTH.rank:
        year = fiscal_calendar().period_of(PeriodKind.YEAR, period.start)
    else:
        year = period
    months = fiscal_calendar().subperiods(year, PeriodKind.MONTH)
    node = subject.node
    pid = subject.person.pk if subject.person else None
    names = frame.metric.fact_names
    end = min(frame.as_of.day, year.end)
    now = (
        grouped_sums(
            names,
            start=year.start,
            end=end,
            group="month",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        if frame.as_of.day >= year.start
        else {}
    ) or {}
    before = (
        grouped_sums(
            names,
            start=year_back(year.start),
            end=year_back(year.end),
            group="month",
            node=node,
            person_id=pid,
            version=frame.version,
        )
        or {}
    )
    targets = _month_targets(frame, subject, year)
    series = Series([], [], [], [], [])
    for m in months:
        series.labels.append(m.label)
        sums = now.get(m.start)
        started = m.start <= frame.as_of.day
        series.actual.append(
            evaluate(frame.metric, sums) if sums else (Decimal(0) if started else None)
        )
        ly = before.get(year_back(m.start))
        series.last_year.append(evaluate(frame.metric, ly) if ly else None)
        series.target.append(targets.get(m.start))
        series.expected.append(None)
    return series


# -- key metrics ---------------------------------------------------------------------------------

MONEY_METRICS = ("revenue", "gross_profit", "collections", "expense_rate")
KEY_METRICS = ("revenue", "gross_profit", "collections", "expense_rate", "new_customers")


def key_metrics(
    frame: Frame, subject: Subject, codes: tuple[str, ...]
) -> list[tuple[MetricDefinition, Figure]]:
    """Several metrics of one subject in the frame's span, with last year's: one read."""
    from salestarget.targets.metrics import metric_definition, metric_name

    start, day = frame.span
    ly_start, ly_day = frame.last_year_span
    metrics = [metric_definition(c) for c in codes]
    names = sorted({n for m in metrics for n in m.fact_names})
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
                ),
            )
        )
    return out
