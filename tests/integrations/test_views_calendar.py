"""A person's calendar feed: 李经理 makes a secret address, his calendar application reads his
open planning steps from it without a login, and a new address (or revoking it) shuts the old
one out."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from icalendar import Calendar

from salestarget.integrations.models import CalendarFeed
from salestarget.targets.models import PlanningCycle, PlanningStep, Status, StepKind, TargetPlan

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = dt.datetime(2026, 3, 5, 17, 30, tzinfo=SHANGHAI)


@pytest.fixture
def steps(company):
    plan = TargetPlan.objects.create(
        name="2026 销售额",
        metric="revenue",
        period="FY2026",
        scope_node=company.root,
        owner=company.director,
        status=Status.DRAFT,
    )
    cycle = PlanningCycle.objects.create(plan=plan, name="2026-04 目标", period="2026-04")
    open_step = PlanningStep.objects.create(
        cycle=cycle,
        kind=StepKind.DECOMPOSE,
        node=company.north,
        responsible=company.manager_north,
        due_at=DUE,
    )
    PlanningStep.objects.create(  # done: not in the calendar any more
        cycle=cycle,
        kind=StepKind.SUBMIT,
        node=company.north,
        responsible=company.manager_north,
        due_at=DUE + dt.timedelta(days=4),
        done_at=DUE,
    )
    PlanningStep.objects.create(  # someone else's
        cycle=cycle,
        kind=StepKind.DECOMPOSE,
        node=company.east,
        responsible=company.manager_east,
        due_at=DUE,
    )
    return open_step


def new_address(client: Client, **headers) -> str:
    page = client.post("/integrations/calendar/new/", **headers).content.decode()
    return re.search(r"http://localhost:8000(/integrations/calendar/[^<\s]+\.ics)", page).group(1)


def events(answer) -> list:
    assert answer["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(answer.content).walk("VEVENT")


def test_a_manager_subscribes_to_his_planning_deadlines(company, login, steps):
    client = login(company.manager_north)
    path = new_address(client)
    page = client.get("/integrations/calendar/").content.decode()
    assert "截止：华北 分解目标（2026-04 目标）" in page
    assert path not in page  # shown once, never again

    anonymous = Client()
    (event,) = events(anonymous.get(path))
    assert str(event["SUMMARY"]) == "截止：华北 分解目标（2026-04 目标）"
    assert event.decoded("DTEND") == DUE
    assert event.decoded("DTSTART") == DUE - dt.timedelta(minutes=30)
    assert str(event["UID"]) == f"planning-step-{steps.pk}@salestarget"
    assert str(event["URL"]).startswith("http://localhost:8000/targets/cycles/")
    assert event.walk("VALARM")  # a reminder before the deadline
    assert CalendarFeed.objects.get().last_used_at is not None


def test_a_new_address_or_revoking_shuts_the_old_one_out(company, login, steps):
    client = login(company.manager_north)
    first = new_address(client)
    second = new_address(client)
    anonymous = Client()
    assert anonymous.get(first).status_code == 404
    assert anonymous.get(second).status_code == 200
    client.post("/integrations/calendar/revoke/")
    assert anonymous.get(second).status_code == 404
    assert anonymous.get("/integrations/calendar/guessed.ics").status_code == 404


def test_a_person_who_left_is_read_no_more(company, login, steps):
    path = new_address(login(company.manager_north))
    company.manager_north.user.is_active = False
    company.manager_north.user.save()
    assert Client().get(path).status_code == 404


def test_an_address_made_in_english_reads_in_english(company, login, steps):
    client = login(company.manager_north)
    client.cookies["django_language"] = "en"
    path = new_address(client, HTTP_ACCEPT_LANGUAGE="en")
    (event,) = events(Client().get(path))
    assert str(event["SUMMARY"]) == "Due: 华北 Decompose target (2026-04 目标)"


def test_a_rep_sees_an_empty_calendar_and_the_page_in_english(company, login):
    client = login(company.rep)
    client.cookies["django_language"] = "en"
    page = client.get("/integrations/calendar/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My calendar" in page
    assert "No open deadlines or meetings." in page
    path = new_address(client)
    assert events(Client().get(path)) == []
