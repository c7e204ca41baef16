"""A cycle scored at once, a template's people together (``cycle_results``), gives every
person exactly what scoring them one at a time with the core's one-person rules gives:
the same targets (exact quarter, month targets added up, the most advanced plan first),
the same Decimals to the last digit, the same reviewer groups reweighted and named, the
same totals and grades.

The population is small but has every case the batch work groups people by: a tier rule
and a mirrored metric, a scale of 1–4, all four reviewer groups, peers below the anonymity
threshold, a draft review that must not count, nobody's answers at all, a target made of
month targets, a locked plan over an approved one, no target, a person too new to rate."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.assessment.models import (
    AssessmentCycle,
    Review,
    ReviewStatus,
    RuleKind,
    Scorecard,
    TemplateItem,
)
from salestarget.assessment.models.reviews import ReviewAnswer
from salestarget.assessment.queries.scoring import CardResult, LineResult, cycle_results
from salestarget.assessment.rules import item_rule
from salestarget.assessment.services.scoring import scorecard_compute
from salestarget.core.metrics import evaluate
from salestarget.core.scoring.items import effective_achievement, rating_score
from salestarget.core.scoring.weighting import ReviewerGroup, aggregate_group, weighted_score
from salestarget.org.models import Person
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.models import Status, Target, TargetPlan

from .conftest import Q2_END, Q2_START, Team

D = Decimal


def test_a_cycle_scored_at_once_equals_each_person_scored_alone(team, open_cycle):
    expected_targets = _population(team)
    cycle = open_cycle()
    _reviews(team, cycle)
    Scorecard.objects.filter(cycle=cycle, person=team.peers[2]).update(too_new=True)

    results = cycle_results(cycle)

    assert [r.scorecard_id for r in results] == list(
        Scorecard.objects.filter(cycle=cycle).values_list("pk", flat=True)
    )
    for result in results:
        alone = _scored_alone(cycle, Scorecard.objects.get(pk=result.scorecard_id))
        # repr, not ==: Decimal("50") == Decimal("50.00"), but a page shows them apart.
        assert repr(dataclasses.asdict(result)) == repr(dataclasses.asdict(alone))
    targets = {
        (r.person_id, line.item_id): line.target
        for r in results
        for line in r.lines
        if line.quantitative and r.person_id in {p.pk for p in team.reps}
    }
    assert targets == expected_targets
    # What the population is built to show, so the comparison above covers it.
    lines = {(r.person_id, line.item_id): line for r in results for line in r.lines}
    communication = team.item("沟通能力").pk
    assert lines[team.rep.pk, communication].missing_groups == []  # all four groups
    assert "peer" in lines[team.peers[0].pk, communication].missing_groups  # two peers only
    assert lines[team.peers[1].pk, communication].score is None  # nobody answered

    # And stored as computed, with grades for the rated only.
    scorecard_compute(cycle=cycle)
    for result in results:
        card = Scorecard.objects.get(pk=result.scorecard_id)
        assert (card.performance_score, card.behaviour_score, card.total_score) == (
            result.performance,
            result.behaviour,
            result.total,
        )
        assert (card.computed_grade == "") is (result.too_new or result.total is None)


def _population(team: Team) -> dict[tuple[int, int], Decimal | None]:
    """Changes the team so every case is there; returns each person's expected target per
    quantitative item."""
    company = team.company
    revenue, rate = team.item("销售额"), team.item("销售费用率")
    rate.rule, rate.rule_params = RuleKind.TIERS, {"tiers": [[0.8, 60], [1, 100], [1.15, 115]]}
    rate.save()
    teamwork = team.item("团队协作")
    teamwork.levels = [{"level": n, "description": f"L{n}"} for n in (1, 2, 3, 4)]
    teamwork.group_weights = {"self": "0", "manager": "50", "peer": "25", "customer": "25"}
    teamwork.save()
    first, second, third = team.peers
    # 同事1 sold 64,321.55 on two days; 同事2 has month targets instead of a quarter's.
    for n, (day, amount) in enumerate(
        ((dt.date(2026, 4, 3), "41000.05"), (dt.date(2026, 6, 29), "23321.50"))
    ):
        SalesLine.objects.create(
            external_id=f"eq{n}",
            sold_on=day,
            customer=company.customer_bj,
            product=company.product_a,
            person=first,
            node=company.team_bj,
            channel=company.channel,
            customer_type=company.customer_type,
            region=company.customer_bj.region,
            quantity=D(1),
            amount=D(amount),
            cost=D(0),
        )
    rollups_rebuild()
    Target.objects.filter(person=second, metric="revenue").delete()
    months = TargetPlan.objects.create(
        name="FY2026 月度",
        metric="revenue",
        period="FY2026-Q2",
        scope_node=company.root,
        owner=company.director,
        status=Status.APPROVED,
    )
    for start, end, value in (
        (dt.date(2026, 4, 1), dt.date(2026, 4, 30), "30000.10"),
        (dt.date(2026, 5, 1), dt.date(2026, 5, 31), "30000.20"),
        (dt.date(2026, 6, 1), dt.date(2026, 6, 30), "40000.30"),
    ):
        _target(months, second, start, end, D(value))
    # 同事3's locked plan wins over the approved one; 王小明 has no expense-rate target.
    locked = TargetPlan.objects.create(
        name="FY2026-Q2 锁定",
        metric="revenue",
        period="FY2026-Q2",
        scope_node=company.root,
        owner=company.director,
        status=Status.LOCKED,
    )
    _target(locked, third, Q2_START, Q2_END, D("120000.00"))
    Target.objects.filter(person=team.rep, metric="expense_rate").delete()
    expected: dict[tuple[int, int], Decimal | None] = {}
    for rep in team.reps:
        expected[rep.pk, revenue.pk] = D(100_000)
        expected[rep.pk, rate.pk] = D("0.10")
    expected[second.pk, revenue.pk] = D("100000.60")
    expected[third.pk, revenue.pk] = D(120_000)
    expected[team.rep.pk, rate.pk] = None
    return expected


def _target(plan: TargetPlan, who: Person, start: dt.date, end: dt.date, value: Decimal) -> None:
    Target.objects.create(
        plan=plan,
        metric=plan.metric,
        period="FY2026-Q2",
        period_start=start,
        period_end=end,
        node=who.memberships.first().node,
        person=who,
        value=value,
        status=plan.status,
    )


def _reviews(team: Team, cycle: AssessmentCycle) -> None:
    """王小明: every group (three peers, three customers); 同事1: the manager and two peers
    (too few to count), and a draft that must not count; 同事2: nobody; 同事3: himself."""
    communication, teamwork = team.item("沟通能力"), team.item("团队协作")
    first, second, third = team.peers

    def given(subject: Person, group: str, ratings: tuple[int, int], *, submitted: bool = True):
        review = Review.objects.create(
            scorecard=Scorecard.objects.get(cycle=cycle, person=subject),
            group=group,
            status=ReviewStatus.SUBMITTED if submitted else ReviewStatus.REQUESTED,
        )
        for item, rating in zip((communication, teamwork), ratings, strict=True):
            ReviewAnswer.objects.create(review=review, item=item, rating=rating)

    for group, ratings in (
        ("self", (5, 4)),
        ("manager", (4, 3)),
        ("peer", (5, 1)),
        ("peer", (2, 2)),
        ("peer", (3, 4)),
        ("customer", (4, 4)),
        ("customer", (5, 3)),
        ("customer", (4, 1)),
    ):
        given(team.rep, group, ratings)
    for group, ratings in (("manager", (3, 2)), ("peer", (5, 4)), ("peer", (1, 1))):
        given(first, group, ratings)
    given(first, "self", (1, 1), submitted=False)
    given(third, "self", (4, 3))
    assert second.pk  # 同事2: no answers at all


def _scored_alone(cycle: AssessmentCycle, card: Scorecard) -> CardResult:
    """One scorecard from the one-person rules, reading what it needs on its own."""
    lines = []
    for item in TemplateItem.objects.filter(template=card.template_id):
        line = LineResult(item.pk, D(item.weight), item.is_quantitative)
        if item.is_quantitative:
            metric = metric_definition(item.metric)
            line.target = _target_alone(card.person_id, item.metric)
            sums = PersonDaily.objects.filter(
                person=card.person_id, day__range=(cycle.period_start, cycle.period_end)
            ).aggregate(**{n: Sum(n) for n in metric.fact_names})
            line.actual = evaluate(metric, {n: v or D(0) for n, v in sums.items()})
            if line.target is not None:
                line.achievement = effective_achievement(line.target, line.actual, metric.direction)
                if line.achievement is not None:
                    line.score = item_rule(item).score(line.achievement)
        else:
            means = {}
            for group in item.group_weights:
                ratings = ReviewAnswer.objects.filter(
                    review__scorecard=card,
                    review__group=group,
                    review__status=ReviewStatus.SUBMITTED,
                    item=item,
                ).values_list("rating", flat=True)
                points = [
                    rating_score(r, scale_max=item.scale_max, scale_min=item.scale_min)
                    for r in sorted(ratings)
                ]
                found = aggregate_group(ReviewerGroup(group), points)
                means[group] = found.mean
                line.groups.append(
                    {
                        "group": group,
                        "answers": found.answers if found.mean is not None else 0,
                        "mean": None if found.mean is None else str(found.mean),
                    }
                )
            scored = weighted_score(item.group_weight_values(), means)
            line.score = scored.score
            line.missing_groups = [str(g) for g in scored.missing]
        lines.append(line)
    result = CardResult(card.pk, card.person_id, card.too_new, lines)

    def part(chosen: list[LineResult]):
        return weighted_score(
            {x.item_id: x.weight for x in chosen}, {x.item_id: x.score for x in chosen}
        )

    total = part(lines)
    result.total, result.missing_items = total.score, list(total.missing)
    for line in lines:
        line.weight_used = total.weights.get(line.item_id)
    result.performance = part([x for x in lines if x.quantitative]).score
    result.behaviour = part([x for x in lines if not x.quantitative]).score
    return result


def _target_alone(person: int, metric: str) -> Decimal | None:
    """The person's target for the quarter: a quarter target of the most advanced plan,
    else the sum of one plan's three month targets."""
    rank = {Status.LOCKED: 0, Status.APPROVED: 1, Status.SUBMITTED: 2, Status.DRAFT: 3}
    rows = list(Target.objects.filter(person=person, metric=metric).select_related("plan"))
    quarter = sorted(
        (t for t in rows if (t.period_start, t.period_end) == (Q2_START, Q2_END)),
        key=lambda t: rank[Status(t.plan.status)],
    )
    if quarter:
        return quarter[0].value
    months = [t for t in rows if t.period_start.day == 1]
    return sum((t.value for t in months), D(0)) if len(months) == 3 else None
