"""Results applied: a person's grade history with its trend chart (the person and those
above them only) and the results workbook for pay, promotion and training (grades, the
interview's acknowledgement, the improvement plan)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from salestarget.assessment.models import CycleStep, Scorecard
from salestarget.assessment.services.cycles import cycle_advance
from salestarget.assessment.services.feedback import (
    improvement_plan_open,
    interview_acknowledge,
    interview_record,
)


def in_feedback(team, open_cycle):
    finance = team.company.finance.user
    cycle = open_cycle()
    while cycle.step != CycleStep.FEEDBACK:
        cycle = cycle_advance(cycle=cycle, by=finance)
    return cycle


def test_the_rep_sees_their_grade_trend(team, open_cycle, login):
    cycle = in_feedback(team, open_cycle)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    client = login(team.rep)
    mine = client.get("/assessment/").content.decode()
    assert f"/assessment/people/{team.rep.pk}/history/" in mine
    page = client.get(f"/assessment/people/{team.rep.pk}/history/")
    assert page.status_code == 200
    assert 'data-testid="history-chart"' in page.content.decode()
    chart = client.get(f"/assessment/people/{team.rep.pk}/history.json").json()
    assert chart == {
        "periods": [cycle.period],
        "scores": [str(card.total_score)],
        "grades": [card.grade],
    }
    assert card.grade  # fixed on entering feedback


def test_an_open_cycle_is_not_in_the_history_yet(team, open_cycle, login):
    open_cycle()
    chart = login(team.rep).get(f"/assessment/people/{team.rep.pk}/history.json").json()
    assert chart["periods"] == []


@pytest.mark.parametrize(
    ("viewer", "status"),
    [
        ("rep", 200),
        ("team_lead", 200),
        ("manager_north", 200),
        ("finance", 200),
        ("rep_other", 404),
        ("manager_east", 404),
    ],
)
def test_a_history_is_seen_by_the_person_and_those_above_only(
    team, open_cycle, login, viewer, status
):
    in_feedback(team, open_cycle)
    client = login(getattr(team.company, viewer))
    assert client.get(f"/assessment/people/{team.rep.pk}/history/").status_code == status
    assert client.get(f"/assessment/people/{team.rep.pk}/history.json").status_code == status


def test_the_results_workbook_carries_the_acknowledgement_and_the_plan(team, open_cycle, login):
    cycle = in_feedback(team, open_cycle)
    card = Scorecard.objects.get(cycle=cycle, person=team.rep)
    interview = interview_record(
        scorecard=card, held_on=dt.date(2026, 7, 10), notes="费用需控制", by=team.lead.user
    )
    interview_acknowledge(interview=interview, comment="认可", by=team.rep.user)
    improvement_plan_open(scorecard=card, goals="费用率降到 8%", by=team.lead.user)
    export = login(team.company.finance).get(f"/assessment/cycles/{cycle.pk}/results.xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "工号")
    mine = next(r for r in rows if r and r[0] == team.rep.employee_no)
    record = dict(zip(header, mine, strict=False))
    assert record["最终等级"] == card.grade
    interview.refresh_from_db()
    assert record["面谈确认"] == f"{timezone.localtime(interview.acknowledged_at):%Y-%m-%d}"
    assert record["改进计划"] == "进行中"
