"""A small company with one person per role, for tests that read like stories.

北方科技 (company)                  director (executive), finance
├── 华北 (region)                   manager_north (manager)
│   └── 北京一组 (team)             team_lead (manager), rep
└── 华东 (region)                   manager_east (manager)
    └── 上海一组 (team)             rep_other
admin: a person with the admin role at the company node
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from django.contrib.auth.models import User

from salestarget.catalog.models import (
    Channel,
    Customer,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
    RegionLevel,
)
from salestarget.catalog.services import region_save
from salestarget.org.models import Membership, NodeKind, OrgNode, Person, Role
from salestarget.org.services import org_node_save, user_access_sync

PASSWORD = "pw-for-tests-1"
SINCE = dt.date(2023, 1, 1)


@dataclass
class Company:
    root: OrgNode
    north: OrgNode
    east: OrgNode
    team_bj: OrgNode
    team_sh: OrgNode
    director: Person
    finance: Person
    admin: Person
    manager_north: Person
    manager_east: Person
    team_lead: Person
    rep: Person
    rep_other: Person
    region_north: Region
    region_east: Region
    product_a: Product
    product_b: Product
    customer_type: CustomerType
    channel: Channel
    customer_bj: Customer
    customer_sh: Customer


def node(code: str, name: str, kind: str, parent: OrgNode | None = None) -> OrgNode:
    return org_node_save(node=OrgNode(code=code, name=name, kind=kind, parent=parent))


def person(username: str, name: str, role: str, at: OrgNode, *, manager: bool = False) -> Person:
    user = User.objects.create_user(username=username, password=PASSWORD)
    user_access_sync(user=user, role=role, active=True)  # the admin gets the Django admin
    p = Person.objects.create(user=user, employee_no=username.upper(), name=name, role=role)
    Membership.objects.create(person=p, node=at, valid_from=SINCE, is_manager=manager)
    return p


def account(who: Person) -> User:
    """The sign-in of one of the company's people (every persona has one)."""
    assert who.user is not None, f"{who.name} has no account"
    return who.user


def build_company() -> Company:
    """The company before any story starts. Its writes are not audited: no test reads their
    entries (a story's own changes are audited as in production), and the audit entries of
    its 30-odd saves were two thirds of the cost of a build, made for most tests of a suite."""
    with disable_auditlog():
        return _company_built()


def _company_built() -> Company:
    root = node("HQ", "北方科技", NodeKind.COMPANY)
    north = node("NORTH", "华北", NodeKind.REGION, root)
    east = node("EAST", "华东", NodeKind.REGION, root)
    team_bj = node("BJ1", "北京一组", NodeKind.TEAM, north)
    team_sh = node("SH1", "上海一组", NodeKind.TEAM, east)

    area_n = region_save(region=Region(code="R-N", name="华北", level=RegionLevel.AREA))
    area_e = region_save(region=Region(code="R-E", name="华东", level=RegionLevel.AREA))
    category = ProductCategory.objects.create(code="C1", name="办公设备")
    line = ProductLine.objects.create(code="L1", name="打印机", category=category)
    product_a = Product.objects.create(code="P-A", name="产品A", line=line, list_price=100)
    product_b = Product.objects.create(code="P-B", name="产品B", line=line, list_price=250)
    ctype = CustomerType.objects.create(code="KA", name="大客户")
    channel = Channel.objects.create(code="DIRECT", name="直销")

    company = Company(
        root=root,
        north=north,
        east=east,
        team_bj=team_bj,
        team_sh=team_sh,
        director=person("director", "赵总监", Role.EXECUTIVE, root, manager=True),
        finance=person("finance", "钱财务", Role.FINANCE, root),
        admin=person("admin", "孙管理", Role.ADMIN, root),
        manager_north=person("manager_north", "李经理", Role.MANAGER, north, manager=True),
        manager_east=person("manager_east", "周经理", Role.MANAGER, east, manager=True),
        team_lead=person("team_lead", "吴组长", Role.MANAGER, team_bj, manager=True),
        rep=person("rep", "王小明", Role.REP, team_bj),
        rep_other=person("rep_other", "陈小红", Role.REP, team_sh),
        region_north=area_n,
        region_east=area_e,
        product_a=product_a,
        product_b=product_b,
        customer_type=ctype,
        channel=channel,
        customer_bj=None,  # type: ignore[arg-type]
        customer_sh=None,  # type: ignore[arg-type]
    )
    company.customer_bj = Customer.objects.create(
        code="CU-BJ",
        name="北京客户",
        customer_type=ctype,
        region=area_n,
        channel=channel,
        owner=company.rep,
    )
    company.customer_sh = Customer.objects.create(
        code="CU-SH",
        name="上海客户",
        customer_type=ctype,
        region=area_e,
        channel=channel,
        owner=company.rep_other,
    )
    return company
