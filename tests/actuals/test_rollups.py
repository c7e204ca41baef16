"""Rollups add up the facts exactly, and refreshing some days equals a full rebuild."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salestarget.actuals.models import (
    Expense,
    Opportunity,
    PersonDaily,
    SalesLine,
    SalesMonthly,
    SurveyResponse,
)
from salestarget.actuals.rollups import rollups_check, rollups_rebuild, rollups_refresh
from salestarget.actuals.services import actuals_fact_delete
from salestarget.importing.models import ImportBatch
from salestarget.importing.services import records_import
from tests.personas import Company

D1 = dt.date(2026, 3, 2)
D2 = dt.date(2026, 3, 3)


def sale(company: Company, ext: str, day: dt.date, amount: str, qty: str = "1") -> SalesLine:
    return SalesLine.objects.create(
        external_id=ext,
        sold_on=day,
        customer=company.customer_bj,
        product=company.product_a,
        person=company.rep,
        node=company.team_bj,
        channel=company.channel,
        customer_type=company.customer_type,
        region=company.region_north,
        quantity=Decimal(qty),
        amount=Decimal(amount),
        cost=Decimal("10.0001"),
    )


def rows(model) -> list[tuple]:
    fields = [f.attname for f in model._meta.concrete_fields if f.name != "id"]
    return sorted(model.objects.values_list(*fields))


def test_rebuild_sums_sales_returns_and_other_facts_exactly(company: Company) -> None:
    company.customer_bj.first_purchase_on = D1
    company.customer_bj.save()
    sale(company, "1", D1, "100.1234")
    sale(company, "2", D1, "0.0001")
    sale(company, "3", D1, "-20.5", qty="-1")  # a return
    sale(company, "4", D2, "99999999.9999")
    Expense.objects.create(
        external_id="e1",
        spent_on=D1,
        person=company.rep,
        node=company.team_bj,
        category="差旅",
        amount=Decimal("12.34"),
    )
    Opportunity.objects.create(
        external_id="o1",
        customer=company.customer_bj,
        person=company.rep,
        node=company.team_bj,
        opened_on=D1,
        closed_on=D1,
        stage="won",
        amount=Decimal("5"),
    )
    Opportunity.objects.create(
        external_id="o2",
        customer=company.customer_bj,
        person=company.rep,
        node=company.team_bj,
        opened_on=D1,
        closed_on=D1,
        stage="lost",
    )
    SurveyResponse.objects.create(
        external_id="s1",
        surveyed_on=D1,
        customer=company.customer_bj,
        person=company.rep,
        node=company.team_bj,
        score=Decimal("4.5"),
    )

    rollups_rebuild()

    day1 = PersonDaily.objects.get(day=D1, person=company.rep)
    assert day1.amount == Decimal("79.6235")
    assert day1.gross_amount == Decimal("100.1235")
    assert day1.returned_amount == Decimal("20.5000")
    assert day1.lines == 3
    assert day1.expense == Decimal("12.34")
    assert (day1.won, day1.closed, day1.won_amount) == (1, 2, Decimal("5"))
    assert (day1.survey_score_sum, day1.survey_count) == (Decimal("4.5"), 1)
    assert day1.new_customers == 1
    assert SalesMonthly.objects.get().amount == Decimal("100000079.6234")
    assert PersonDaily.objects.aggregate(s=Sum("amount"))["s"] == Decimal("100000079.6234")


def test_refreshing_touched_days_equals_a_full_rebuild(company: Company) -> None:
    sale(company, "1", D1, "10")
    sale(company, "2", D2, "20")
    rollups_rebuild()
    sale(company, "3", D2, "5")
    SalesLine.objects.filter(external_id="1").update(amount=Decimal("11"))
    rollups_refresh(days=[D1, D2])
    incremental = (rows(SalesMonthly), rows(PersonDaily))
    rollups_rebuild()
    assert incremental == (rows(SalesMonthly), rows(PersonDaily))
    assert PersonDaily.objects.get(day=D2).amount == Decimal("25")


# --- incremental upkeep equals a rebuild, whatever the mix of writes -------------------------

DAYS = [dt.date(2026, 3, 30), dt.date(2026, 3, 31), dt.date(2026, 4, 1)]
write = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            ["sales", "sales", "sales", "expense", "payment", "opportunity", "survey", "delete"]
        ),
        "ext": st.integers(1, 6),
        "day": st.sampled_from(DAYS),
        "who": st.sampled_from(["REP", "REP_OTHER", "TEAM_LEAD"]),
        "product": st.sampled_from(["P-A", "P-B"]),
        "customer": st.sampled_from(["CU-BJ", "CU-SH"]),
        "qty": st.integers(-3, 5),
        "cents": st.integers(0, 99_999),
        "stage": st.sampled_from(["won", "lost", "open"]),
        "no_person": st.booleans(),
    }
)


def _apply(w: dict) -> None:
    kind, ext = w["kind"], str(w["ext"])
    amount = Decimal(w["cents"]) / 100 * (1 if w["qty"] >= 0 else -1)
    if kind == "delete":
        ids = list(SalesLine.objects.filter(external_id=ext).values_list("pk", flat=True))
        actuals_fact_delete(kind="sales", ids=ids, user=None)
        return
    record: dict[str, object] = {
        "external_id": ext,
        "customer": w["customer"],
        "person": w["who"],
        "amount": amount,
    }
    if kind == "sales":
        record |= {
            "sold_on": w["day"],
            "product": w["product"],
            "quantity": w["qty"],
            "cost": amount / 2,
        }
    elif kind == "expense":
        record |= {"spent_on": w["day"], "category": "差旅", "amount": abs(amount)}
        if w["no_person"]:
            record |= {"person": None, "node": "NORTH"}
    elif kind == "payment":
        record["received_on"] = w["day"]
    elif kind == "opportunity":
        record |= {
            "opened_on": DAYS[0],
            "closed_on": w["day"],
            "stage": w["stage"],
            "amount": abs(amount),
        }
    elif kind == "survey":
        record |= {"surveyed_on": w["day"], "score": w["cents"] % 101}
    batch = records_import(kind=kind, source="h", records=[record], user=None)
    assert batch.status == ImportBatch.Status.DONE, batch.errors_preview


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=st.lists(write, min_size=1, max_size=8))
def test_incremental_upkeep_equals_a_rebuild(company: Company, writes: list[dict]) -> None:
    with transaction.atomic():
        for w in writes:
            _apply(w)
        incremental = (rows(SalesMonthly), rows(PersonDaily))
        assert rollups_check() == dict.fromkeys(["actuals_salesmonthly", "actuals_persondaily"], 0)
        rollups_rebuild()
        assert incremental == (rows(SalesMonthly), rows(PersonDaily))
        transaction.set_rollback(True)
