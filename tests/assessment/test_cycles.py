"""Opening a cycle: a scorecard per person of the population with their self-review and
their manager's review; bad set-ups are refused with the reason; the cycle walks its steps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from salestarget.assessment.models import CycleKind, CycleStep, Review, Scorecard
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.org.models import Membership, Role
from tests.personas import person

from .conftest import deadlines


def test_a_quarter_cycle_gives_every_rep_a_scorecard_with_self_and_manager_reviews(
    team, open_cycle
):
    cycle = open_cycle()
    assert cycle.kind == CycleKind.QUARTER
    assert (cycle.period_start, cycle.period_end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert cycle.step == CycleStep.SELF_REVIEW
    cards = Scorecard.objects.filter(cycle=cycle)
    assert {c.person for c in cards} == {*team.reps, team.company.rep_other}
    mine = cards.get(person=team.rep)
    assert mine.manager == team.lead
    assert cards.get(person=team.company.rep_other).manager == team.company.manager_east
    groups = sorted(Review.objects.filter(scorecard=mine).values_list("group", flat=True))
    assert groups == ["manager", "self"]


@pytest.mark.parametrize(
    ("period", "kind", "start", "end"),
    [
        ("2026-06", CycleKind.MONTH, dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
        ("FY2026-H1", CycleKind.HALF, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        ("FY2026", CycleKind.YEAR, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ],
)
def test_a_month_a_half_and_a_year_are_cycles_too(team, open_cycle, period, kind, start, end):
    cycle = open_cycle(period=period)
    assert (cycle.kind, cycle.period_start, cycle.period_end) == (kind, start, end)
    assert Scorecard.objects.filter(cycle=cycle, person=team.rep).exists()


def test_a_template_whose_weights_do_not_add_up_is_refused(team, open_cycle):
    item = team.item("销售额")
    item.weight = Decimal(45)
    item.save()
    with pytest.raises(ValidationError, match="95"):
        open_cycle()
    assert not Scorecard.objects.exists()


def test_reviewer_group_weights_must_add_up_too(team, open_cycle):
    item = team.item("沟通能力")
    item.group_weights = {"self": "10", "manager": "60", "peer": "20"}
    item.save()
    with pytest.raises(ValidationError, match="评价人权重"):
        open_cycle()


def test_bad_periods_and_missing_templates_are_named(team, open_cycle):
    with pytest.raises(ValidationError, match="period"):
        open_cycle(period="2026-Q9")
    with pytest.raises(ValidationError, match="月、季、半年或年"):
        open_cycle(period="2026-W05")
    with pytest.raises(ValidationError, match="考核表模板"):
        open_cycle(roles=[Role.REP, Role.MANAGER])
    wrong = deadlines()
    wrong["feedback_by"] = wrong["self_review_by"]
    with pytest.raises(ValidationError, match="依次排列"):
        open_cycle(deadlines=wrong)


def test_managers_and_reps_do_not_run_cycles(team, open_cycle):
    with pytest.raises(PermissionDenied):
        open_cycle(by=team.company.manager_north.user)
    with pytest.raises(PermissionDenied):
        open_cycle(by=team.rep.user)


def test_someone_who_joined_in_june_is_too_new_to_rate_the_quarter(team, open_cycle):
    newcomer = person("newbie", "新同事", Role.REP, team.company.team_bj)
    Membership.objects.filter(person=newcomer).update(valid_from=dt.date(2026, 6, 1))
    cycle = open_cycle()
    assert Scorecard.objects.get(cycle=cycle, person=newcomer).too_new
    assert not Scorecard.objects.get(cycle=cycle, person=team.rep).too_new


def test_the_cycle_walks_its_steps_and_computes_on_the_way(team, open_cycle):
    cycle = open_cycle()
    by = team.company.finance.user
    cycle = cycle_advance(cycle=cycle, by=by)
    assert cycle.step == CycleStep.REVIEWS
    cycle = cycle_advance(cycle=cycle, by=by)
    assert cycle.step == CycleStep.PROPOSAL
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    assert card.computed_at is not None
    assert card.total_score is not None
    with pytest.raises(PermissionDenied):
        cycle_advance(cycle=cycle, by=team.lead.user)
