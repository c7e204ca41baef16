"""Gap analysis: each child's or member's contribution adds up to the subject's gap exactly,
against the right reference; revenue splits into price, volume and mix effects."""

from __future__ import annotations

import datetime as dt

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.core.periods import PeriodKind
from salestarget.org.scoping import scope_for
from salestarget.targets.company_metrics import metric_definition
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.targets.services.plans import plan_create
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.context import as_of
from salestarget.tracking.queries.frame import frame_build
from salestarget.tracking.queries.gap import OTHER, gap_analysis
from salestarget.tracking.queries.subjects import Subject
from tests.tracking.conftest import AT, D, sell


def analyse(company, plan, dim="org", subject=None, who=None):
    scope = scope_for((who or company.director).user)
    period = fiscal_calendar().parse("2026-06")
    frame = frame_build(
        scope=scope,
        metric=metric_definition("revenue"),
        plan=plan,
        period=period,
        as_of=as_of(AT),
        version=facts_version(),
    )
    return gap_analysis(frame, subject or Subject(node=company.root), dim, scope)


def gaps(result):
    return {r.label or r.key: r.gap for r in result.rows}


def test_against_the_childrens_own_targets(company, june_sales, june_plan):
    result = analyse(company, june_plan())
    assert result.basis == "targets"
    assert [r.label for r in result.rows] == ["华北", "华东"]  # the biggest shortfall first
    assert gaps(result) == {"华北": D("5000.00"), "华东": D("-12000.00")}
    assert result.gap == D(-7000) == sum(r.gap for r in result.rows)
    # 华北 is the only one short: the whole shortfall, even though 华东 more than makes up.
    assert [r.share for r in result.rows] == [D(1), None]


def test_without_a_plan_against_last_year(company, june_sales):
    result = analyse(company, None)
    assert result.basis == "last_year"
    assert gaps(result) == {"华北": D(-5000), "华东": D(-12000)}
    assert result.gap == D(-17000)


def test_without_a_split_the_expected_is_spread_by_last_years_mix(company, june_sales):
    plan = plan_create(
        by=company.director.user,
        name="不分解",
        metric="revenue",
        period="2026-06",
        scope_node=company.root,
        owner=company.director,
        value=D(200000),
        progress_basis="calendar",
    )
    result = analyse(company, plan)
    assert result.basis == "mix"
    # 100,000 expected by the 15th, 40 : 50 as last June: 44,444.44 and 55,555.56.
    assert {r.label: r.reference for r in result.rows} == {
        "华北": D("44444.44"),
        "华东": D("55555.56"),
    }
    assert result.gap == D(-7000) == sum(r.gap for r in result.rows)


def test_facts_outside_every_member_are_an_other_row(company, june_sales, june_plan):
    # A line credited to 华北 itself, by someone who is not one of its members.
    sell(company, dt.date(2026, 6, 8), "2500", person=company.rep_other, node=company.north)
    rollups_rebuild()
    result = analyse(company, None, subject=Subject(node=company.north), who=company.manager_north)
    other = next(r for r in result.rows if r.key == OTHER)
    assert other.actual == D(2500)
    assert result.gap == sum(r.gap for r in result.rows)
    assert result.actual == D(47500)


def test_by_product_with_price_volume_and_mix(company, june_sales, june_plan):
    result = analyse(company, june_plan(), dim="product")
    assert result.basis == "mix"  # the plan is not split by product
    assert {r.label for r in result.rows} == {"产品A", "产品B"}
    assert result.gap == sum(r.gap for r in result.rows) == D(-7000)
    pvm = result.pvm
    assert pvm is not None
    assert pvm.base_revenue == D(90000)
    assert pvm.revenue == D(107000)
    assert pvm.price + pvm.volume + pvm.mix == pvm.change == D(17000)
    labels = result.pvm_labels
    by_name = {labels[i.key]: i for i in pvm.items}
    assert by_name["产品B"].price == 0  # new this year: valued at its own price
    assert by_name["产品A"].price == D(2000)  # 2 units at 46,000 instead of 45,000


def test_a_rep_analyses_only_their_own_figures(company, june_sales):
    result = analyse(
        company, None, dim="product", subject=Subject(person=company.rep), who=company.rep
    )
    assert result.actual == D(45000)
    assert fiscal_calendar().period_of(PeriodKind.MONTH, AT).label == "2026-06"
