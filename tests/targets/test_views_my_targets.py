"""我的目标 lists a person's year first, then their months in order, and marks the month of
today (or of the last day with data, when that is earlier): the one they act on."""

from __future__ import annotations

import datetime as dt

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.org.scoping import scope_for
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.queries.mine import my_targets
from salestarget.targets.services.decomposition import target_decompose
from tests.tracking.conftest import sell


def rep_by_month(company, revenue_plan):
    plan = revenue_plan("1200000")
    by = company.director.user
    target_decompose(target=plan.root, spec=DecompositionSpec(axes=("org",)), by=by)
    north = plan.root.children.get(node=company.north)
    target_decompose(target=north, spec=DecompositionSpec(axes=("org",)), by=by)
    team = north.children.get()
    target_decompose(target=team, spec=DecompositionSpec(axes=("people",)), by=by)
    rep = team.children.get(person=company.rep)
    target_decompose(target=rep, spec=DecompositionSpec(axes=("month",), method="days"), by=by)
    return plan


def test_the_year_comes_first_and_the_month_of_today_is_marked(
    company, revenue_plan, login
) -> None:
    rep_by_month(company, revenue_plan)
    rows = my_targets(scope_for(company.rep.user), today=dt.date(2026, 12, 5))
    periods = [r.target.period for r in rows]
    assert periods[0] == "FY2026"  # never between January and February
    assert periods[1:] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert [r.target.period for r in rows if r.current] == ["2026-12"]
    assert rows[0].whole
    assert not rows[0].current
    assert not any(r.led for r in rows)

    page = login(company.rep).get("/targets/mine/").content.decode()
    assert page.index("王小明 · FY2026") < page.index("王小明 · 2026-01")
    assert page.count('data-current="true"') == 1


def test_a_person_without_targets_is_told_so(company, login) -> None:
    page = login(company.rep).get("/targets/mine/").content.decode()
    assert "还没有分配给您或您负责的组织的目标" in page


def test_when_the_data_ends_earlier_its_last_month_is_the_one_marked(
    company, revenue_plan, login
) -> None:
    """The demo's story ends with 2026 (``make run`` after 2026 ends its history on 12-31); a
    company whose imports stopped: the month with the last data is marked, its progress is as
    of that day, and the page says which day that is."""
    rep_by_month(company, revenue_plan)
    sell(company, dt.date(2026, 6, 20), "5000")
    rollups_rebuild()
    rows = my_targets(scope_for(company.rep.user))
    assert [r.target.period for r in rows if r.current] == ["2026-06"]
    page = login(company.rep).get("/targets/mine/").content.decode()
    assert 'data-testid="as-of">数据截至 2026-06-20<' in page
