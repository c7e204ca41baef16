"""Helpers for target tests: sales history written as facts and rolled up, and plans."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from itertools import count

import pytest

from salestarget.actuals.models import SalesLine
from salestarget.actuals.rollups import rollups_rebuild
from salestarget.catalog.models import Product, Region, RegionLevel
from salestarget.catalog.services import region_save
from salestarget.org.models import OrgNode, Person
from salestarget.targets.models import TargetPlan
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services import workflow
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import draft_review, draft_submit, round_open
from salestarget.targets.services.plans import plan_create
from tests.personas import Company, account

_ids = count(1)


def sell(
    company: Company,
    day: dt.date,
    amount: str | Decimal,
    *,
    person: Person | None = None,
    node: OrgNode | None = None,
    product: Product | None = None,
    region: Region | None = None,
) -> SalesLine:
    """One sales line (rollups are rebuilt by the caller)."""
    person = person or company.rep
    if node is None:
        node = company.team_bj if person in (company.rep, company.team_lead) else company.team_sh
    return SalesLine.objects.create(
        external_id=f"t{next(_ids)}",
        sold_on=day,
        customer=company.customer_bj,
        product=product or company.product_a,
        person=person,
        node=node,
        channel=company.channel,
        customer_type=company.customer_type,
        region=region or company.region_north,
        quantity=Decimal(1),
        amount=Decimal(amount),
    )


@pytest.fixture
def history(company: Company) -> Callable[..., None]:
    """``history(rows)``: write sales lines, then rebuild the rollups."""

    def _write(rows: list[dict]) -> None:
        for row in rows:
            sell(company, **row)
        rollups_rebuild()

    return _write


@pytest.fixture
def region_south(company: Company) -> Region:
    return region_save(region=Region(code="R-S", name="华南", level=RegionLevel.AREA, sort_order=3))


@pytest.fixture
def product_c(company: Company) -> Product:
    return Product.objects.create(
        code="P-C", name="产品C", line=company.product_a.line, list_price=80
    )


@pytest.fixture
def revenue_plan(company: Company) -> Callable[..., TargetPlan]:
    def _plan(
        value: str = "10000000",
        *,
        period: str = "FY2026",
        node: OrgNode | None = None,
        by=None,
        **kw,
    ) -> TargetPlan:
        return plan_create(
            by=account(by or company.director),
            name=kw.pop("name", "2026 销售额"),
            metric=kw.pop("metric", "revenue"),
            period=period,
            scope_node=node or company.root,
            owner=kw.pop("owner", None) or company.director,
            value=Decimal(value),
            **kw,
        )

    return _plan


@pytest.fixture
def rep_two(company: Company) -> Person:
    """A second rep in 北京一组, so a team has more than one draft."""
    from salestarget.org.models import Role
    from tests.personas import person

    return person("rep_two", "张小华", Role.REP, company.team_bj)


@pytest.fixture
def team_target(company: Company, revenue_plan) -> Callable[..., object]:
    """``team_target(value, period)``: 北京一组's target (2026-03 unless told), made by splitting
    华北's plan."""

    def _make(value: str = "100000.00", period: str = "2026-03"):
        plan = revenue_plan(
            value,
            period=period,
            node=company.north,
            by=company.director,
            owner=company.manager_north,
        )
        target_decompose(
            target=plan.root,
            spec=DecompositionSpec(axes=("org",)),
            by=account(company.manager_north),
        )
        return plan.root.children.get(node=company.team_bj)

    return _make


def post(client, url: str, data: dict, **kw):
    """POST ``data`` as JSON, as an API client does."""
    return client.post(url, json.dumps(data), content_type="application/json", **kw)


@pytest.fixture
def locked_plan(company, revenue_plan):
    plan = revenue_plan("1000.00")
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )
    north = plan.root.children.get(node=company.north)
    target_decompose(
        target=north,
        spec=DecompositionSpec(axes=("quarter",), method="equal", uplift_pct=Decimal(10)),
        by=company.manager_north.user,
    )
    workflow.plan_submit(plan=plan, by=company.director.user)
    workflow.plan_approve(plan=plan, by=company.director.user)
    workflow.plan_lock(plan=plan, by=company.director.user)
    return plan


@pytest.fixture
def split_plan(company, revenue_plan):
    """The company plan split to regions, 华北 split to its team."""
    plan = revenue_plan("1000.00")
    target_decompose(
        target=plan.root, spec=DecompositionSpec(axes=("org",)), by=company.director.user
    )
    north = plan.root.children.get(node=company.north)
    target_decompose(
        target=north, spec=DecompositionSpec(axes=("org",)), by=company.manager_north.user
    )
    team = north.children.get()
    target_decompose(
        target=team, spec=DecompositionSpec(axes=("people",)), by=company.team_lead.user
    )
    return plan


@pytest.fixture
def rep_month(company, rep_two, team_target):
    """王小明's March target, agreed from his draft (base 50,000, challenge 60,000)."""
    team = team_target("100000.00")
    rnd = round_open(target=team, by=company.team_lead.user)
    for person, base, challenge in ((company.rep, 50000, 60000), (rep_two, 35000, 40000)):
        draft = rnd.drafts.get(person=person)
        draft_submit(
            draft=draft,
            by=person.user,
            base_value=Decimal(base),
            challenge_value=Decimal(challenge),
            obstacles="竞品降价" if person == company.rep else "",
            resources="增加一名促销员",
        )
        draft_review(draft=draft, by=company.team_lead.user, action="accept")
    target_decompose(
        target=team,
        spec=DecompositionSpec(axes=("people",), method="drafts"),
        by=company.team_lead.user,
    )
    return team.children.get(person=company.rep)


@pytest.fixture
def december_round(company: Company, rep_two, team_target, history):
    """王小明 sold 1,000 a month in FY2025 (November 600 by the 20th, December 2,000: 13,000,
    10,600 of it by 20 November) and 13,250 in FY2026 to 20 November; 张小华 sold nothing
    before. 北京一组's FY2027 target goes to a round of drafts."""
    rows = [{"day": dt.date(2025, m, 5), "amount": "1000"} for m in range(1, 11)]
    rows += [
        {"day": dt.date(2025, 11, 10), "amount": "600"},
        {"day": dt.date(2025, 11, 25), "amount": "400"},
        {"day": dt.date(2025, 12, 5), "amount": "2000"},
    ]
    rows += [{"day": dt.date(2026, m, 5), "amount": "1250"} for m in range(1, 11)]
    rows += [
        {"day": dt.date(2026, 11, 10), "amount": "450"},
        {"day": dt.date(2026, 11, 20), "amount": "300"},
    ]
    history([{**r, "person": company.rep} for r in rows])
    team = team_target("40000.00", period="FY2027")
    return round_open(target=team, by=company.team_lead.user)
