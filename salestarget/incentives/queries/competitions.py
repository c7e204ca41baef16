"""Competitions (销售竞赛): the live standings, who may see which rows of them, and, for one
that ended in a month, its prizes as statement lines. Standings are one GROUP BY over the
rollups for the eligible people.

Who sees what follows the leaderboards' rule (``tracking.queries.leaderboard``): finance and
executives every row; a manager the rows of the people in their subtree, with their ranks in
the whole competition; a rep their own rank, score and prize and how many are ranked."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from salestarget.core.commission.bonuses import Standing, competition_standings
from salestarget.core.metrics import Direction
from salestarget.core.periods import Period
from salestarget.incentives.models import Competition, LineKind
from salestarget.incentives.queries.engine import LineDraft
from salestarget.incentives.queries.measures import Window, measure_values
from salestarget.org.models import Membership, OrgNode, Person, Role
from salestarget.org.scoping import Scope
from salestarget.targets.company_metrics import metric_definition


@dataclass(frozen=True)
class Row:
    person: Person
    standing: Standing


def eligible_people(competition: Competition) -> list[int]:
    subtree = OrgNode.objects.filter(path__startswith=competition.node.path).values("pk")
    return sorted(
        set(
            Membership.objects.filter(
                # A membership's end date is the first day it no longer counts (org.models).
                Q(valid_to__isnull=True) | Q(valid_to__gt=competition.starts),
                node_id__in=subtree,
                valid_from__lte=competition.ends,
                is_manager=False,
                person__role=Role.REP,  # the sales people compete, not the office
            ).values_list("person_id", flat=True)
        )
    )


@dataclass(frozen=True)
class Board:
    """The part of a competition's standings one reader may see."""

    competition: Competition
    direction: Direction
    rows: list[Row]  # the rows the reader may see, best first
    ranked: int  # how many are ranked in the whole competition
    own: Row | None  # the reader's own row, when they take part
    prizes: list[Decimal]

    @property
    def lower_is_better(self) -> bool:
        return self.direction is Direction.LOWER_IS_BETTER


def competitions_visible(scope: Scope) -> list[Competition]:
    """The competitions the reader takes part in or whose people they manage, newest first
    (a company has a handful: filtered here, not per row of facts)."""
    everything = list(Competition.objects.select_related("node").order_by("-starts", "-pk"))
    if scope.everything:
        return everything
    paths = list(scope.root_paths)
    if scope.is_rep or not paths:
        home = OrgNode.objects.filter(pk=scope.home_node_id or 0).values_list("path", flat=True)
        paths = list(home)
    return [
        c
        for c in everything
        if any(p.startswith(c.node.path) or c.node.path.startswith(p) for p in paths)
    ]


def board_for(scope: Scope, competition: Competition, *, as_of: dt.date | None = None) -> Board:
    rows = standings(competition, as_of=as_of)
    metric = metric_definition(competition.metric)
    own = next((r for r in rows if r.person.pk == scope.person_id), None)
    if scope.everything:
        shown = rows
    elif scope.is_rep or not scope.root_paths:
        shown = [own] if own else []
    else:
        mine = set(scope.people().values_list("pk", flat=True))
        shown = [r for r in rows if r.person.pk in mine]
    return Board(
        competition,
        Direction(metric.direction),
        shown,
        len(rows),
        own,
        [Decimal(str(p)) for p in competition.prizes],
    )


def standings(competition: Competition, *, as_of: dt.date | None = None) -> list[Row]:
    """Everyone eligible, best first, with rank and prize so far."""
    metric = metric_definition(competition.metric)
    end = min(competition.ends, as_of) if as_of else competition.ends
    people = eligible_people(competition)
    values = measure_values(metric, Window(competition.starts, end), people)
    table = competition_standings(
        values,
        direction=Direction(metric.direction),
        prizes_by_rank=[Decimal(str(p)) for p in competition.prizes],
        threshold=competition.threshold,
        threshold_prize=competition.threshold_prize,
    )
    names = Person.objects.in_bulk(list(table))
    rows = [Row(names[pid], s) for pid, s in table.items()]
    return sorted(rows, key=lambda r: (r.standing.rank, r.person.name))


def prize_drafts(month: Period, person_ids: set[int] | None) -> dict[int, list[LineDraft]]:
    out: dict[int, list[LineDraft]] = defaultdict(list)
    for competition in Competition.objects.filter(ends__range=(month.start, month.end)):
        for row in standings(competition):
            pid = row.person.pk
            if row.standing.prize <= 0 or (person_ids is not None and pid not in person_ids):
                continue
            out[pid].append(
                LineDraft(
                    person_id=pid,
                    kind=LineKind.PRIZE,
                    label=competition.name,
                    amount=row.standing.prize,
                    span=(competition.starts, competition.ends),
                    measure_total=row.standing.value,
                    steps=[s.as_data() for s in row.standing.steps],
                )
            )
    return dict(out)
