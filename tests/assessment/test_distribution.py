"""The company's own grades on the cycle form and the API: grade names with their lowest
score and their share of the distribution, warning or enforced, advisory below a minimum
group size, applied within each org unit (or team, or role) instead of the whole cycle."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from salestarget.assessment.models import AssessmentCycle, CycleStep, Scorecard
from salestarget.assessment.services.calibration import (
    calibration_change,
    calibration_lock,
    calibration_open,
)
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.targets.models import Status, Target, TargetPlan

from .conftest import Q2_END, Q2_START, deadlines

HALVES = {
    "enforcement": "enforced",
    "min_group_size": 2,
    "grade_bands": [["优", "100"], ["良", "0"]],
    "distribution": {"优": "50", "良": "50"},
}


def east_rated(team) -> None:
    """陈小红 (上海一组, 华东) gets a Q2 revenue target too, so she is scored (0: no sales)."""
    Target.objects.create(
        plan=TargetPlan.objects.get(name="FY2026-Q2"),
        metric="revenue",
        period="FY2026-Q2",
        period_start=Q2_START,
        period_end=Q2_END,
        node=team.company.team_sh,
        person=team.company.rep_other,
        value=Decimal(100_000),
        status=Status.APPROVED,
    )


def grades_in(cycle: AssessmentCycle, node) -> list[str]:
    return sorted(
        Scorecard.objects.filter(cycle=cycle, node__path__startswith=node.path).values_list(
            "computed_grade", flat=True
        )
    )


def to_step(cycle, step, by):
    while cycle.step != step:
        cycle = cycle_advance(cycle=cycle, by=by)
    return cycle


def test_each_org_unit_gets_its_own_distribution_and_a_small_one_is_advisory(team, open_cycle):
    east_rated(team)
    finance = team.company.finance.user
    cycle = to_step(open_cycle(distribution_by="unit", **HALVES), CycleStep.PROPOSAL, finance)
    # 华北's four reps share 优 and 良 half and half, by rank within 华北.
    assert grades_in(cycle, team.company.north) == ["优", "优", "良", "良"]
    # 华东 has one rated rep: below the minimum of two the guideline only advises, so her
    # grade is her band's (0 points: 良), not the best of a group of one.
    assert grades_in(cycle, team.company.east) == ["良"]


def test_over_the_whole_cycle_the_same_people_compete_together(team, open_cycle):
    east_rated(team)
    finance = team.company.finance.user
    cycle = to_step(open_cycle(distribution_by="all", **HALVES), CycleStep.PROPOSAL, finance)
    everyone = sorted(
        Scorecard.objects.filter(cycle=cycle).values_list("computed_grade", flat=True)
    )
    assert len(everyone) == 5
    assert everyone.count("优") in (2, 3)  # 50% of five, by largest remainder


def test_calibration_holds_each_group_to_its_distribution(team, open_cycle):
    east_rated(team)
    finance = team.company.finance.user
    cycle = to_step(open_cycle(distribution_by="unit", **HALVES), CycleStep.CALIBRATION, finance)
    session = calibration_open(cycle=cycle, node=team.company.root, by=finance)
    north = Scorecard.objects.filter(cycle=cycle, node__path__startswith=team.company.north.path)
    low = north.filter(computed_grade="良").first()
    calibration_change(session=session, scorecard=low, grade="优", reason="大单", by=finance)
    with pytest.raises(ValidationError, match="优 有 3 人"):
        calibration_lock(session=session, by=finance)
    # 华东's single rep may be 优: her group is below the minimum size.
    east = Scorecard.objects.get(cycle=cycle, person=team.company.rep_other)
    calibration_change(session=session, scorecard=east, grade="优", reason="新客户", by=finance)
    calibration_change(session=session, scorecard=low, grade="良", reason="回到分布", by=finance)
    calibration_lock(session=session, by=finance)


def test_the_calibration_page_charts_each_group_against_its_own_guideline(team, open_cycle, login):
    east_rated(team)
    finance = team.company.finance
    cycle = to_step(
        open_cycle(distribution_by="unit", **HALVES), CycleStep.CALIBRATION, finance.user
    )
    session = calibration_open(cycle=cycle, node=team.company.root, by=finance.user)
    north = Scorecard.objects.filter(cycle=cycle, node__path__startswith=team.company.north.path)
    low = north.filter(computed_grade="良").first()
    calibration_change(session=session, scorecard=low, grade="优", reason="大单", by=finance.user)
    client = login(finance)
    chart = client.get(f"/assessment/sessions/{session.pk}/chart.json").json()
    groups = {g["label"]: g for g in chart["groups"]}
    assert set(groups) == {team.company.north.name, team.company.east.name}
    # 华北 (four rated) is held to 2 + 2 and now has 3 优: binding, and off.
    assert groups[team.company.north.name]["actual"] == [3, 1]
    assert groups[team.company.north.name]["guideline"] == [2, 2]
    assert groups[team.company.north.name]["binding"] is True
    assert groups[team.company.north.name]["deviates"] is True
    # 华东's one rep is below the minimum group size: advisory, not binding.
    assert groups[team.company.east.name]["actual"] == [0, 1]
    assert groups[team.company.east.name]["binding"] is False
    # The whole session's figures stay beside the groups'.
    assert sum(chart["actual"]) == 5
    page = client.get(f"/assessment/sessions/{session.pk}/").content.decode()
    assert page.count('data-testid="distribution-group"') == 2
    assert team.company.north.name in page.split('data-testid="deviations"')[1]


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"grade_bands": [["A", "80"], ["S", "100"]]}, "从高到低"),
        ({"grade_bands": [["A", "100"], ["A", "0"]]}, "不能重复"),
        ({"distribution": {"S": "10", "A": "20", "B": "40", "C": "20"}}, "90%"),
        ({"distribution": {"X": "100"}}, "X"),
        ({"distribution_by": "region"}, "region"),
    ],
)
def test_grade_settings_that_do_not_hold_together_are_refused_by_name(
    team, open_cycle, options, says
):
    with pytest.raises(ValidationError) as refused:
        open_cycle(**options)
    assert says in " ".join(refused.value.messages)
    assert not AssessmentCycle.objects.exists()


def form_post(team, grades: str) -> dict[str, object]:
    return {
        "period": "FY2026-Q2",
        "root": team.company.root.pk,
        "roles": ["rep"],
        **{f: d.strftime("%Y-%m-%dT%H:%M") for f, d in deadlines().items()},
        "grades": grades,
        "enforcement": "warning",
        "min_group_size": "3",
        "distribution_by": "node",
    }


def test_finance_opens_a_cycle_with_the_companys_own_grades(team, login):
    client = login(team.company.finance)
    form = client.get("/assessment/cycles/new/").content.decode()
    assert "S 110 10" in form  # the default scale, ready to edit
    response = client.post(
        "/assessment/cycles/new/", form_post(team, "卓越 105 20\n良好 90 50\n待改进 0 30")
    )
    assert response.status_code == 302
    cycle = AssessmentCycle.objects.get()
    assert cycle.grade_bands == [["卓越", "105"], ["良好", "90"], ["待改进", "0"]]
    assert cycle.distribution == {"卓越": "20", "良好": "50", "待改进": "30"}
    assert (cycle.min_group_size, cycle.distribution_by) == (3, "node")
    page = client.get(response["Location"]).content.decode()
    assert "待改进" in page
    assert "各人所在的组织" in page


@pytest.mark.parametrize(
    ("grades", "says"),
    [
        ("S 110 10\nA 100", "第 2 行需要三项"),
        ("S 110 10\nA abc 90", "必须是数字"),
        ("S 110 10\nA 100 80", "90%"),
    ],
)
def test_a_bad_grades_line_is_named_and_nothing_is_opened(team, login, grades, says):
    response = login(team.company.finance).post("/assessment/cycles/new/", form_post(team, grades))
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not AssessmentCycle.objects.exists()


def api_body(team) -> dict[str, object]:
    return {
        "period": "FY2026-Q2",
        "root": team.company.root.pk,
        "roles": ["rep"],
        **{f: d.isoformat() for f, d in deadlines().items()},
        "grade_bands": [["A", "100"], ["B", "80"], ["C", "0"]],
        "distribution": {"A": "20", "B": "60", "C": "20"},
        "enforcement": "enforced",
        "min_group_size": 5,
        "distribution_by": "role",
    }


def test_the_api_opens_a_cycle_with_its_grades(team, login):
    response = login(team.company.finance).post(
        "/api/assessment/cycles", api_body(team), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [g[0] for g in body["grade_bands"]] == ["A", "B", "C"]
    assert body["distribution_by"] == "role"
    assert Scorecard.objects.filter(cycle_id=body["id"]).count() == 5


def test_managers_and_reps_cannot_open_a_cycle_through_the_api(team, login):
    for who in (team.company.manager_north, team.rep):
        response = login(who).post(
            "/api/assessment/cycles", api_body(team), content_type="application/json"
        )
        assert response.status_code in (403, 422)
    assert not AssessmentCycle.objects.exists()


def test_the_period_of_a_closed_cycle_feeds_grades_for_period(team, open_cycle):
    from salestarget.assessment.queries.grading import grades_for_period

    finance = team.company.finance.user
    cycle = to_step(open_cycle(distribution_by="node", **HALVES), CycleStep.FEEDBACK, finance)
    found = grades_for_period(start=dt.date(2026, 4, 1), end=dt.date(2026, 6, 30))
    assert found[team.rep.pk] == "优"
    assert cycle.step == CycleStep.FEEDBACK
