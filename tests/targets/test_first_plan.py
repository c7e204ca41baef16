"""An empty company saves its first plan: the administrator made at setup is a person of the
company, and a plan with nobody named as owner belongs to the unit's manager, else the planner.
(Once a plan's owner had to be a person and the first admin was none: nothing could be saved
until someone was imported.)"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client

from salestarget.org.models import Membership, OrgNode, Person, Role
from salestarget.org.scoping import scope_for
from salestarget.org.services import admin_login_ensure, org_node_create, person_create
from salestarget.targets.models import TargetPlan


def first_admin(client: Client) -> User:
    login = admin_login_ensure()
    assert login is not None
    username, password = login
    assert client.login(username=username, password=password)
    return User.objects.get(username=username)


def first_unit(admin: User) -> OrgNode:
    node = OrgNode(code="HQ", name="总部", kind="company")
    return org_node_create(by=scope_for(admin), node=node)


def plan_form(node: OrgNode, **more: object) -> dict[str, object]:
    return {
        "name": "2026 销售额",
        "metric": "revenue",
        "period": "FY2026",
        "scope_node": node.pk,
        "value": "1000000",
        **more,
    }


def test_the_first_admin_is_a_person_of_the_company(db: None) -> None:
    username, _password = admin_login_ensure() or ("", "")
    person = Person.objects.get(user__username=username)
    assert person.role == Role.ADMIN
    assert person.is_active
    assert not person.memberships.exists()  # in no unit until the org is built


def test_an_empty_company_saves_its_first_plan_owned_by_its_admin(db: None, client: Client) -> None:
    admin = first_admin(client)
    node = first_unit(admin)
    page = client.get("/targets/plans/new/")
    assert page.status_code == 200
    response = client.post("/targets/plans/new/", plan_form(node))
    assert response.status_code == 302, response.content.decode()
    plan = TargetPlan.objects.get()
    assert plan.owner == admin.person
    assert plan.scope_node == node


def test_with_no_owner_named_the_units_manager_owns_the_plan(db: None, client: Client) -> None:
    admin = first_admin(client)
    node = first_unit(admin)
    manager = person_create(
        by=scope_for(admin),
        person=Person(employee_no="M1", name="李经理", role=Role.MANAGER),
        node=node,
        valid_from=dt.date(2020, 1, 1),
        is_manager=True,
    )
    assert Membership.objects.filter(person=manager, is_manager=True).exists()
    response = client.post(
        "/api/targets/plans",
        {
            "name": "2026",
            "metric": "revenue",
            "period": "FY2026",
            "scope_node_id": node.pk,
            "value": "1000000",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert TargetPlan.objects.get().owner == manager


def test_a_planner_who_is_nobody_in_a_unit_without_manager_is_asked_for_an_owner(
    db: None, client: Client
) -> None:
    admin = User.objects.create_superuser(username="root", password="x")  # createsuperuser
    client.force_login(admin)
    node = first_unit(admin)
    response = client.post("/targets/plans/new/", plan_form(node))
    assert response.status_code == 200
    assert "请指定负责人" in response.content.decode()
    assert not TargetPlan.objects.exists()
