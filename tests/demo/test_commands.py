"""`salestarget demo` and `salestarget demo_logins`, as `make run` uses them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from salestarget.actuals.models import PersonDaily, SalesLine
from salestarget.org.models import Person
from tests.personas import account


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_if_empty_leaves_a_loaded_company_alone(demo_small, db) -> None:
    lines, people = SalesLine.objects.count(), Person.objects.count()
    rollups = PersonDaily.objects.count()

    output = run("demo", "--scale", "small", "--if-empty")

    assert "跳过" in output
    assert (SalesLine.objects.count(), Person.objects.count()) == (lines, people)
    assert PersonDaily.objects.count() == rollups


def test_loading_over_existing_data_needs_reset_or_if_empty(demo_small, db) -> None:
    with pytest.raises(CommandError, match="--reset"):
        run("demo", "--scale", "small")
    with pytest.raises(CommandError):
        run("demo", "--scale", "small", "--reset", "--if-empty")


def test_demo_logins_lists_who_to_sign_in_as(demo_small, db) -> None:
    output = run("demo_logins", "--url", "http://127.0.0.1:8000/")

    assert "http://127.0.0.1:8000/" in output
    assert demo_small.password in output
    for username in (
        "admin",
        "director",
        "finance",
        "mgr_north",
        "mgr_west",
        "lead_bj",
        "lead_he",
        "rep_001",
        "rep_029",
    ):
        assert f"  {username} " in output
    assert "华北大区" in output
    assert "12 月目标逾期未上报" in output


@pytest.mark.parametrize("username", ["admin", "director", "mgr_north", "lead_bj", "rep_001"])
def test_demo_users_can_sign_in(demo_small, db, client: Client, username: str) -> None:
    assert client.login(username=username, password=demo_small.password)


def test_people_who_left_cannot_sign_in(demo_small, db, client: Client) -> None:
    leaver = Person.objects.filter(left_on__isnull=False).select_related("user").first()
    assert leaver is not None
    assert not client.login(username=account(leaver).username, password=demo_small.password)


def test_the_demo_shows_robots_with_a_log_and_a_reps_message_settings(
    demo_small, db, client: Client
) -> None:
    assert client.login(username="lead_bj", password=demo_small.password)
    robots = client.get("/integrations/robots/").content.decode()
    assert "已停用" in robots  # switched off: nothing leaves the machine
    assert client.login(username="rep_001", password=demo_small.password)
    page = client.get("/integrations/messages/").content.decode()
    assert 'value="dingtalk" selected' in page
    assert "已发送" in page
