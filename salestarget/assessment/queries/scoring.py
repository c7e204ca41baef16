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
from functools import lru_cache
from typing import Any

from django.db.models import Sum

from salestarget.actuals.models import PersonDaily
from salestarget.assessment.models import (
    AssessmentCycle,
    ReviewStatus,
    Scorecard,
    TemplateItem,
)
from salestarget.assessment.models.reviews import ReviewAnswer
from salestarget.assessment.rules import item_rule
from salestarget.core.metrics import MetricDefinition, evaluate
from salestarget.core.scoring.items import ScoreRule, effective_achievement, rating_score
from salestarget.core.scoring.weighting import (
    ReviewerGroup,
    WeightedScore,
    aggregate_group,
    weighted_score,
)
from salestarget.targets.cells import PERSON_FACTS, Cell
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import Status, Target
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.dashboard import NO_DIMENSIONS
from salestarget.tracking.queries.leaderboard import PLAN_PRIORITY
from salestarget.tracking.queries.sums import fact_sums


@dataclass
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
    # threshold has mean None and answers 0, so not even its count shows.
    groups: list[dict[str, Any]] = field(default_factory=list)
    missing_groups: list[str] = field(default_factory=list)


@dataclass
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
    actuals = _actuals(metrics, cycle, people, version)
    targets = _targets(set(metrics), people, cycle.period_start, cycle.period_end)
    answers = _answers(cycle)
    plans = {i.pk: _ItemPlan.of(i) for group in items.values() for i in group}
    memo: dict[tuple[int, tuple[tuple[int, ...], ...]], _Qualitative] = {}
    return [
        _card(pk, person, too_new, items[template], metrics, actuals, targets, answers, plans, memo)
        for pk, person, template, too_new in cards
    ]


@dataclass(frozen=True)
class _ItemPlan:
    """What scoring an item needs, read from the template item once per cycle, not once per
    person: its rule, its rating scale and its reviewer-group weights."""

    rule: ScoreRule | None
    low: int
    high: int
    groups: tuple[str, ...]
    group_weights: dict[str, Decimal]

    @classmethod
    def of(cls, item: TemplateItem) -> _ItemPlan:
        if item.is_quantitative:
            return cls(item_rule(item), 0, 0, (), {})
        weights = item.group_weight_values()
        return cls(None, item.scale_min, item.scale_max, tuple(item.group_weights), weights)


@dataclass(frozen=True)
class _Qualitative:
    score: Decimal | None
    groups: list[dict[str, Any]]
    missing: list[str]


def _qualitative(plan: _ItemPlan, ratings: tuple[tuple[int, ...], ...]) -> _Qualitative:
    """A qualitative line from each reviewer group's ratings (in ``plan.groups`` order)."""
    means: dict[str, Decimal | None] = {}
    shown = []
    for group, given in zip(plan.groups, ratings, strict=True):
        scores = [_points(r, plan.low, plan.high) for r in given]
        agg = aggregate_group(ReviewerGroup(group), scores)
        means[group] = agg.mean
        shown.append(
            {
                "group": group,
                "answers": agg.answers if agg.mean is not None else 0,
                "mean": None if agg.mean is None else str(agg.mean),
            }
        )
    result = weighted_score(plan.group_weights, means)
    return _Qualitative(result.score, shown, [str(g) for g in result.missing])


def _card(
    pk: int,
    person: int,
    too_new: bool,
    items: list[TemplateItem],
    metrics: dict[str, MetricDefinition],
    actuals: dict[tuple[int, str], Decimal | None],
    targets: dict[tuple[int, str], Decimal],
    answers: dict[tuple[int, int], dict[str, list[int]]],
    plans: dict[int, _ItemPlan],
    memo: dict[tuple[int, tuple[tuple[int, ...], ...]], _Qualitative],
) -> CardResult:
    lines = []
    for item in items:
        plan = plans[item.pk]
        line = LineResult(item.pk, Decimal(item.weight), item.is_quantitative)
        if plan.rule is not None:
            metric = metrics[item.metric]
            line.target = targets.get((person, item.metric))
            line.actual = actuals.get((person, item.metric))
            if line.target is not None:
                line.achievement = effective_achievement(line.target, line.actual, metric.direction)
                if line.achievement is not None:
                    line.score = plan.rule.score(line.achievement)
        else:
            # Thousands of people share a few patterns of ratings: score each pattern once.
            given = answers.get((pk, item.pk), {})
            key = (item.pk, tuple(tuple(sorted(given.get(g, ()))) for g in plan.groups))
            found = memo.get(key)
            if found is None:
                found = memo[key] = _qualitative(plan, key[1])
            line.score = found.score
            line.groups = [dict(g) for g in found.groups]
            line.missing_groups = list(found.missing)
        lines.append(line)
    card = CardResult(pk, person, too_new, lines)
    _totals(card)
    return card


@lru_cache(maxsize=1024)
def _points(rating: int, low: int, high: int) -> Decimal:
    return rating_score(rating, scale_max=high, scale_min=low)


@lru_cache(maxsize=65_536)
def _part(
    weights: tuple[tuple[int, Decimal], ...], scores: tuple[Decimal | None, ...]
) -> WeightedScore[int]:
    """A weighted score, remembered: the behaviour part of thousands of scorecards comes from
    a few patterns of ratings, and a template's weights are the same for everyone."""
    return weighted_score(dict(weights), dict(zip((k for k, _w in weights), scores, strict=True)))


def _totals(card: CardResult) -> None:
    def part(lines: list[LineResult]) -> WeightedScore[int]:
        return _part(
            tuple((line.item_id, line.weight) for line in lines),
            tuple(line.score for line in lines),
        )

    if not card.lines:
        return
    total = part(card.lines)
    card.total = total.score
    card.missing_items = list(total.missing)
    for line in card.lines:
        line.weight_used = total.weights.get(line.item_id)
    quantitative = [line for line in card.lines if line.quantitative]
    qualitative = [line for line in card.lines if not line.quantitative]
    card.performance = part(quantitative).score if quantitative else None
    card.behaviour = part(qualitative).score if qualitative else None


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
    codes: set[str], people: list[int], start: dt.date, end: dt.date
) -> dict[tuple[int, str], Decimal]:
    """Each person's target on each metric for the cycle's period, from the most advanced
    plan that has one: the target for exactly the period, else (for a metric that adds up)
    the sum of the plan's month targets when they cover the whole period."""
    if not codes or not people:
        return {}
    rows = Target.objects.filter(
        metric__in=codes,
        person_id__in=people,
        period_start__gte=start,
        period_end__lte=end,
        **NO_DIMENSIONS,
    ).values_list(
        "person_id", "metric", "plan_id", "plan__status", "period_start", "period_end", "value"
    )
    exact: dict[tuple[int, str], tuple[int, Decimal]] = {}
    months: dict[tuple[int, str, int], list[Decimal]] = defaultdict(list)
    priority: dict[int, int] = {}
    for person, code, plan, status, p_start, p_end, value in rows:
        rank = PLAN_PRIORITY.get(Status(status), 9)
        priority[plan] = rank
        if (p_start, p_end) == (start, end):
            if (person, code) not in exact or rank < exact[person, code][0]:
                exact[person, code] = (rank, Decimal(value))
        elif (
            p_start.day == 1
            and (p_end + dt.timedelta(days=1)).day == 1
            and (p_end - p_start).days < 31
        ):
            months[person, code, plan].append(Decimal(value))
    month_count = (end.year - start.year) * 12 + end.month - start.month + 1
    out = {key: value for key, (_rank, value) in exact.items()}
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


def _answers(cycle: AssessmentCycle) -> dict[tuple[int, int], dict[str, list[int]]]:
    """``{(scorecard, item): {group: [ratings]}}`` of submitted reviews; used only to compute
    aggregates, never returned to a page."""
    out: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = ReviewAnswer.objects.filter(
        review__scorecard__cycle=cycle, review__status=ReviewStatus.SUBMITTED
    ).values_list("review__scorecard_id", "item_id", "review__group", "rating")
    for card, item, group, rating in rows:
        out[card, item][group].append(rating)
    return out
