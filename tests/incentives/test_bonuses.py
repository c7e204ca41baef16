"""Grade bonuses: the plan's bonus table pays target bonus × the grade's multiplier in the
last month of the bonus period, from the assessment cycle's grade, or from a grade finance
typed in where no cycle grades the person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from salestarget.assessment.models import AssessmentCycle, CycleStep, Scorecard
from salestarget.incentives.explain import step_text
from salestarget.incentives.models import BonusTable, LineKind, Statement, TypedGrade
from salestarget.incentives.services.bonuses import bonus_table_save, typed_grades_save
from salestarget.incentives.services.calculation import statement_calculate
from tests.assessment.conftest import rep_template

D = Decimal
TABLE = {"S": "1.5", "A": "1.2", "B": "1", "C": "0.5"}


@pytest.fixture
def bonus_plan(june, commission_plan):
    """The June plan with a quarterly bonus table: a target bonus of 10,000."""
    plan = commission_plan()
    bonus_table_save(
        plan=plan, by=june.finance.user, period="quarter", target_bonus=D(10_000), multipliers=TABLE
    )
    return plan


def closed_cycle(company, grades):
    now = timezone.now()
    cycle = AssessmentCycle.objects.create(
        name="2026 Q2 考核",
        kind="quarter",
        period="FY2026-Q2",
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
        root=company.root,
        roles=["rep"],
        step=CycleStep.CLOSED,
        **dict.fromkeys(
            ("self_review_by", "reviews_by", "proposal_by", "calibration_by", "feedback_by"), now
        ),
    )
    template = rep_template()
    for person, grade in grades.items():
        Scorecard.objects.create(
            cycle=cycle, person=person, template=template, node=company.team_bj, grade=grade
        )
    return cycle


def bonus_lines(company, period="2026-06"):
    statement_calculate(period=period, by=company.finance.user)
    return {
        s.person_id: list(s.lines.filter(kind=LineKind.BONUS))
        for s in Statement.objects.filter(period=period)
    }


def test_the_closed_cycles_grade_pays_its_multiplier_in_the_quarters_last_month(june, bonus_plan):
    closed_cycle(june, {june.rep: "A"})
    lines = bonus_lines(june)
    (line,) = lines[june.rep.pk]
    assert line.amount == D("12000.00")
    assert line.span_start == dt.date(2026, 4, 1)
    assert [step_text(s) for s in line.steps] == [
        "绩效等级 A：目标奖金 10,000.00 × 系数 1.2 = 12,000.00"
    ]
    assert lines[june.rep_other.pk] == []  # no grade, no bonus
    mine = Statement.objects.get(person=june.rep, period="2026-06")
    assert mine.total == D("4400.00") + D("12000.00")


def test_a_typed_grade_fills_in_where_no_cycle_grades_the_person(june, bonus_plan):
    closed_cycle(june, {june.rep: "S"})
    typed_grades_save(
        period="FY2026-Q2", grades={june.rep: "C", june.rep_other: "B"}, by=june.finance.user
    )
    lines = bonus_lines(june)
    assert [line.amount for line in lines[june.rep.pk]] == [D("15000.00")]  # the cycle wins
    (typed,) = lines[june.rep_other.pk]
    assert typed.amount == D("10000.00")
    assert "手工等级 B" in typed.label


def test_no_bonus_before_the_quarter_ends(june, bonus_plan):
    typed_grades_save(period="FY2026-Q2", grades={june.rep: "A"}, by=june.finance.user)
    assert all(lines == [] for lines in bonus_lines(june, "2026-05").values())


def test_a_grade_the_table_does_not_list_pays_nothing_and_says_so(june, bonus_plan):
    typed_grades_save(period="FY2026-Q2", grades={june.rep: "D"}, by=june.finance.user)
    (line,) = bonus_lines(june)[june.rep.pk]
    assert line.amount == 0
    assert step_text(line.steps[0]) == "绩效等级 D 不在奖金表中，本项为 0"


def test_a_bad_table_is_refused_naming_the_grade_and_keeps_the_old_one(june, bonus_plan):
    for bad in ({"S": "x"}, {"S": "-1"}, {}):
        with pytest.raises(ValidationError) as caught:
            bonus_table_save(
                plan=bonus_plan,
                by=june.finance.user,
                period="quarter",
                target_bonus=D(1),
                multipliers=bad,
            )
        assert "multipliers" in caught.value.message_dict
    assert BonusTable.objects.get(plan=bonus_plan).multipliers["S"] == "1.5"
    with pytest.raises(ValidationError, match="period"):
        bonus_table_save(
            plan=bonus_plan, by=june.finance.user, period="week", target_bonus=D(1), multipliers={}
        )
    with pytest.raises(PermissionDenied):
        bonus_table_save(
            plan=bonus_plan, by=june.rep.user, period="year", target_bonus=D(1), multipliers=TABLE
        )


def test_finance_edits_the_table_and_types_grades_on_the_plan_page(june, bonus_plan, login):
    client = login(june.finance)
    page = client.get(reverse("incentives:plan", args=[bonus_plan.pk])).content.decode()
    assert "S 1.5" in page
    answer = client.post(
        reverse("incentives:bonus_table", args=[bonus_plan.pk]),
        {"period": "year", "target_bonus": "20000", "multipliers": "S 2\nA 1.5\nB 1"},
    )
    assert answer.status_code == 302
    table = BonusTable.objects.get(plan=bonus_plan)
    assert (table.period, table.target_bonus, table.multipliers["S"]) == ("year", D(20000), "2")
    bad = client.post(
        reverse("incentives:bonus_table", args=[bonus_plan.pk]),
        {"period": "year", "target_bonus": "20000", "multipliers": "S 2\nA"},
    )
    assert bad.status_code == 400
    assert "第 2 行需要两项" in bad.content.decode()
    assert BonusTable.objects.get(plan=bonus_plan).multipliers == table.multipliers
    answer = client.post(
        reverse("incentives:typed_grades", args=[bonus_plan.pk]),
        {"period": "FY2026", "grades": f"{june.rep.employee_no} A"},
    )
    assert answer.status_code == 302
    assert TypedGrade.objects.get(person=june.rep).period == "FY2026"
    unknown = client.post(
        reverse("incentives:typed_grades", args=[bonus_plan.pk]),
        {"period": "FY2026", "grades": "NOBODY A"},
    )
    assert unknown.status_code == 400
    assert "没有工号为 NOBODY 的人员" in unknown.content.decode()


def test_the_api_reads_and_replaces_the_table_for_finance_only(june, bonus_plan, login):
    url = f"/api/incentives/plans/{bonus_plan.pk}/bonus-table"
    assert login(june.rep).get(url).status_code == 403
    client = login(june.finance)
    assert client.get(url).json()["multipliers"]["A"] == "1.2"
    body = {"period": "half", "target_bonus": "5000", "multipliers": {"A": "1.1"}}
    answer = client.put(url, body, content_type="application/json")
    assert answer.status_code == 200
    assert BonusTable.objects.get(plan=bonus_plan).period == "half"
    bad = client.put(url, body | {"multipliers": {"A": "11"}}, content_type="application/json")
    assert bad.status_code == 422
    grades = client.put(
        "/api/incentives/typed-grades",
        {"period": "FY2026-H1", "grades": {june.rep.employee_no: "A", "NOBODY": "B"}},
        content_type="application/json",
    )
    assert grades.status_code == 422
    assert "NOBODY" in grades.content.decode()
    assert not TypedGrade.objects.exists()
