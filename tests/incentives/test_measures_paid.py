"""Components on measures other than revenue, paid by the month run to the cent: gross profit
(only the lines whose cost is known), collections 回款 (earned when the customer pays, a
partial payment earning its part), new customers (a fixed amount each) and the quantity of
one product line (a fixed amount per unit)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.models import Payment, SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import Customer, Product, ProductLine
from salestarget.incentives.models import LineKind, StatementLine
from salestarget.incentives.services.calculation import statement_calculate
from tests.personas import Company
from tests.tracking.conftest import node_of, sell

D = Decimal


def _paid(company: Company, period: str, person=None) -> tuple[Decimal | None, Decimal]:
    line = StatementLine.objects.get(
        statement__person=person or company.rep,
        statement__period=period,
        kind=LineKind.COMPONENT,
    )
    return line.measure_total, line.amount


def _run(company: Company, *periods: str) -> None:
    rollups_rebuild()
    for period in periods:
        statement_calculate(period=period, by=company.finance.user)


def test_gross_profit_is_paid_on_the_lines_whose_cost_is_known(june, commission_plan):
    commission_plan(
        [
            {
                "code": "profit",
                "name": "毛利提成",
                "measure": "gross_profit",
                "basis": "amount",
                "tiers": [["0", "0.1"], ["40000", "0.2"]],
            }
        ]
    )
    # June's 100,000 and 25,000 cost 60%: 50,000 of profit.
    for line in SalesLine.objects.filter(person=june.rep):
        line.cost = line.amount * D("0.6")
        line.save()
    # A line of unknown cost earns nothing (it is not 100% margin); a return the same month
    # takes its profit back.
    unknown = sell(june, dt.date(2026, 6, 12), "10000")
    SalesLine.objects.filter(pk=unknown.pk).update(cost=None)
    sell(june, dt.date(2026, 6, 14), "20000", cost="12000")
    sell(june, dt.date(2026, 6, 24), "-5000", cost="-3000", quantity="-1")
    _run(june, "2026-06")
    # 50,000 + 8,000 − 2,000 of profit: 40,000 × 10% + 16,000 × 20%.
    assert _paid(june, "2026-06") == (D(56000), D("7200.00"))


def test_collections_earn_when_the_customer_pays_a_part_at_a_time(june, commission_plan):
    commission_plan(
        [
            {
                "code": "collections",
                "name": "回款提成",
                "measure": "collections",
                "basis": "amount",
                "tiers": [["0", "0.005"]],
            }
        ],
        code="collect",
    )
    # A 100,000 invoice of May, paid 40% in June and the rest in July.
    sell(june, dt.date(2026, 5, 20), "100000")
    for day, amount, person in (
        (dt.date(2026, 6, 10), "40000", june.rep),
        (dt.date(2026, 7, 6), "60000", june.rep),
        (dt.date(2026, 6, 11), "12345.67", june.rep_other),
    ):
        Payment.objects.create(
            external_id=f"pay-{day}",
            received_on=day,
            customer=june.customer_bj,
            person=person,
            node=node_of(june, person),
            amount=D(amount),
        )
    _run(june, "2026-05", "2026-06", "2026-07")
    assert _paid(june, "2026-05") == (D(0), D("0.00"))  # invoiced, not paid: nothing yet
    assert _paid(june, "2026-06") == (D(40000), D("200.00"))
    assert _paid(june, "2026-07") == (D(60000), D("300.00"))  # 500.00 in all: 0.5% of it
    assert _paid(june, "2026-06", june.rep_other) == (D("12345.67"), D("61.73"))


def test_each_new_customer_pays_a_fixed_amount_to_who_first_sold_to_them(june, commission_plan):
    commission_plan(
        [
            {
                "code": "new",
                "name": "新客户奖",
                "kind": "per_unit",
                "measure": "new_customers",
                "amount": D("500"),
            }
        ]
    )
    # Both personas' customers bought in May already: June's sales to them win no one new.
    sell(june, dt.date(2026, 5, 8), "1000")
    sell(june, dt.date(2026, 5, 9), "1000", person=june.rep_other)
    base = june.customer_bj
    fresh = [
        Customer.objects.create(
            code=f"CU-N{i}",
            name=f"新客户{i}",
            customer_type=base.customer_type,
            region=base.region,
            channel=base.channel,
            owner=june.rep,
        )
        for i in range(3)
    ]
    sell(june, dt.date(2026, 6, 9), "3000", customer=fresh[0])
    sell(june, dt.date(2026, 6, 19), "900", customer=fresh[0])  # the same customer again
    sell(june, dt.date(2026, 6, 22), "4000", customer=fresh[1])
    # 陈小红 sold to the third first; 王小明's later sale there wins no one new.
    sell(june, dt.date(2026, 6, 2), "800", customer=fresh[2], person=june.rep_other)
    sell(june, dt.date(2026, 6, 26), "700", customer=fresh[2])
    _run(june, "2026-06")
    assert _paid(june, "2026-06") == (D(2), D("1000.00"))
    assert _paid(june, "2026-06", june.rep_other) == (D(1), D("500.00"))


def test_units_of_one_product_line_pay_a_fixed_amount_each(june, commission_plan):
    printers = june.product_a.line
    scanners = ProductLine.objects.create(code="L2", name="扫描仪", category=printers.category)
    scanner = Product.objects.create(code="P-S", name="扫描仪S", line=scanners, list_price=50)
    commission_plan(
        [
            {
                "code": "scanners",
                "name": "扫描仪台数奖",
                "kind": "per_unit",
                "measure": "quantity",
                "amount": D("37.50"),
                "product_line_id": scanners.pk,
            }
        ]
    )
    sell(june, dt.date(2026, 6, 11), "3500", quantity="7", product=scanner)
    sell(june, dt.date(2026, 6, 18), "1500", quantity="3", product=scanner)
    sell(june, dt.date(2026, 6, 25), "-500", quantity="-1", product=scanner)  # one came back
    _run(june, "2026-06")
    # 9 scanners, not the 12 printers sold the same month.
    assert _paid(june, "2026-06") == (D(9), D("337.50"))


def test_a_late_return_under_a_clawback_plan_lowers_gross_profit_by_its_profit(
    june, commission_plan
):
    """Only revenue-like components take a late return back as a clawback (a return's
    amount is what the sale added to them); gross profit lowers the month by the returned
    profit, never rises by the returned cost."""
    profit = {"code": "profit", "name": "毛利提成", "measure": "gross_profit", "basis": "amount"}
    commission_plan([profit | {"tiers": [["0", "0.1"]]}], clawback_days=90)
    for day, amount, cost in (
        (dt.date(2026, 6, 15), "20000", "12000"),
        (dt.date(2026, 7, 8), "-10000", "-6000"),
    ):
        line = sell(june, day, amount, cost=cost)
        line.order_no, line.line_no = "SO-7", "1"
        line.save()
    sell(june, dt.date(2026, 7, 3), "30000", cost="18000")
    _run(june, "2026-07")
    # 12,000 of July's profit less the 4,000 that came back.
    assert _paid(june, "2026-07") == (D(8000), D("800.00"))
