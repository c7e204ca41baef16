"""Correcting someone's membership history re-credits their facts: 王小明 moved from 北京一组
to 上海一组 on 1 June 2026, and the date turns out to be wrong. Facts of the corrected days
follow to the node that is now right, the rollups with them (equal to a rebuild); a change
that would leave facts without any node is refused and writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.urls import reverse

from salestarget.actuals.models import (
    Expense,
    Opportunity,
    Payment,
    PersonDaily,
    SalesLine,
    SalesMonthly,
    SurveyResponse,
)
from salestarget.actuals.rollups import rollups_check
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import records_import
from salestarget.org.models import Membership
from salestarget.org.recrediting import recredit
from salestarget.org.scoping import scope_for
from salestarget.org.services import (
    membership_delete,
    membership_save,
    person_deactivate,
    person_move,
    person_transfer,
)
from tests.personas import Company, account

MOVED = dt.date(2026, 6, 1)
MAY_20, JUNE_10, JUNE_20 = dt.date(2026, 5, 20), dt.date(2026, 6, 10), dt.date(2026, 6, 20)
NO_DIFFERENCE = dict.fromkeys(["actuals_salesmonthly", "actuals_persondaily"], 0)


def write(kind: str, **record: object) -> None:
    record.setdefault("person", "REP")
    batch = records_import(kind=kind, source="t", records=[record], user=None)
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview


@pytest.fixture
def moved(company: Company) -> Company:
    """王小明 moves on 1 June; he sells (and spends, collects, wins, is rated) on 20 May, 10
    June and 20 June, each fact credited by the importer to his team of that day."""
    person_move(person=company.rep, to_node=company.team_sh, on=MOVED)
    for n, day in enumerate((MAY_20, JUNE_10, JUNE_20)):
        common = {"external_id": f"x{n}", "customer": "CU-BJ"}
        write("sales", **common, sold_on=day, product="P-A", quantity=1, amount=100 + n)
        write("expense", external_id=f"x{n}", spent_on=day, category="差旅", amount=10)
        write("payment", **common, received_on=day, amount=50)
        write(
            "opportunity",
            **common,
            opened_on=dt.date(2026, 5, 1),
            closed_on=day,
            stage="won",
            amount=70,
        )
        write("survey", **common, surveyed_on=day, score=4)
    # Spend booked to 华北 by name: it stays there whatever his history says.
    write(
        "expense", external_id="named", spent_on=JUNE_10, category="会务", amount=999, node="NORTH"
    )
    return company


def nodes_by_day(company: Company, model=SalesLine, field: str = "sold_on") -> dict:
    rows = model.objects.filter(person=company.rep).exclude(external_id="named")
    return {getattr(f, field): f.node.code for f in rows.select_related("node")}


def person_daily(company: Company) -> dict:
    return {
        (r["day"], r["node__code"]): r["amount"]
        for r in PersonDaily.objects.filter(person=company.rep, amount__gt=0).values(
            "day", "node__code", "amount"
        )
    }


def history_of(company: Company) -> list[tuple]:
    rows = Membership.objects.filter(person=company.rep).order_by("valid_from")
    return [(m.node.code, m.valid_from, m.valid_to) for m in rows.select_related("node")]


def test_the_importer_credits_each_fact_to_the_team_of_its_day(moved: Company) -> None:
    assert nodes_by_day(moved) == {MAY_20: "BJ1", JUNE_10: "SH1", JUNE_20: "SH1"}
    assert rollups_check() == NO_DIFFERENCE


def test_a_move_corrected_to_an_earlier_date_moves_those_days_to_the_new_team(
    moved: Company,
) -> None:
    new_row = Membership.objects.get(person=moved.rep, node=moved.team_sh)
    new_row.valid_from = dt.date(2026, 5, 15)

    membership_save(by=scope_for(account(moved.admin)), membership=new_row)

    assert history_of(moved) == [
        ("BJ1", dt.date(2023, 1, 1), dt.date(2026, 5, 15)),  # the row before follows
        ("SH1", dt.date(2026, 5, 15), None),
    ]
    assert new_row.recredit.counts == {
        "sales": 1,
        "expense": 1,
        "payment": 1,
        "opportunity": 1,
        "survey": 1,
    }
    assert new_row.recredit.days == [MAY_20]
    for model, field in (
        (SalesLine, "sold_on"),
        (Expense, "spent_on"),
        (Payment, "received_on"),
        (Opportunity, "closed_on"),
        (SurveyResponse, "surveyed_on"),
    ):
        assert nodes_by_day(moved, model, field) == {
            MAY_20: "SH1",
            JUNE_10: "SH1",
            JUNE_20: "SH1",
        }, model
    assert Expense.objects.get(external_id="named").node == moved.north
    assert person_daily(moved) == {
        (MAY_20, "SH1"): Decimal(100),
        (JUNE_10, "SH1"): Decimal(101),
        (JUNE_20, "SH1"): Decimal(102),
    }
    may = SalesMonthly.objects.filter(month=MAY_20.replace(day=1)).aggregate(s=Sum("amount"))["s"]
    assert may == Decimal(100)
    assert not SalesMonthly.objects.filter(node=moved.team_bj, person=moved.rep).exists()
    assert rollups_check() == NO_DIFFERENCE  # incremental equals a rebuild


def test_a_move_corrected_to_a_later_date_moves_those_days_back(moved: Company) -> None:
    old_row = Membership.objects.get(person=moved.rep, node=moved.team_bj)
    old_row.valid_to = dt.date(2026, 6, 15)

    membership_save(by=scope_for(account(moved.finance)), membership=old_row)

    assert history_of(moved) == [
        ("BJ1", dt.date(2023, 1, 1), dt.date(2026, 6, 15)),
        ("SH1", dt.date(2026, 6, 15), None),  # the row after follows
    ]
    assert old_row.recredit.total == 5
    assert nodes_by_day(moved) == {MAY_20: "BJ1", JUNE_10: "BJ1", JUNE_20: "SH1"}
    assert person_daily(moved) == {
        (MAY_20, "BJ1"): Decimal(100),
        (JUNE_10, "BJ1"): Decimal(101),
        (JUNE_20, "SH1"): Decimal(102),
    }
    assert rollups_check() == NO_DIFFERENCE


def test_a_transfer_dated_in_the_past_takes_the_facts_since_along(moved: Company) -> None:
    membership = person_transfer(
        by=scope_for(account(moved.admin)),
        person=moved.rep,
        to_node=moved.team_bj,
        on=JUNE_20,
    )

    assert membership.recredit.counts["sales"] == 1
    assert membership.recredit.days == [JUNE_20]
    assert nodes_by_day(moved) == {MAY_20: "BJ1", JUNE_10: "SH1", JUNE_20: "BJ1"}
    assert rollups_check() == NO_DIFFERENCE


def test_a_change_that_leaves_facts_without_a_node_is_refused(moved: Company) -> None:
    admin = scope_for(account(moved.admin))
    new_row = Membership.objects.get(person=moved.rep, node=moved.team_sh)
    before = (history_of(moved), nodes_by_day(moved), person_daily(moved))

    first_row = Membership.objects.get(person=moved.rep, node=moved.team_bj)
    with pytest.raises(ValidationError) as refused:
        membership_delete(by=admin, membership=first_row)  # nothing before it to take over
    assert refused.value.messages == [
        "修改后有 5 条业务数据（2026-05-20）不属于任何组织：该人员在这些日期没有任职记录。"
        "请让任职记录覆盖这些日期。"
    ]
    new_row.valid_to = dt.date(2026, 6, 15)
    with pytest.raises(ValidationError, match="5 条业务数据（2026-06-20）"):
        membership_save(by=admin, membership=new_row)
    moved.rep.customers.update(owner=moved.team_lead)
    with pytest.raises(ValidationError, match="不属于任何组织"):  # leaving before 20 June
        person_deactivate(by=admin, person=moved.rep, on=dt.date(2026, 6, 15))

    assert (history_of(moved), nodes_by_day(moved), person_daily(moved)) == before


def test_deleting_a_move_entered_by_mistake_credits_its_days_back(moved: Company) -> None:
    mistake = Membership.objects.get(person=moved.rep, node=moved.team_sh)

    result = membership_delete(by=scope_for(account(moved.admin)), membership=mistake)

    assert history_of(moved) == [("BJ1", dt.date(2023, 1, 1), None)]  # the row before covers
    assert result.total == 10  # two days, five kinds of fact
    assert nodes_by_day(moved) == {MAY_20: "BJ1", JUNE_10: "BJ1", JUNE_20: "BJ1"}
    assert Expense.objects.get(external_id="named").node == moved.north
    assert rollups_check() == NO_DIFFERENCE


def test_facts_recredit_repairs_facts_credited_elsewhere(moved: Company) -> None:
    SalesLine.objects.filter(sold_on=JUNE_20).update(node=moved.team_bj)  # a wrong write

    result = recredit(person_id=moved.rep.pk, start=MOVED, end=None)

    assert result.counts == {"sales": 1}
    assert nodes_by_day(moved)[JUNE_20] == "SH1"


def test_the_page_says_how_many_facts_were_re_credited(login, moved: Company) -> None:
    client = login(moved.admin)
    first_row = Membership.objects.get(person=moved.rep, node=moved.team_bj)
    new_row = Membership.objects.get(person=moved.rep, node=moved.team_sh)

    refused = client.post(
        reverse("org:membership_delete", args=[moved.rep.pk, first_row.pk]), follow=True
    )
    page = client.post(
        reverse("org:membership_edit", args=[moved.rep.pk, new_row.pk]),
        {"node": moved.team_sh.pk, "valid_from": "2026-05-15", "valid_to": ""},
        follow=True,
    )

    assert "5 条业务数据（2026-05-20）不属于任何组织" in refused.content.decode()
    assert Membership.objects.filter(pk=first_row.pk).exists()
    assert "已按修改后的任职记录把 5 条业务数据改记到新的组织" in page.content.decode()
