"""Actuals for target cells come from the rollups, by subtree, person, dimension and span."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.models import Expense
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.core.metrics import BUILTIN_METRICS
from salestarget.targets.cells import Cell, actuals_for, fact_sums_for
from tests.targets.conftest import sell

REVENUE = BUILTIN_METRICS["revenue"]
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_a_node_cell_covers_its_subtree_and_a_person_cell_one_person(company, history) -> None:
    history(
        [
            {"day": dt.date(2025, 3, 3), "amount": "100.5", "person": company.rep},
            {"day": dt.date(2025, 3, 4), "amount": "40", "person": company.rep_other},
            {"day": dt.date(2025, 4, 1), "amount": "-10", "person": company.rep},  # a return
        ]
    )
    cells = [
        Cell(*YEAR, node_id=company.root.pk),
        Cell(*YEAR, node_id=company.north.pk),
        Cell(*YEAR, node_id=company.east.pk),
        Cell(*YEAR, person_id=company.rep.pk),
        Cell(dt.date(2025, 3, 1), dt.date(2025, 3, 31), node_id=company.team_bj.pk),
        Cell(
            dt.date(2025, 3, 4), dt.date(2025, 3, 10), node_id=company.root.pk
        ),  # not month-aligned
    ]
    assert actuals_for(REVENUE, cells) == [
        Decimal("130.5"),
        Decimal("90.5"),
        Decimal("40"),
        Decimal("90.5"),
        Decimal("100.5"),
        Decimal("40"),
    ]


def test_dimension_cells_read_the_sales_rollups(company, product_c, history) -> None:
    history(
        [
            {"day": dt.date(2025, 5, 6), "amount": "10", "product": company.product_a},
            {"day": dt.date(2025, 5, 7), "amount": "20", "product": product_c},
            {
                "day": dt.date(2025, 5, 8),
                "amount": "30",
                "product": product_c,
                "region": company.region_east,
            },
        ]
    )
    line = company.product_a.line
    cells = [
        Cell(*YEAR, product_id=product_c.pk),
        Cell(*YEAR, product_line_id=line.pk),
        Cell(*YEAR, product_category_id=line.category_id, region_id=company.region_north.pk),
        Cell(dt.date(2025, 5, 7), dt.date(2025, 5, 7), product_id=product_c.pk),  # one day
        Cell(*YEAR, node_id=company.north.pk, channel_id=company.channel.pk),
    ]
    assert actuals_for(REVENUE, cells) == [
        Decimal(50),
        Decimal(60),
        Decimal(30),
        Decimal(20),
        Decimal(60),
    ]


def test_no_rows_is_no_history_when_asked(company, history) -> None:
    history([{"day": dt.date(2025, 1, 2), "amount": "5"}])
    cells = [Cell(*YEAR, node_id=company.east.pk), Cell(*YEAR, node_id=company.north.pk)]
    assert actuals_for(REVENUE, cells) == [Decimal(0), Decimal(5)]
    assert actuals_for(REVENUE, cells, none_without_rows=True) == [None, Decimal(5)]


def test_ratio_metrics_are_ratios_of_sums(company, history) -> None:
    Expense.objects.create(
        external_id="e1",
        spent_on=dt.date(2025, 2, 1),
        person=company.rep,
        node=company.team_bj,
        category="差旅",
        amount=Decimal(8),
    )
    history(
        [
            {"day": dt.date(2025, 2, 3), "amount": "100"},
            {"day": dt.date(2025, 2, 4), "amount": "-20"},
        ]
    )
    rate, returns = BUILTIN_METRICS["expense_rate"], BUILTIN_METRICS["return_rate"]
    cell = Cell(*YEAR, node_id=company.north.pk)
    assert actuals_for(rate, [cell]) == [Decimal("0.1")]
    assert actuals_for(returns, [cell]) == [Decimal("0.2")]
    assert actuals_for(rate, [Cell(*YEAR, node_id=company.east.pk)]) == [None]  # no sales: no ratio


def test_a_fact_the_grain_lacks_gives_none_not_a_wrong_number(company, history) -> None:
    history([{"day": dt.date(2025, 2, 3), "amount": "100"}])
    by_product = Cell(*YEAR, product_id=company.product_a.pk)
    assert actuals_for(BUILTIN_METRICS["expense_rate"], [by_product]) == [None]
    assert fact_sums_for(["acquisition_spend"], [Cell(*YEAR)]) == [(None, 0)]


def test_many_cells_are_read_in_a_few_queries(company, django_assert_max_num_queries) -> None:
    for month in range(1, 13):
        sell(company, dt.date(2025, month, 1), "1")
    rollups_rebuild()
    cells = [
        Cell(
            dt.date(2025, m, 1),
            dt.date(2025, m, 28) if m == 2 else dt.date(2025, m, 30),
            node_id=n.pk,
        )
        for m in range(1, 13)
        for n in (company.north, company.east, company.team_bj)
    ]
    with django_assert_max_num_queries(7):  # (one is the last day with facts)
        values = actuals_for(REVENUE, cells)
    assert sum(values) == Decimal(24)
