"""The personas' company with sales, expenses and a revenue plan, for tracking stories.

北方科技 FY2026 / 2026-06 revenue plan (calendar-day progress unless a test says otherwise)
├── 华北 ── 北京一组 ── 王小明 (rep)
└── 华东 ── 上海一组 ── 陈小红 (rep_other)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from itertools import count

import pytest

from salestarget.actuals.models import Expense, SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import CalendarDay, CalendarDayKind, Customer, Product
from salestarget.org.models import OrgNode, Person
from salestarget.targets.company_metrics import metric_name
from salestarget.targets.models import Target, TargetPlan
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.plans import plan_create
from salestarget.targets.services.workflow import plan_approve, plan_submit
from salestarget.tracking.cache import cache_clear
from tests.personas import Company

_ids = count(1)
D = Decimal
JUNE = dt.date(2026, 6, 1)
AT = dt.date(2026, 6, 15)  # half of June by calendar days


@pytest.fixture(autouse=True)
def _fresh_tracking_cache() -> None:
    cache_clear()


def node_of(company: Company, person: Person) -> OrgNode:
    return company.team_sh if person == company.rep_other else company.team_bj


def sell(
    company: Company,
    day: dt.date,
    amount: str | Decimal,
    *,
    person: Person | None = None,
    quantity: str | Decimal = "1",
    product: Product | None = None,
    customer: Customer | None = None,
    cost: str | Decimal = "0",
    node: OrgNode | None = None,
) -> SalesLine:
    person = person or company.rep
    customer = customer or (
        company.customer_sh if person == company.rep_other else company.customer_bj
    )
    return SalesLine.objects.create(
        external_id=f"trk{next(_ids)}",
        sold_on=day,
        customer=customer,
        product=product or company.product_a,
        person=person,
        node=node or node_of(company, person),
        channel=company.channel,
        customer_type=company.customer_type,
        region=customer.region,
        quantity=D(quantity),
        amount=D(amount),
        cost=D(cost),
    )


def spend(company: Company, day: dt.date, amount: str, *, person: Person) -> Expense:
    return Expense.objects.create(
        external_id=f"exp{next(_ids)}",
        spent_on=day,
        person=person,
        node=node_of(company, person),
        category="差旅",
        amount=D(amount),
    )


@pytest.fixture
def holiday(db: None) -> CalendarDay:
    """2026 has its calendar in master data: the Dragon Boat Festival, Friday 19 June."""
    return CalendarDay.objects.create(
        date=dt.date(2026, 6, 19), kind=CalendarDayKind.HOLIDAY, name="端午节"
    )


@pytest.fixture
def june_sales(company: Company, holiday: CalendarDay) -> Company:
    """王小明 sells 30,000 + 15,000 by the 15th (and 5,000 on the 20th); 陈小红 62,000 by the
    15th; last June 王小明 sold 40,000 and 陈小红 50,000."""
    sell(company, dt.date(2026, 6, 3), "30000")
    sell(company, dt.date(2026, 6, 15), "15000", product=company.product_b, quantity="60")
    sell(company, dt.date(2026, 6, 20), "5000")
    sell(company, dt.date(2026, 6, 1), "62000", person=company.rep_other)
    sell(company, dt.date(2025, 6, 10), "40000")
    sell(company, dt.date(2025, 6, 12), "50000", person=company.rep_other)
    rollups_rebuild()
    return company


@pytest.fixture
def june_plan(company: Company) -> Callable[..., TargetPlan]:
    """``june_plan()``: a 2026-06 revenue plan of 200,000 for the company, split 华北 100,000 /
    华东 100,000, then to the teams and people (each team's one rep carries it), approved."""

    def _plan(
        value: str = "200000",
        *,
        metric: str = "revenue",
        basis: str = "calendar",
        weights: tuple[str, str] = ("1", "1"),
        period: str = "2026-06",
    ) -> TargetPlan:
        by = company.director.user
        plan = plan_create(
            by=by,
            name=f"{period} {metric_name(metric)}",
            metric=metric,
            period=period,
            scope_node=company.root,
            owner=company.director,
            value=D(value),
            progress_basis=basis,
        )
        root = plan.root
        assert root is not None
        spec = DecompositionSpec(
            axes=("org",),
            method="weights",
            weights={
                f"node:{company.north.pk}": D(weights[0]),
                f"node:{company.east.pk}": D(weights[1]),
            },
        )
        if metric != "revenue":
            spec = DecompositionSpec(axes=("org",), method="equal")
        target_decompose(target=root, spec=spec, by=by)
        for region in Target.objects.filter(plan=plan, parent=root):
            target_decompose(
                target=region, spec=DecompositionSpec(axes=("org",), method="equal"), by=by
            )
        for team in Target.objects.filter(plan=plan, parent__parent=root):
            target_decompose(
                target=team, spec=DecompositionSpec(axes=("people",), method="equal"), by=by
            )
        plan.refresh_from_db()
        plan_submit(plan=plan, by=by)
        plan.refresh_from_db()
        plan_approve(plan=plan, by=by)
        plan.refresh_from_db()
        return plan

    return _plan


def target_of(
    plan: TargetPlan, *, node: OrgNode | None = None, person: Person | None = None
) -> Target:
    qs = Target.objects.filter(plan=plan)
    if person is not None:
        return qs.get(person=person)
    return qs.get(node=node, person__isnull=True)
