"""A return takes back what the month that paid its sale paid for it, under what paid it then.

王小明's June plan (90-day window) pays revenue on two components: the marginal table
(0–100% at 3%, 100–120% at 5%, above 120% at 8%, no accelerator while 费用率 is over 5%) and a
retroactive bonus against a typed quota of 120,000 (1% below it, 2% from it). June paid him on
155,000 (100,000, his 30,000 sale of 15 June and 25,000): without that sale it would have paid
on 125,000:

* marginal: 6,800.00 on 155,000, 4,400.00 on 125,000: 2,400.00 (the 30,000 at 8%);
* retroactive: 155,000 × 2% − 125,000 × 2% = 600.00.

It comes back on 10 July, when he is paid under another plan, or under a new version of his
plan at double the rates: July takes back exactly 2,400.00 and 600.00, under June's plan —
June paid again without the returned goods, as a return in June itself would have.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import Product, ProductLine
from salestarget.incentives.models import CommissionPlan, LineKind
from salestarget.incentives.queries.statements import lines_behind
from salestarget.incentives.services.calculation import statement_calculate
from salestarget.incentives.services.plans import (
    plan_assign,
    plan_create,
    plan_update,
    plan_version,
)
from tests.incentives.conftest import JUNE, TIERS, revenue_component
from tests.tracking.conftest import sell, spend

D = Decimal
GATE = {"measure": "expense_rate", "threshold": "0.05", "effect": "no_accelerator"}
RETRO = {
    "code": "bonus",
    "name": "超额奖",
    "measure": "revenue",
    "mode": "retroactive",
    "quota_source": "typed",
    "quota": "120000",
    "tiers": [["0", "0.01"], ["1", "0.02"]],
}
DOUBLED = [[lo, str(D(rate) * 2)] for lo, rate in TIERS]


def _sale(company, day, amount):
    line = sell(company, day, amount)
    line.order_no, line.line_no = "SO-9", "1"
    line.save()
    return line


def _new_version(company, plan: CommissionPlan) -> CommissionPlan:
    by = company.finance.user
    new = plan_version(plan=plan, effective_from=dt.date(2026, 7, 1), by=by)
    return plan_update(
        plan=new,
        by=by,
        name=new.name,
        effective_from=new.effective_from,
        clawback_days=90,
        components=[revenue_component(tiers=DOUBLED), RETRO | {"tiers": [["0", "0.02"]]}],
    )


def _other_plan(company, plan: CommissionPlan) -> CommissionPlan:
    by = company.finance.user
    other = plan_create(
        by=by,
        code="other",
        name="新方案",
        effective_from=dt.date(2026, 7, 1),
        clawback_days=60,
        components=[revenue_component(code="flat", name="统一提成", tiers=[["0", "0.10"]])],
        activate=True,
    )
    plan_assign(plan=other, by=by, person=company.rep, valid_from=dt.date(2026, 7, 1))
    return other


@pytest.mark.parametrize(
    ("change", "june_run"),
    [(_new_version, True), (_other_plan, True), (_other_plan, False)],
    ids=["new-version", "other-plan", "other-plan-june-never-run"],
)
def test_a_return_takes_back_what_the_sale_earned_under_the_plan_that_paid_it(
    june, commission_plan, change, june_run
):
    plan = commission_plan([revenue_component(gates=[GATE]), RETRO], clawback_days=90)
    _sale(june, dt.date(2026, 6, 15), "30000")
    spend(june, dt.date(2026, 6, 8), "1000", person=june.rep)  # 费用率 0.6%: the gate is met
    rollups_rebuild()
    if june_run:
        statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})
    change(june, plan)
    _sale(june, dt.date(2026, 7, 10), "-30000")
    spend(june, dt.date(2026, 7, 2), "9000", person=june.rep)  # July's 费用率 is no matter
    rollups_rebuild()

    (july,) = statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})

    back = {
        (line.plan_id, line.label): line.amount
        for line in july.lines.filter(kind=LineKind.CLAWBACK)
    }
    assert back == {(plan.pk, "销售额提成"): D("-2400.00"), (plan.pk, "超额奖"): D("-600.00")}


def test_a_months_returns_of_a_paying_month_are_one_line_per_component(june, commission_plan):
    """Two returns of the sale in July: one clawback line per component that paid it, with
    the July returns behind it, taking back what the two took off June together."""
    commission_plan([revenue_component(), RETRO], clawback_days=90)
    _sale(june, dt.date(2026, 6, 15), "30000")
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})
    first = _sale(june, dt.date(2026, 7, 3), "-10000")
    second = _sale(june, dt.date(2026, 7, 9), "-20000")
    rollups_rebuild()

    (july,) = statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})

    lines = list(july.lines.filter(kind=LineKind.CLAWBACK).order_by("sort_order"))
    assert [(line.label, line.amount, line.measure_total) for line in lines] == [
        ("销售额提成", D("-2400.00"), D("-30000")),
        ("超额奖", D("-600.00"), D("-30000")),
    ]
    assert (lines[0].span_start, lines[0].span_end) == (JUNE, dt.date(2026, 6, 30))
    assert {f.pk for f in lines_behind(lines[0])} == {first.pk, second.pk}


@pytest.mark.parametrize("july_run", [True, False], ids=["july-run", "july-never-run"])
def test_returns_in_two_months_add_up_to_what_june_paid_for_the_sale(
    june, commission_plan, july_run
):
    """10,000 back in July, 20,000 in August: July takes June's payout on 155,000 less on
    145,000, August on 145,000 less on 125,000 (July's return already off it, read from
    July's statement or, never calculated, from its returns): together the whole sale."""
    commission_plan([revenue_component(), RETRO], clawback_days=90)
    _sale(june, dt.date(2026, 6, 15), "30000")
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})
    _sale(june, dt.date(2026, 7, 3), "-10000")
    _sale(june, dt.date(2026, 8, 4), "-20000")
    rollups_rebuild()
    taken = {}
    for period in ["2026-07", "2026-08"] if july_run else ["2026-08"]:
        (statement,) = statement_calculate(
            period=period, by=june.finance.user, person_ids={june.rep.pk}
        )
        for line in statement.lines.filter(kind=LineKind.CLAWBACK):
            taken[(period, line.label)] = line.amount

    august = {("2026-08", "销售额提成"): D("-1600.00"), ("2026-08", "超额奖"): D("-400.00")}
    if july_run:
        assert taken == {
            ("2026-07", "销售额提成"): D("-800.00"),
            ("2026-07", "超额奖"): D("-200.00"),
            **august,
        }
    else:
        assert taken == august


def test_a_product_lines_component_takes_back_from_that_lines_running_total(june, commission_plan):
    """Scanners pay 10% up to 15,000 sold in the month, 20% above: June's 40,000 of printers
    never counted there, so the returned 10,000 scanner sale earned 1,000.00, not 2,000.00."""
    scanners = ProductLine.objects.create(
        code="L2", name="扫描仪", category=june.product_a.line.category
    )
    scanner = Product.objects.create(code="P-S", name="扫描仪S", line=scanners, list_price=50)
    component = {
        "code": "scanners",
        "name": "扫描仪提成",
        "measure": "revenue",
        "basis": "amount",
        "tiers": [["0", "0.1"], ["15000", "0.2"]],
        "product_line_id": scanners.pk,
    }
    commission_plan([component], clawback_days=90)
    sell(june, dt.date(2026, 6, 5), "40000")
    for day, amount in ((dt.date(2026, 6, 10), "10000"), (dt.date(2026, 7, 6), "-10000")):
        line = sell(june, day, amount, product=scanner)
        line.order_no, line.line_no = "SO-3", "1"
        line.save()
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})

    (july,) = statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})

    (back,) = july.lines.filter(kind=LineKind.CLAWBACK)
    assert (back.label, back.amount) == ("扫描仪提成", D("-1000.00"))


def test_the_rep_traces_a_clawback_line_to_its_returns_on_the_page_the_csv_and_the_api(
    june, commission_plan, login
):
    commission_plan(clawback_days=90)
    _sale(june, dt.date(2026, 6, 15), "30000")
    rollups_rebuild()
    statement_calculate(period="2026-06", by=june.finance.user, person_ids={june.rep.pk})
    _sale(june, dt.date(2026, 7, 3), "-10000")
    _sale(june, dt.date(2026, 7, 9), "-20000")
    rollups_rebuild()
    (july,) = statement_calculate(period="2026-07", by=june.finance.user, person_ids={june.rep.pk})
    line = july.lines.get(kind=LineKind.CLAWBACK)
    client = login(june.rep)

    page = client.get(reverse("incentives:statement", args=[july.pk])).content.decode()
    assert "2026-06-01～2026-06-30 的销售退回" in page
    assert "退回 30,000.00 后应发 4,400.00，差额 -2,400.00" in page
    sales = client.get(reverse("incentives:line_sales", args=[line.pk])).content.decode()
    assert "-10,000.00" in sales
    assert "-20,000.00" in sales
    url = reverse("incentives:line_sales_csv", args=[line.pk])
    rows = list(csv.reader(io.StringIO(b"".join(client.get(url).streaming_content).decode())))
    assert sorted((r[0], r[1], r[-1]) for r in rows[1:]) == [
        ("2026-07-03", "SO-9", "-10000.00"),
        ("2026-07-09", "SO-9", "-20000.00"),
    ]
    body = client.get(f"/api/incentives/statements/{july.pk}").json()
    (api_line,) = [x for x in body["lines"] if x["kind"] == "clawback"]
    assert api_line["id"] == line.pk
    assert D(api_line["measure_total"]) == D("-30000")
    assert api_line["steps"][0]["values"]["returned"] == "30000.0000"
    facts = client.get(f"/api/incentives/lines/{line.pk}/facts").json()
    assert facts["count"] == 2
    assert sorted((f["day"], f["order_no"], D(f["amount"])) for f in facts["items"]) == [
        ("2026-07-03", "SO-9", D("-10000")),
        ("2026-07-09", "SO-9", D("-20000")),
    ]
    searched = client.get(f"/api/incentives/lines/{line.pk}/facts", {"q": "no-such-order"})
    assert searched.json()["count"] == 0
    assert login(june.rep_other).get(f"/api/incentives/lines/{line.pk}/facts").status_code == 404
