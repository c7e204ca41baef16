"""Leaderboards (排行榜): people or org units ranked by any metric over any span of days, by
value or by achievement of their target for exactly that span.

Sums come from one ``GROUP BY person`` (or node) over ``PersonDaily``; a unit's figure is the
ratio of its sums (never an average of its members' ratios). Ranks are competition ranks (1, 2,
2, 4); entries without a value come last, unranked. Who may see what: managers and above see
the figures of their subtree; a rep sees only their own rank and how many are ranked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from salestarget.core.metrics import MetricDefinition, evaluate
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, quantize
from salestarget.core.outliers import OutlierReason, OutlierRule, median, outlier_reasons
from salestarget.org.models import CompanySettings, Membership, NodeKind, OrgNode, Person
from salestarget.org.scoping import Scope
from salestarget.targets.cells import Sums
from salestarget.targets.models import Status, Target
from salestarget.tracking.queries.sums import grouped_sums
from salestarget.tracking.queries.uncosted import (
    facts_read,
    uncosted_note,
    uncosted_of,
    uncosted_total,
)

LEVELS = ("people", NodeKind.TEAM.value, NodeKind.BRANCH.value, NodeKind.REGION.value)
PLAN_PRIORITY = {Status.LOCKED: 0, Status.APPROVED: 1, Status.SUBMITTED: 2, Status.DRAFT: 3}


@dataclass
class Entry:
    key: str
    label: str
    value: Decimal | None
    person_id: int | None = None
    node_id: int | None = None
    unit: str = ""  # a person's team, a unit's parent
    target: Decimal | None = None
    achievement: Decimal | None = None
    rank: int | None = None
    # Why the entry's achievement is not to be believed as it stands (core.outliers); an
    # outlier is shown with its reasons but not ranked by achievement.
    outlier: tuple[OutlierReason, ...] = ()
    uncosted: Decimal | None = None  # revenue of unknown cost left out of ``value``


@dataclass
class Leaderboard:
    metric: MetricDefinition
    level: str
    by: str
    start: dt.date
    end: dt.date
    entries: list[Entry] = field(default_factory=list)
    uncosted: Decimal | None = None  # of everyone ranked, left out of their values

    @property
    def uncosted_note(self) -> str:
        return uncosted_note(self.uncosted)

    @property
    def ranked(self) -> int:
        return sum(1 for e in self.entries if e.rank is not None)

    @property
    def outliers(self) -> int:
        return sum(1 for e in self.entries if e.outlier)

    def entry_of(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)


def leaderboard(
    *,
    metric: MetricDefinition,
    start: dt.date,
    end: dt.date,
    level: str = "people",
    by: str = "value",
    within: OrgNode | None = None,
    period_end: dt.date | None = None,
    version: str,
) -> Leaderboard:
    """The ranking inside ``within``'s subtree (everything when None) by the actuals of
    ``start..end``; achievement is against targets for ``start..period_end`` (default ``end``:
    a running month's actual to date against the month's target). Callers check that the user
    may see ``within``; reps get :func:`rank_of` instead."""
    group = "person" if level == "people" else "node"
    sums = grouped_sums(
        facts_read(metric), start=start, end=end, group=group, node=within, version=version
    )
    board = Leaderboard(metric, level, by, start, end)
    if sums is None:
        return board
    board.uncosted = uncosted_total(metric, sums.values())
    if level == "people":
        entries = _people(metric, sums, start, end)
    else:
        entries = _units(metric, sums, level, within)
    _targets(entries, metric, start, period_end or end, people=level == "people")
    outliers_flag(entries, CompanySettings.current().outlier_rule)
    _rank(entries, metric, by)
    board.entries = entries
    return board


def _people(
    metric: MetricDefinition, sums: dict[Any, Sums], start: dt.date, end: dt.date
) -> list[Entry]:
    ids = [pk for pk in sums if pk is not None]
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    teams: dict[int, str] = {}
    for m in (
        Membership.objects.filter(person_id__in=ids, valid_from__lte=end)
        .exclude(valid_to__lte=start)
        .select_related("node")
        .order_by("valid_from")
    ):
        teams[m.person_id] = m.node.name  # the latest membership in the span wins
    return [
        Entry(
            key=f"p{pk}",
            label=people[pk].name,
            value=evaluate(metric, s),
            uncosted=uncosted_of(metric, s),
            person_id=pk,
            unit=teams.get(pk, ""),
        )
        for pk, s in sums.items()
        if pk in people
    ]


def _units(
    metric: MetricDefinition, sums: dict[Any, Sums], level: str, within: OrgNode | None
) -> list[Entry]:
    nodes = OrgNode.objects.all()
    if within is not None:
        nodes = nodes.filter(path__startswith=within.path)
    by_id = {n.pk: n for n in nodes.select_related("parent")}
    units = {pk: n for pk, n in by_id.items() if n.kind == level}
    totals: dict[int, Sums] = defaultdict(dict)
    for node_id, s in sums.items():
        node = by_id.get(node_id)
        if node is None:
            continue
        for ancestor in node.ancestor_ids:
            if ancestor in units:
                bucket = totals[ancestor]
                for name, value in s.items():
                    bucket[name] = bucket.get(name, Decimal(0)) + value
    return [
        Entry(
            key=f"n{pk}",
            label=units[pk].name,
            value=evaluate(metric, totals[pk]) if pk in totals else None,
            uncosted=uncosted_of(metric, totals.get(pk)),
            node_id=pk,
            unit=_parent_name(units[pk]),
        )
        for pk in sorted(units, key=lambda k: units[k].path)
        if units[pk].is_active or pk in totals
    ]


def _targets(
    entries: list[Entry], metric: MetricDefinition, start: dt.date, end: dt.date, *, people: bool
) -> None:
    """Each entry's target for exactly this span (of the most advanced plan that has one)."""
    qs = Target.objects.filter(
        metric=metric.code,
        period_start=start,
        period_end=end,
        product_category__isnull=True,
        product_line__isnull=True,
        product__isnull=True,
        region__isnull=True,
        customer_type__isnull=True,
        channel__isnull=True,
    )
    if people:
        qs = qs.filter(person_id__in=[e.person_id for e in entries])
        key = "person_id"
    else:
        qs = qs.filter(person__isnull=True, node_id__in=[e.node_id for e in entries])
        key = "node_id"
    best: dict[int, tuple[int, Decimal]] = {}
    for holder, value, status in qs.values_list(key, "value", "plan__status"):
        rank = PLAN_PRIORITY.get(status, 9)
        if holder not in best or rank < best[holder][0]:
            best[holder] = (rank, value)
    for e in entries:
        holder = e.person_id if people else e.node_id
        if holder in best:
            e.target = best[holder][1]
            if e.value is not None and e.target:
                e.achievement = quantize(DECIMAL_CONTEXT.divide(e.value, e.target), RATIO_PLACES)


def outliers_flag(entries: list[Entry], rule: OutlierRule) -> None:
    """Flag each entry whose achievement is above the company's bound or whose target is below
    the floor of the median target of its peers (the same team, or the same parent unit)."""
    peers: dict[str, list[Decimal]] = defaultdict(list)
    for e in entries:
        if e.target is not None:
            peers[e.unit].append(e.target)
    medians = {unit: median(values) for unit, values in peers.items()}
    for e in entries:
        e.outlier = outlier_reasons(
            achievement=e.achievement, target=e.target, peer_median=medians.get(e.unit), rule=rule
        )


def _rank(entries: list[Entry], metric: MetricDefinition, by: str) -> None:
    lower = metric.direction.value == "lower"

    def score(e: Entry) -> Decimal | None:
        if by == "achievement":
            return None if e.outlier else e.achievement
        return e.value

    scored = [e for e in entries if score(e) is not None]
    rest = [e for e in entries if score(e) is None]
    # Lower-is-better metrics (费用率): the smallest value, or the smallest actual/target,
    # ranks first. Ties keep name order.
    sign = 1 if lower else -1
    scored.sort(key=lambda e: (sign * score(e), e.label))  # type: ignore[operator]
    previous: Decimal | None = None
    for position, e in enumerate(scored, 1):
        value = score(e)
        e.rank = position if value != previous else scored[position - 2].rank
        previous = value
    entries[:] = scored + sorted(rest, key=lambda e: e.label)


@dataclass(frozen=True)
class RankInfo:
    rank: int | None
    of: int
    scope_label: str


def rank_of(
    person: Person,
    *,
    metric: MetricDefinition,
    start: dt.date,
    end: dt.date,
    within: OrgNode | None,
    by: str = "value",
    period_end: dt.date | None = None,
    version: str,
) -> RankInfo:
    """Where ``person`` stands among the people of ``within`` (rank and count only)."""
    board = leaderboard(
        metric=metric,
        start=start,
        end=end,
        level="people",
        by=by,
        within=within,
        period_end=period_end,
        version=version,
    )
    entry = board.entry_of(f"p{person.pk}")
    return RankInfo(entry.rank if entry else None, board.ranked, within.name if within else "")


def leaderboard_within(scope: Scope, node: OrgNode | None) -> OrgNode | None:
    """The subtree a leaderboard may cover for ``scope``: the node asked for when visible, else
    the top of the scope (None = everything)."""
    if node is not None and scope.can_view_node(node):
        return node
    if scope.everything:
        return None
    if scope.root_paths:
        return OrgNode.objects.filter(path=scope.root_paths[0]).first()
    return None


def _parent_name(node: OrgNode) -> str:
    return node.parent.name if node.parent is not None else ""
