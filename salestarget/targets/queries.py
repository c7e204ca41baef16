"""Reads of targets, always through the caller's scope, and the history context a planner
needs to judge a figure (last period, same period last year, trend)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from django.contrib.auth.models import User
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from salestarget.core.periods import Period
from salestarget.org.models import Membership, OrgNode, Person
from salestarget.org.scoping import Scope
from salestarget.targets.axes import DIMENSION_AXES
from salestarget.targets.calendar import fiscal_calendar, period_before, period_year_ago
from salestarget.targets.cells import Cell, actuals_for
from salestarget.targets.metrics import metric_definition
from salestarget.targets.models import (
    AdjustmentRequest,
    DraftRound,
    DraftStatus,
    PlanningStep,
    RoundStatus,
    Status,
    Target,
    TargetChange,
    TargetDraft,
    TargetPlan,
)
from salestarget.targets.permissions import is_above, target_q
from salestarget.targets.proposals import implied_growth, linear_trend_next

TARGET_RELATED = (
    "node",
    "person",
    "product_category",
    "product_line",
    "product",
    "region",
    "customer_type",
    "channel",
)


def targets_visible(scope: Scope) -> QuerySet[Target]:
    return Target.objects.filter(target_q(scope)).select_related(*TARGET_RELATED)


def plans_visible(scope: Scope) -> QuerySet[TargetPlan]:
    """Plans with at least one target the caller may see."""
    ids = Target.objects.filter(target_q(scope)).values("plan_id")
    return (
        TargetPlan.objects.filter(pk__in=ids)
        .select_related("scope_node", "owner")
        .order_by("-created_at")
    )


def plan_targets(plan: TargetPlan, scope: Scope) -> list[Target]:
    """The plan's targets the caller may see, depth first, siblings in their split order."""
    return tree_order(list(targets_visible(scope).filter(plan=plan)))


def tree_order(targets: list[Target]) -> list[Target]:
    """``targets`` depth first (a parent right before its children, siblings by sort order);
    a target whose parent is not in the list starts a tree of its own."""
    present = {t.pk for t in targets}
    children: dict[int | None, list[Target]] = {}
    for t in targets:
        children.setdefault(t.parent_id if t.parent_id in present else None, []).append(t)
    for group in children.values():
        group.sort(key=lambda t: (t.sort_order, t.pk))
    ordered: list[Target] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        t = stack.pop()
        ordered.append(t)
        stack.extend(reversed(children.get(t.pk, [])))
    return ordered


@dataclass
class TreeRow:
    target: Target
    level: int
    children_sum: Decimal | None = None
    expected_children_sum: Decimal | None = None
    has_children: bool = False
    draft_children: int = 0

    @property
    def mismatch(self) -> Decimal | None:
        """How far the children are from what the split should carry (0 when exact)."""
        if self.children_sum is None or self.expected_children_sum is None:
            return None
        return self.children_sum - self.expected_children_sum


def plan_tree(plan: TargetPlan, scope: Scope) -> list[TreeRow]:
    """Visible targets with their display level and the check that children add up."""
    from salestarget.targets.services.decomposition import expected_children_total

    targets = plan_targets(plan, scope)
    visible = {t.pk for t in targets}
    sums = {
        row["parent_id"]: (row["s"], row["n"], row["d"])
        for row in Target.objects.filter(plan=plan, parent__isnull=False)
        .values("parent_id")
        .annotate(s=Sum("value"), n=Count("pk"), d=Count("pk", filter=Q(status=Status.DRAFT)))
        .order_by()
    }
    metric = metric_definition(plan.metric)
    levels: dict[int, int] = {}
    rows = []
    for t in targets:
        level = levels[t.parent_id] + 1 if t.parent_id in visible else 0
        levels[t.pk] = level
        row = TreeRow(t, level)
        if t.pk in sums:
            row.has_children = True
            row.draft_children = sums[t.pk][2]
            if metric.accumulates:
                row.children_sum = sums[t.pk][0]
                row.expected_children_sum = expected_children_total(t)
        rows.append(row)
    return rows


def target_history(target: Target) -> QuerySet[TargetChange]:
    return TargetChange.objects.filter(target=target).select_related("by", "adjustment")


def plan_history(plan: TargetPlan, scope: Scope) -> QuerySet[TargetChange]:
    visible = Target.objects.filter(target_q(scope), plan=plan).values("pk")
    qs = TargetChange.objects.filter(plan=plan).select_related("by", "adjustment")
    if scope.everything:
        return qs
    return qs.filter(target__in=visible)


# -- context for judging a figure ---------------------------------------------------------------


@dataclass
class HistoryPoint:
    label: str
    value: Decimal | None


@dataclass
class PlanContext:
    """What makes "可实现" visible: the figures a planner compares a value with."""

    last_period: HistoryPoint | None
    same_period_last_year: HistoryPoint | None
    years: list[HistoryPoint] = field(default_factory=list)  # oldest first
    average_growth: Decimal | None = None
    trend_next: Decimal | None = None

    def growth_of(self, value: Decimal | None) -> dict[str, Decimal | None]:
        if value is None:
            return {"last_period": None, "last_year": None, "trend": None}
        return {
            "last_period": implied_growth(
                value, self.last_period.value if self.last_period else None
            ),
            "last_year": implied_growth(
                value, self.same_period_last_year.value if self.same_period_last_year else None
            ),
            "trend": implied_growth(value, self.trend_next),
        }


def plan_context(
    *,
    metric_code: str,
    period: Period,
    node: OrgNode | None,
    person: Person | None = None,
    years: int = 3,
) -> PlanContext:
    """Last period's actual, the same period last year and the last ``years`` years' actuals
    for the same coordinates, read in one pass over the rollups."""
    metric = metric_definition(metric_code)
    base = Cell(
        period.start,
        period.end,
        node_id=node.pk if node else None,
        person_id=person.pk if person else None,
    )
    spans: list[tuple[str, Cell]] = []
    before = period_before(period)
    if before is not None:
        spans.append((before.label, base.spanning(before.start, before.end)))
    cal = fiscal_calendar()
    earlier = period
    year_points: list[tuple[str, Cell]] = []
    for _ in range(years):
        if earlier.is_clipped:
            start, end = period_year_ago(earlier)
            earlier = Period(earlier.kind, start, end, f"{start:%Y-%m-%d}~{end:%Y-%m-%d}")
        else:
            earlier = cal.year_ago(earlier)
        year_points.append((earlier.label, base.spanning(earlier.start, earlier.end)))
    cells = [c for _l, c in spans] + [c for _l, c in year_points]
    values = actuals_for(metric, cells, none_without_rows=True)
    last_period = HistoryPoint(spans[0][0], values[0]) if spans else None
    year_values = values[len(spans) :]
    points = [
        HistoryPoint(label, v) for (label, _c), v in zip(year_points, year_values, strict=True)
    ]
    context = PlanContext(
        last_period=last_period,
        same_period_last_year=points[0] if points else None,
        years=list(reversed(points)),
    )
    known = [p.value for p in context.years if p.value is not None]
    growths = [g for a, b in pairwise(known) if (g := implied_growth(b, a)) is not None]
    if growths:
        context.average_growth = sum(growths, Decimal(0)) / len(growths)
    if len(known) >= 2:
        context.trend_next = linear_trend_next(known)
    return context


# -- work lists ---------------------------------------------------------------------------------


def splits_awaiting(scope: Scope) -> list[Target]:
    """Targets whose children were submitted and that ``scope`` may approve."""
    parents = (
        Target.objects.filter(target_q(scope), children__status=Status.SUBMITTED)
        .distinct()
        .select_related(*TARGET_RELATED, "plan", "split_by")
    )
    return [t for t in parents if t.node is not None and is_above(scope, t.node)]


def plans_awaiting(scope: Scope) -> list[TargetPlan]:
    plans = TargetPlan.objects.filter(status=Status.SUBMITTED).select_related("scope_node", "owner")
    return [p for p in plans if is_above(scope, p.scope_node)]


def adjustments_visible(scope: Scope) -> QuerySet[AdjustmentRequest]:
    return (
        AdjustmentRequest.objects.filter(
            Q(target__in=Target.objects.filter(target_q(scope)))
            | Q(requested_by__person__pk=scope.person_id)
        )
        .select_related("target__node", "target__person", "plan", "requested_by", "decided_by")
        .distinct()
    )


def adjustments_awaiting(scope: Scope, user_id: int) -> list[AdjustmentRequest]:
    from salestarget.targets.services.adjustments import can_decide

    pending = adjustments_visible(scope).filter(state=AdjustmentRequest.State.PENDING)
    user = User.objects.get(pk=user_id)
    return [a for a in pending if can_decide(user, a)]


def rounds_visible(scope: Scope) -> QuerySet[DraftRound]:
    return (
        DraftRound.objects.filter(target__in=Target.objects.filter(target_q(scope)))
        .select_related("target__node", "target__plan", "opened_by")
        .prefetch_related(Prefetch("drafts", queryset=TargetDraft.objects.select_related("person")))
    )


def drafts_of(person: Person) -> QuerySet[TargetDraft]:
    return (
        TargetDraft.objects.filter(person=person)
        .select_related("round__target__node", "round__target__plan")
        .order_by("-round__opened_at")
    )


def steps_visible(scope: Scope) -> QuerySet[PlanningStep]:
    qs = PlanningStep.objects.select_related("cycle__plan", "node", "responsible", "escalated_to")
    if scope.everything:
        return qs
    own = Q(responsible_id=scope.person_id) | Q(escalated_to_id=scope.person_id)
    if scope.is_rep or not scope.root_paths:
        return qs.filter(own)
    return qs.filter(scope.node_q("node") | own)


@dataclass
class HomeWork:
    """The home page's targets panel: the person's targets running today, drafts waiting
    for them, how much awaits their approval, overdue planning steps in their scope."""

    current: list[Target]
    drafts: list[TargetDraft]
    reviews: list[DraftRound]  # open rounds with submitted drafts to review (``to_review``)
    approvals: int
    overdue_steps: list[PlanningStep]
    plans: int

    @property
    def empty(self) -> bool:
        return not (
            self.current or self.drafts or self.reviews or self.approvals or self.overdue_steps
        )


HOME_ROWS = 6


def home_work(scope: Scope, user_id: int, today: dt.date) -> HomeWork:
    current: list[Target] = []
    drafts: list[TargetDraft] = []
    if scope.person_id is not None:
        led = Membership.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=today),
            person_id=scope.person_id,
            is_manager=True,
            valid_from__lte=today,
        ).values("node_id")
        # Their own targets, and a manager's the whole units they lead carry (no dimension).
        whole_unit = Q(node_id__in=led, person__isnull=True, **dict.fromkeys(DIMENSION_AXES, None))
        current = list(
            targets_visible(scope)
            .filter(Q(person_id=scope.person_id) | whole_unit)
            .filter(period_start__lte=today, period_end__gte=today)
            .select_related("plan", "node")
            .order_by(F("person_id").asc(nulls_last=True), "period_end", "plan_id")[:HOME_ROWS]
        )
        drafts = list(
            TargetDraft.objects.filter(
                person_id=scope.person_id,
                round__status=RoundStatus.OPEN,
                status__in=[DraftStatus.PENDING, DraftStatus.RETURNED],
            ).select_related("round__target__node", "round__target__plan")[:HOME_ROWS]
        )
    approvals = 0
    reviews: list[DraftRound] = []
    if not scope.is_rep:
        reviews = list(
            DraftRound.objects.filter(
                target__in=Target.objects.filter(target_q(scope)), status=RoundStatus.OPEN
            )
            .annotate(to_review=Count("drafts", filter=Q(drafts__status=DraftStatus.SUBMITTED)))
            .filter(to_review__gt=0)
            .select_related("target__node", "target__plan")
            .order_by("deadline")[:HOME_ROWS]
        )
        approvals = (
            len(plans_awaiting(scope))
            + len(splits_awaiting(scope))
            + len(adjustments_awaiting(scope, user_id))
        )
    overdue = list(
        steps_visible(scope).filter(done_at__isnull=True, due_at__lt=timezone.now())[:HOME_ROWS]
    )
    return HomeWork(current, drafts, reviews, approvals, overdue, plans_visible(scope).count())


# -- draft review ---------------------------------------------------------------------------------


@dataclass
class DraftLine:
    draft: TargetDraft
    last_year: Decimal | None
    last_period: Decimal | None
    vs_average: Decimal | None  # challenge figure minus the average per person
    growth: Decimal | None  # challenge figure over last year
    overdue: bool = False  # not submitted (or returned) and the round's deadline passed


@dataclass
class RoundReview:
    round: DraftRound
    lines: list[DraftLine]
    handed_down: Decimal  # what the people's targets must carry together
    average: Decimal | None  # handed-down / people (距离平均目标有多远)
    drafts_average: Decimal | None  # mean of the submitted challenge figures
    proposed_total: Decimal  # agreed figures, else challenge figures
    gap: Decimal  # proposed_total − handed_down
    team_last_year: Decimal | None


def round_review(rnd: DraftRound) -> RoundReview:
    """Each draft beside the person's history, the team average and the handed-down gap."""
    from salestarget.targets.services.decomposition import expected_children_total

    target = rnd.target
    metric = metric_definition(target.metric)
    drafts = list(rnd.drafts.select_related("person").order_by("person__employee_no"))
    period = fiscal_calendar().parse(target.period)
    ly_start, ly_end = period_year_ago(period)
    before = period_before(period)
    base = Cell.of(target)
    cells = []
    for d in drafts:
        person_cell = Cell(
            target.period_start,
            target.period_end,
            person_id=d.person_id,
            **{
                k: getattr(base, k)
                for k in (
                    "product_category_id",
                    "product_line_id",
                    "product_id",
                    "region_id",
                    "customer_type_id",
                    "channel_id",
                )
            },
        )
        cells.append(person_cell.spanning(ly_start, ly_end))
        cells.append(
            person_cell.spanning(before.start, before.end)
            if before
            else person_cell.spanning(ly_start, ly_end)
        )
    values = actuals_for(metric, cells, none_without_rows=True)
    handed = expected_children_total(target)
    late = rnd.deadline is not None and rnd.deadline < timezone.now()
    n = len(drafts)
    average = handed / n if n else None
    challenges = [d.challenge_value for d in drafts if d.challenge_value is not None]
    lines = []
    for i, d in enumerate(drafts):
        ly = values[2 * i]
        lp = values[2 * i + 1] if before else None
        lines.append(
            DraftLine(
                draft=d,
                last_year=ly,
                last_period=lp,
                vs_average=(d.challenge_value - average)
                if d.challenge_value is not None and average is not None
                else None,
                growth=implied_growth(d.challenge_value, ly)
                if d.challenge_value is not None
                else None,
                overdue=late and d.status in (DraftStatus.PENDING, DraftStatus.RETURNED),
            )
        )
    proposed = sum(
        (
            d.agreed_value if d.agreed_value is not None else (d.challenge_value or Decimal(0))
            for d in drafts
        ),
        Decimal(0),
    )
    known_ly = [line.last_year for line in lines if line.last_year is not None]
    return RoundReview(
        round=rnd,
        lines=lines,
        handed_down=handed,
        average=average,
        drafts_average=sum(challenges, Decimal(0)) / len(challenges) if challenges else None,
        proposed_total=proposed,
        gap=proposed - handed,
        team_last_year=sum(known_ly, Decimal(0)) if known_ly else None,
    )
