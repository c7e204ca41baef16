"""The tracking tree: every target of a plan with actual, achievement, time progress,
expected-to-date, gap, projection, 日点检 and status, checked against figures worked out by
hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.core.money import DECIMAL_CONTEXT
from salestarget.core.tracking import Status
from salestarget.org.scoping import scope_for
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.tree import tracking_tree
from tests.tracking.conftest import AT, D, sell, spend

JUNE_15 = AT


def rows_by_label(tree):
    return {r.target.label: r.result for r in tree.rows}


def test_a_rep_halfway_through_june_by_calendar_days(company, june_sales, june_plan):
    plan = june_plan(basis="calendar")
    tree = tracking_tree(
        plan, scope_for(company.director.user), at=JUNE_15, version=facts_version()
    )
    rows = rows_by_label(tree)

    rep = rows["王小明 · 2026-06"]
    assert rep.target == D("100000")
    assert rep.actual == D("45000")  # the sale of the 20th is not in yet
    assert rep.time_progress == D("0.5")
    assert rep.achievement == D("0.45")
    assert rep.expected_to_date == D("50000.00")
    assert rep.gap_to_date == D("5000.00")
    assert rep.gap == D("55000.00")
    assert rep.projection == D("90000.00")
    # 16–30 June has 11 weekdays, one of them the Dragon Boat Festival: 55,000 / 10.
    assert rep.needed_per_day == D("5500.00")
    assert rep.status is Status.AT_RISK

    other = rows["陈小红 · 2026-06"]
    assert other.actual == D("62000")
    assert other.status is Status.AHEAD
    assert other.needed_per_day == D("3800.00")

    company_row = rows["北方科技 · 2026-06"]
    assert company_row.actual == D("107000")
    assert company_row.achievement == D("0.535")
    assert company_row.status is Status.AHEAD
    assert rows["华北 · 2026-06"].status is Status.AT_RISK
    assert [r.level for r in tree.rows] == [0, 1, 2, 3, 1, 2, 3]


def test_progress_by_working_days_skips_weekends_and_the_holiday(company, june_sales, june_plan):
    plan = june_plan(basis="working")
    tree = tracking_tree(
        plan, scope_for(company.director.user), at=JUNE_15, version=facts_version()
    )
    rep = rows_by_label(tree)["王小明 · 2026-06"]
    # June 2026: 22 weekdays less the 19th = 21 working days; 11 of them by the 15th.
    assert rep.time_progress == D("0.523810")
    assert rep.expected_to_date == D("52380.95")
    assert rep.status is Status.AT_RISK  # 45,000 is 14% short of 52,381


def test_before_the_period_starts_nothing_is_expected(company, june_sales, june_plan):
    plan = june_plan()
    tree = tracking_tree(
        plan, scope_for(company.director.user), at=dt.date(2026, 5, 20), version=facts_version()
    )
    rep = rows_by_label(tree)["王小明 · 2026-06"]
    assert rep.time_progress == 0
    assert rep.actual == 0
    assert rep.expected_to_date == 0


def test_an_expense_rate_rolls_up_as_a_ratio_of_sums_and_lower_is_better(
    company, june_sales, june_plan
):
    spend(company, dt.date(2026, 6, 5), "5400", person=company.rep)  # 12% of 45,000
    spend(company, dt.date(2026, 6, 6), "3720", person=company.rep_other)  # 6% of 62,000
    rollups_rebuild()
    plan = june_plan("0.1", metric="expense_rate")
    tree = tracking_tree(
        plan, scope_for(company.director.user), at=JUNE_15, version=facts_version()
    )
    rows = rows_by_label(tree)

    whole = rows["北方科技 · 2026-06"]
    # (5,400 + 3,720) / (45,000 + 62,000), not the mean of 12% and 6%.
    assert whole.actual == DECIMAL_CONTEXT.divide(D(9120), D(107000))
    assert whole.actual != D("0.09")
    assert whole.expected_to_date == D("0.1")  # a level target is held all along
    assert whole.status is Status.AHEAD
    assert whole.needed_per_day is None

    # Lower is better, mirrored: 2 points over the budget is as bad as 2 points under a
    # conversion target would be.
    assert rows["王小明 · 2026-06"].status is Status.BEHIND
    assert rows["陈小红 · 2026-06"].status is Status.AHEAD


def test_a_manager_sees_their_subtree_and_a_rep_only_their_own_target(
    company, june_sales, june_plan
):
    plan = june_plan()
    manager = tracking_tree(
        plan, scope_for(company.manager_north.user), at=JUNE_15, version=facts_version()
    )
    assert [r.target.label for r in manager.rows] == [
        "华北 · 2026-06",
        "北京一组 · 2026-06",
        "王小明 · 2026-06",
    ]
    rep = tracking_tree(plan, scope_for(company.rep.user), at=JUNE_15, version=facts_version())
    assert [r.target.label for r in rep.rows] == ["王小明 · 2026-06"]
    assert rep.rows[0].level == 0


def test_new_sales_show_after_the_rollups_change(company, june_sales, june_plan):
    plan = june_plan()
    director = scope_for(company.director.user)
    before = rows_by_label(tracking_tree(plan, director, at=JUNE_15, version=facts_version()))
    sell(company, dt.date(2026, 6, 14), "1000")
    rollups_rebuild()  # a new facts version: the cached sums are not reused
    after = rows_by_label(tracking_tree(plan, director, at=JUNE_15, version=facts_version()))
    assert after["王小明 · 2026-06"].actual == before["王小明 · 2026-06"].actual + 1000


def test_a_year_to_date_target_reads_whole_months_and_edge_days(company, holiday):
    # Sales on month edges: the cell 2026-01-01 … 2026-06-15 is read as Jan–May from the
    # monthly grain plus 1–15 June from the daily grain.
    for day, amount in [
        (dt.date(2026, 1, 1), "1"),
        (dt.date(2026, 1, 31), "10"),
        (dt.date(2026, 5, 31), "100"),
        (dt.date(2026, 6, 1), "1000"),
        (dt.date(2026, 6, 15), "10000"),
        (dt.date(2026, 6, 16), "100000"),
        (dt.date(2025, 12, 31), "1000000"),
    ]:
        sell(company, day, amount)
    rollups_rebuild()
    from salestarget.targets.cells import Cell, fact_sums_for

    cells = [
        Cell(dt.date(2026, 1, 1), dt.date(2026, 6, 15), node_id=company.root.pk),
        Cell(dt.date(2026, 1, 15), dt.date(2026, 6, 15), person_id=company.rep.pk),
        Cell(dt.date(2026, 1, 1), dt.date(2026, 5, 31), node_id=company.team_bj.pk),
        Cell(
            dt.date(2026, 1, 1),
            dt.date(2026, 6, 15),
            node_id=company.root.pk,
            product_id=company.product_a.pk,
        ),
    ]
    sums = [s["amount"] for s, _n in fact_sums_for(["amount"], cells)]
    assert sums == [D(11111), D(11110), D(111), D(11111)]


def test_an_unrelated_persons_sales_do_not_leak_into_a_cell(company, holiday):
    sell(company, dt.date(2026, 6, 2), "700", person=company.rep_other)
    sell(company, dt.date(2026, 6, 2), "300")
    rollups_rebuild()
    from salestarget.targets.cells import Cell, fact_sums_for

    cells = [
        Cell(JUNE_15.replace(day=1), JUNE_15, person_id=company.rep.pk),
        Cell(JUNE_15.replace(day=1), JUNE_15, node_id=company.east.pk),
        Cell(JUNE_15.replace(day=1), JUNE_15),
    ]
    assert [s["amount"] for s, _n in fact_sums_for(["amount"], cells)] == [
        Decimal(300),
        Decimal(700),
        Decimal(1000),
    ]
