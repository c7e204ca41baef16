"""Leading indicators of a team (or of a rep: their own): how its activities turned into
results over the last quarter (visits → opportunities → won, and visits to new customers →
new customers), what this week's pace means for the month's target, and how activity went
with results over the past months. Everything is read from the maintained rollup
(``PersonDaily``) in grouped queries, never from activity rows; the math is
``core.leading``'s."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from salestarget.actuals.models import PersonDaily
from salestarget.catalog.calendar import work_calendar
from salestarget.core.leading import (
    Relation,
    activities_for,
    attainment_relation,
    conversion,
    one_in,
    shortfall,
)
from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import Scope
from salestarget.targets.models import Target
from salestarget.targets.queries.mine import SLICES

LOOKBACK = dt.timedelta(days=91)  # conversion over the last quarter
HISTORY_MONTHS = 6  # the past months the relation is read over
FUNNEL = ("visits", "new_customer_visits", "activity_opportunities", "won", "new_customers")
# The month targets the pace sentence reads, in this order: results first.
PACE_METRICS = ("new_customers", "new_customer_visits", "visits")


@dataclass(frozen=True)
class FunnelRow:
    person: Person | None  # None: the whole team
    visits: int
    new_customer_visits: int
    opportunities: int  # activities that opened an opportunity (or closed a deal)
    won: int
    new_customers: int

    @property
    def visits_per_new_customer(self) -> int | None:
        return one_in(self.new_customer_visits, self.new_customers)

    @property
    def visit_to_opportunity(self) -> Decimal | None:
        return conversion(self.visits, self.opportunities)

    @property
    def opportunity_to_won(self) -> Decimal | None:
        return conversion(self.opportunities, self.won)


@dataclass(frozen=True)
class Pace:
    metric: str  # the month target's metric
    goal: Decimal
    done: Decimal
    week_visits: int  # this week's visits of the kind the goal needs
    days_left: int  # working days after today in the month
    more: int  # visits beyond this week's pace the month still needs


@dataclass(frozen=True)
class Leading:
    node: OrgNode | None
    person: Person | None  # a rep's own figures
    start: dt.date
    end: dt.date
    team: FunnelRow
    people: list[FunnelRow]
    pace: Pace | None
    relation: Relation


def _rows(scope: Scope, node: OrgNode | None, person: Person | None) -> QuerySet[PersonDaily]:
    rows = PersonDaily.objects.filter(scope.facts_q(), person__isnull=False)
    if person is not None:
        return rows.filter(person=person)
    assert node is not None
    return rows.filter(node__path__startswith=node.path)


def _funnel(person: Person | None, sums: dict[str, int | None]) -> FunnelRow:
    v = {name: int(sums.get(name) or 0) for name in FUNNEL}
    return FunnelRow(
        person,
        v["visits"],
        v["new_customer_visits"],
        v["activity_opportunities"],
        v["won"],
        v["new_customers"],
    )


def _month(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def _pace(
    rows: QuerySet[PersonDaily], goal_of: Q, today: dt.date, per_new_customer: int | None
) -> Pace | None:
    first, last = _month(today)
    target = (
        Target.objects.filter(
            goal_of,
            metric__in=PACE_METRICS,
            period_start=first,
            period_end=last,
            **{f"{name}__isnull": True for name in SLICES},
        )
        .order_by("pk")
        .first()
    )
    if target is None:
        return None
    monday = today - dt.timedelta(days=today.weekday())
    kind = "visits" if target.metric == "visits" else "new_customer_visits"
    sums = rows.aggregate(
        done=Sum(target.metric, filter=Q(day__range=(first, today))),
        week=Sum(kind, filter=Q(day__range=(max(monday, first), today))),
    )
    done, week = Decimal(sums["done"] or 0), int(sums["week"] or 0)
    calendar = work_calendar(monday, last)
    worked = max(1, calendar.working_days(monday, today))
    left = calendar.working_days(today + dt.timedelta(days=1), last) if today < last else 0
    if target.metric == "new_customers":
        if per_new_customer is None:
            return None
        needed = activities_for(target.value - done, per_new_customer)
    else:
        needed = target.value - done
    more = shortfall(needed=needed, pace_per_day=Decimal(week) / worked, days_left=left)
    return Pace(target.metric, target.value, done, week, left, more)


def _relation(rows: QuerySet[PersonDaily], today: dt.date) -> Relation:
    """Each person's past months: visits against their visits target (or their own usual
    month), sales against their revenue target (or their usual month)."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    start = end.replace(day=1)
    for _ in range(HISTORY_MONTHS - 1):
        start = (start - dt.timedelta(days=1)).replace(day=1)
    monthly = list(
        rows.filter(day__range=(start, end))
        .annotate(month=TruncMonth("day"))
        .values("person_id", "month")
        .annotate(visits=Sum("visits"), amount=Sum("amount"))
        .order_by()
    )
    people = {r["person_id"] for r in monthly}
    goals: dict[tuple[int, str, dt.date], Decimal] = {}
    for t in Target.objects.filter(
        person_id__in=people,
        metric__in=("revenue", "visits"),
        period_start__gte=start,
        period_end__lte=end,
        **{f"{name}__isnull": True for name in SLICES},
    ).values("person_id", "metric", "period_start", "period_end", "value"):
        if t["period_start"].day == 1 and (t["period_end"] - t["period_start"]).days < 31:
            goals[(t["person_id"], t["metric"], t["period_start"])] = t["value"]
    # A person's usual month (the mean of their months), where no target was set: one pass.
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    months_of: Counter[int] = Counter(r["person_id"] for r in monthly)
    for r in monthly:
        for name in ("visits", "amount"):
            totals[(r["person_id"], name)] += Decimal(r[name] or 0)
    usual = {(pid, name): total / months_of[pid] for (pid, name), total in totals.items()}
    pairs: list[tuple[Decimal, Decimal]] = []
    for r in monthly:
        pid, month = r["person_id"], _day(r["month"])
        visit_goal = goals.get((pid, "visits", month)) or usual[(pid, "visits")]
        sales_goal = goals.get((pid, "revenue", month)) or usual[(pid, "amount")]
        if visit_goal > 0 and sales_goal > 0:
            pairs.append(
                (Decimal(r["visits"] or 0) / visit_goal, Decimal(r["amount"] or 0) / sales_goal)
            )
    return attainment_relation(pairs)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def leading_indicators(
    scope: Scope, *, today: dt.date, node: OrgNode | None = None
) -> Leading | None:
    """The indicators of ``node`` (default: the caller's home node), or a rep's own; None
    when the caller has no such node or may not see it."""
    person: Person | None = None
    if scope.is_rep:
        person = Person.objects.filter(pk=scope.person_id or -1).first()
        if person is None:
            return None
        node = None
        goal_of = Q(person=person)
    else:
        node = node or OrgNode.objects.filter(pk=scope.home_node_id or -1).first()
        if node is None or not scope.can_view_node(node):
            return None
        goal_of = Q(node=node, person__isnull=True)
    rows = _rows(scope, node, person)
    start = today - LOOKBACK + dt.timedelta(days=1)
    window = rows.filter(day__range=(start, today))
    sums = {name: Sum(name) for name in FUNNEL}
    team = _funnel(None, window.aggregate(**sums))
    by_person = list(window.values("person_id").annotate(**sums).order_by())
    names = Person.objects.in_bulk([r["person_id"] for r in by_person])
    people = sorted(
        (_funnel(names[r["person_id"]], r) for r in by_person if r["person_id"] in names),
        key=lambda f: (-f.visits, f.person.name if f.person else ""),
    )
    return Leading(
        node=node,
        person=person,
        start=start,
        end=today,
        team=team,
        people=people,
        pace=_pace(rows, goal_of, today, team.visits_per_new_customer),
        relation=_relation(rows, today),
    )
