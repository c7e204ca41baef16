"""Competitions (销售竞赛): the live standings and, for one that ended in a month, its prizes
as statement lines. Standings are one GROUP BY over the rollups for the eligible people."""

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
from salestarget.org.models import Membership, OrgNode, Person
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
                Q(valid_to__isnull=True) | Q(valid_to__gte=competition.starts),
                node_id__in=subtree,
                valid_from__lte=competition.ends,
                is_manager=False,
            ).values_list("person_id", flat=True)
        )
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
