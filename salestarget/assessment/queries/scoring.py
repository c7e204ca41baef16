"""A whole cycle's scores, computed set-based: the figures come from the rollups through
tracking's cell reader (one grouped query for every person and fact at once), the targets
from one query, the review answers from one query; the rules are ``core.scoring``'s.

Nothing here writes; ``services.scoring.scorecard_compute`` stores the results.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from typing import Any

from django.db.models import Q, QuerySet, Sum

from salestarget.actuals.models import PersonDaily
from salestarget.assessment.models import (
    AssessmentCycle,
    ItemKind,
    ReviewStatus,
    Scorecard,
    TemplateItem,
)
from salestarget.assessment.models.reviews import ReviewAnswer
from salestarget.assessment.rules import item_rule
from salestarget.core.metrics import MetricDefinition, evaluate
from salestarget.core.scoring.items import item_scores, rating_score
from salestarget.core.scoring.weighting import (
    ReviewerGroup,
    WeightedScore,
    aggregate_group,
    weighted_score,
    weighted_scores,
)
from salestarget.targets.cells import PERSON_FACTS, Cell
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import Status, Target
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.dashboard import NO_DIMENSIONS
from salestarget.tracking.queries.leaderboard import PLAN_PRIORITY
from salestarget.tracking.queries.sums import fact_sums


@dataclass(slots=True)
class LineResult:
    item_id: int
    weight: Decimal
    quantitative: bool
    target: Decimal | None = None
    actual: Decimal | None = None
    achievement: Decimal | None = None
    score: Decimal | None = None
    weight_used: Decimal | None = None
    # Aggregates only: [{"group", "answers", "mean"}]; an anonymous group below the
    # threshold has mean None and answers 0, so not even its count shows. Lines with the
    # same ratings share these lists: read them, do not change them.
    groups: list[dict[str, Any]] = field(default_factory=list)
    missing_groups: list[str] = field(default_factory=list)


@dataclass(slots=True)
class CardResult:
    scorecard_id: int
    person_id: int
    too_new: bool
    lines: list[LineResult]
    performance: Decimal | None = None
    behaviour: Decimal | None = None
    total: Decimal | None = None
    missing_items: list[int] = field(default_factory=list)


def cycle_results(cycle: AssessmentCycle, *, version: str | None = None) -> list[CardResult]:
    """Every scorecard of ``cycle`` scored, in the scorecards' order. The work goes a
    template at a time over all its people at once: each item's column of achievements
    and scores (``core.scoring.item_scores``), each pattern of ratings scored once, the
    parts and totals weighed once per pattern of missing items
    (``core.scoring.weighted_scores``)."""
    cards = list(
        Scorecard.objects.filter(cycle=cycle).values_list(
            "pk", "person_id", "template_id", "too_new"
        )
    )
    items: dict[int, list[TemplateItem]] = defaultdict(list)
    for item in TemplateItem.objects.filter(template_id__in={c[2] for c in cards}):
        items[item.template_id].append(item)
    metrics = {
        i.metric: metric_definition(i.metric)
        for group in items.values()
        for i in group
        if i.is_quantitative
    }
    people = sorted({c[1] for c in cards})
    of_cycle = Scorecard.objects.filter(cycle=cycle).values("person_id")
    inputs = _Inputs(
        metrics,
        _actuals(metrics, cycle, people, version),
        _targets(set(metrics), of_cycle, cycle.period_start, cycle.period_end),
        _answers(cycle),
    )
    by_template: dict[int, list[tuple[int, int, int, bool]]] = defaultdict(list)
    for card in cards:
        by_template[card[2]].append(card)
    scored: dict[int, CardResult] = {}
    for template, members in by_template.items():
        for result in _template_cards(members, items[template], inputs):
            scored[result.scorecard_id] = result
    return [scored[pk] for pk, _person, _template, _too_new in cards]


@dataclass(frozen=True)
class _Inputs:
    """What a cycle's scoring reads from the database, once for all its scorecards."""

    metrics: dict[str, MetricDefinition]
    actuals: dict[tuple[int, str], Decimal | None]
    targets: dict[tuple[int, str], Decimal]
    # {(scorecard, item): ((group, rating), …) sorted}: submitted answers only.
    answers: dict[tuple[int, int], tuple[tuple[str, int], ...]]


@dataclass(frozen=True)
class _Qualitative:
    score: Decimal | None
    groups: list[dict[str, Any]]
    missing: list[str]


@dataclass(frozen=True)
class _Column:
    """One item's lines for all the scorecards of its template, in their order."""

    item_id: int
    weight: Decimal
    scores: list[Decimal | None]
    targets: list[Decimal | None]
    actuals: list[Decimal | None]
    achievements: list[Decimal | None]
    qualitative: list[_Qualitative] | None


def _template_cards(
    cards: list[tuple[int, int, int, bool]], items: list[TemplateItem], inputs: _Inputs
) -> list[CardResult]:
    columns = [_column(item, cards, inputs) for item in items]
    if not columns:
        return [CardResult(pk, person, too_new, []) for pk, person, _t, too_new in cards]
    rows = list(zip(*(c.scores for c in columns), strict=True))
    totals = weighted_scores({c.item_id: c.weight for c in columns}, rows)
    performance = _part(columns, rows, quantitative=True)
    behaviour = _part(columns, rows, quantitative=False)
    used = [total.weights for total in totals]
    lines = zip(*(_lines(column, used) for column in columns), strict=True)
    return [
        CardResult(
            pk,
            person,
            too_new,
            list(card_lines),
            None if quantitative is None else quantitative.score,
            None if qualitative is None else qualitative.score,
            total.score,
            list(total.missing),
        )
        for (pk, person, _template, too_new), card_lines, total, quantitative, qualitative in zip(
            cards, lines, totals, performance, behaviour, strict=True
        )
    ]


def _part(
    columns: list[_Column], rows: list[tuple[Decimal | None, ...]], *, quantitative: bool
) -> list[WeightedScore[int] | None]:
    """Each row's weighted score over the quantitative items (performance) or the
    qualitative ones (behaviour); None for every row when the template has none."""
    chosen = [n for n, c in enumerate(columns) if (c.qualitative is None) is quantitative]
    if not chosen:
        return [None] * len(rows)
    weights = {columns[n].item_id: columns[n].weight for n in chosen}
    return [*weighted_scores(weights, [tuple(row[n] for n in chosen) for row in rows])]


def _lines(column: _Column, used: list[dict[int, Decimal]]) -> list[LineResult]:
    """The column's line on each scorecard; ``used``: each scorecard's weights after
    reweighting its missing items."""
    pk, weight = column.item_id, column.weight
    if column.qualitative is None:
        return [
            LineResult(pk, weight, True, target, actual, reached, score, weights.get(pk), [], [])
            for target, actual, reached, score, weights in zip(
                column.targets,
                column.actuals,
                column.achievements,
                column.scores,
                used,
                strict=True,
            )
        ]
    return [
        LineResult(
            pk, weight, False, None, None, None, q.score, weights.get(pk), q.groups, q.missing
        )
        for q, weights in zip(column.qualitative, used, strict=True)
    ]


def _column(
    item: TemplateItem, cards: list[tuple[int, int, int, bool]], inputs: _Inputs
) -> _Column:
    weight = Decimal(item.weight)
    if item.is_quantitative:
        people = [person for _pk, person, _t, _n in cards]
        targets = [inputs.targets.get((p, item.metric)) for p in people]
        actuals = [inputs.actuals.get((p, item.metric)) for p in people]
        achievements, scores = item_scores(
            item_rule(item),
            targets=targets,
            actuals=actuals,
            direction=inputs.metrics[item.metric].direction,
        )
        return _Column(item.pk, weight, scores, targets, actuals, achievements, None)
    # Thousands of people share a few patterns of ratings: score each pattern once.
    low, high = item.scale_min, item.scale_max
    groups = tuple(item.group_weights)
    weights = item.group_weight_values()
    memo: dict[tuple[tuple[str, int], ...], _Qualitative] = {}
    found = []
    for pk, _person, _t, _n in cards:
        given = inputs.answers.get((pk, item.pk), ())
        line = memo.get(given)
        if line is None:
            line = memo[given] = _qualitative(groups, weights, low, high, given)
        found.append(line)
    scores = [line.score for line in found]
    nothing: list[Decimal | None] = [None] * len(cards)
    return _Column(item.pk, weight, scores, nothing, nothing, nothing, found)


def _qualitative(
    groups: tuple[str, ...],
    weights: dict[str, Decimal],
    low: int,
    high: int,
    given: tuple[tuple[str, int], ...],
) -> _Qualitative:
    """A qualitative line from its answers: each reviewer group's aggregate (in the item's
    order of groups), weighed over the groups that count."""
    means: dict[str, Decimal | None] = {}
    shown = []
    for group in groups:
        scores = [rating_score(r, scale_max=high, scale_min=low) for g, r in given if g == group]
        agg = aggregate_group(ReviewerGroup(group), scores)
        means[group] = agg.mean
        shown.append(
            {
                "group": group,
                "answers": agg.answers if agg.mean is not None else 0,
                "mean": None if agg.mean is None else str(agg.mean),
            }
        )
    result = weighted_score(weights, means)
    return _Qualitative(result.score, shown, [str(g) for g in result.missing])


def _actuals(
    metrics: dict[str, MetricDefinition],
    cycle: AssessmentCycle,
    people: list[int],
    version: str | None,
) -> dict[tuple[int, str], Decimal | None]:
    """Every person's actual on every metric. When the metrics need only facts the person
    rollup holds (the usual case), one ``GROUP BY person_id`` over ``PersonDaily`` for the
    cycle's days and people — the database's own aggregate, nothing per row in Python;
    otherwise tracking's general cell reader."""
    if not metrics or not people:
        return {}
    names = sorted({n for m in metrics.values() for n in m.fact_names})
    start, end = cycle.period_start, cycle.period_end
    if set(names) <= PERSON_FACTS:
        rows = (
            PersonDaily.objects.filter(
                day__range=(start, end),
                person_id__in=Scorecard.objects.filter(cycle=cycle).values("person_id"),
            )
            .values("person_id")
            .annotate(**{f"s_{n}": Sum(n) for n in names})
            .order_by()
            .values_list("person_id", *(f"s_{n}" for n in names))
        )
        zero = dict.fromkeys(names, Decimal(0))
        sums = {
            row[0]: {n: Decimal(v or 0) for n, v in zip(names, row[1:], strict=True)}
            for row in rows
        }
        return {
            (person, code): evaluate(metric, sums.get(person, zero))
            for person in people
            for code, metric in metrics.items()
        }
    cells = [Cell(start=start, end=end, person_id=p) for p in people]
    found = fact_sums(names, cells, version=version or facts_version())
    out: dict[tuple[int, str], Decimal | None] = {}
    for person, (row, _matched) in zip(people, found, strict=True):
        for code, metric in metrics.items():
            out[person, code] = None if row is None else evaluate(metric, row)
    return out


def _targets(
    codes: set[str], people: QuerySet[Scorecard, Any], start: dt.date, end: dt.date
) -> dict[tuple[int, str], Decimal]:
    """Each person's target on each metric for the cycle's period, from the most advanced
    plan that has one: the target for exactly the period, else (for a metric that adds up)
    the sum of the plan's month targets when they cover the whole period. Each kind is
    picked by its dates in SQL, so no row's dates are read back."""
    if not codes:
        return {}
    mine = Target.objects.filter(metric__in=codes, person_id__in=people, **NO_DIMENSIONS)
    exact: dict[tuple[int, str], tuple[int, Decimal]] = {}
    for person, code, status, value in mine.filter(period_start=start, period_end=end).values_list(
        "person_id", "metric", "plan__status", "value"
    ):
        rank = PLAN_PRIORITY.get(Status(status), 9)
        if (person, code) not in exact or rank < exact[person, code][0]:
            exact[person, code] = (rank, value)
    out = {key: value for key, (_rank, value) in exact.items()}
    whole = [m for m in _months(start, end) if m != (start, end)]
    if not whole:
        return out
    months: dict[tuple[int, str, int], list[Decimal]] = defaultdict(list)
    priority: dict[int, int] = {}
    in_months = Q()
    for first, last in whole:
        in_months |= Q(period_start=first, period_end=last)
    for person, code, plan, status, value in mine.filter(in_months).values_list(
        "person_id", "metric", "plan_id", "plan__status", "value"
    ):
        priority[plan] = PLAN_PRIORITY.get(Status(status), 9)
        months[person, code, plan].append(value)
    month_count = (end.year - start.year) * 12 + end.month - start.month + 1
    best: dict[tuple[int, str], tuple[int, Decimal]] = {}
    for (person, code, plan), values in months.items():
        if (person, code) in out or len(values) != month_count:
            continue
        if not metric_definition(code).accumulates:
            continue
        if (person, code) not in best or priority[plan] < best[person, code][0]:
            best[person, code] = (priority[plan], sum(values, Decimal(0)))
    out.update({key: value for key, (_rank, value) in best.items()})
    return out


def _months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The whole calendar months between ``start`` and ``end``, first and last day."""
    found = []
    first = start.replace(day=1)
    while first <= end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        last = following - dt.timedelta(days=1)
        if first >= start and last <= end:
            found.append((first, last))
        first = following
    return found


def _answers(cycle: AssessmentCycle) -> dict[tuple[int, int], tuple[tuple[str, int], ...]]:
    """``{(scorecard, item): ((group, rating), …)}`` of submitted reviews, sorted: the same
    answers make the same key, so each pattern is scored once. Used only to compute
    aggregates, never returned to a page."""
    rows = ReviewAnswer.objects.filter(
        review__scorecard__cycle=cycle, review__status=ReviewStatus.SUBMITTED
    ).values_list("review__scorecard_id", "item_id", "review__group", "rating")
    return {
        key: tuple((group, rating) for _card, _item, group, rating in found)
        for key, found in groupby(sorted(rows), key=itemgetter(0, 1))
    }


@dataclass(frozen=True)
class UntargetedItem:
    """A quantitative item that some of a cycle's people have no target for in its period:
    their line cannot be scored, and its weight goes to their other items."""

    item: TemplateItem
    people: list[tuple[int, str]]  # (person id, name), by name

    @property
    def names(self) -> list[str]:
        return [name for _pk, name in self.people]


def untargeted_items(cycle: AssessmentCycle) -> list[UntargetedItem]:
    """The cycle's quantitative items with the people who have no target to score them
    against — read from the targets as scoring reads them (``_targets``), so it is known
    from the day the cycle opens, before any score is computed. A new company's first
    cycle, before its targets, scored its reps on the reviews alone and said nothing."""
    cards = list(
        Scorecard.objects.filter(cycle=cycle)
        .order_by("person__name", "pk")
        .values_list("person_id", "person__name", "template_id")
    )
    items = list(
        TemplateItem.objects.filter(
            template_id__in={c[2] for c in cards}, kind=ItemKind.QUANTITATIVE
        ).order_by("template_id", "sort_order", "pk")
    )
    if not items:
        return []
    targets = _targets(
        {i.metric for i in items},
        Scorecard.objects.filter(cycle=cycle).values("person_id"),
        cycle.period_start,
        cycle.period_end,
    )
    found = []
    for item in items:
        people = [
            (person, name)
            for person, name, template in cards
            if template == item.template_id and (person, item.metric) not in targets
        ]
        if people:
            found.append(UntargetedItem(item, people))
    return found
