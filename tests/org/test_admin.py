"""The Django admin is for admins: a person with the admin role (made staff and superuser
by ``person_account_set``), or a superuser; everyone else is sent to its login."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from salestarget.org.scoping import scope_for
from salestarget.org.services import person_account_set
from tests.personas import Company, account

MASTER_DATA_APPS = {"org", "catalog"}


def test_finance_and_managers_have_no_django_admin(login, company: Company) -> None:
    for who in (company.finance, company.manager_north, company.director):
        resp = login(who).get(reverse("admin:index"))
        assert resp.status_code == 302
        assert "/admin/login/" in resp["Location"]


@pytest.fixture
def admin_client(login, company: Company):
    return login(company.admin)


def test_the_role_decides_django_admin_access(company: Company) -> None:
    admin_scope = scope_for(account(company.admin))
    person_account_set(by=admin_scope, person=company.finance, role="admin", username="finance")
    account(company.finance).refresh_from_db()
    assert account(company.finance).is_staff
    assert account(company.finance).is_superuser
    person_account_set(by=admin_scope, person=company.finance, role="finance", username="finance")
    account(company.finance).refresh_from_db()
    assert not account(company.finance).is_staff
    assert not account(company.finance).is_superuser


def test_every_master_data_model_is_in_the_admin(admin_client) -> None:
    registered = {m._meta.app_label + "." + m.__name__ for m in admin.site._registry}
    for name in (
        "org.OrgNode",
        "org.Person",
        "org.Membership",
        "org.CompanySettings",
        "org.ApiToken",
        "catalog.ProductCategory",
        "catalog.ProductLine",
        "catalog.Product",
        "catalog.Region",
        "catalog.CustomerType",
        "catalog.Channel",
        "catalog.Customer",
        "catalog.CalendarDay",
    ):
        assert name in registered


def test_an_admin_opens_every_master_data_list_and_search(admin_client) -> None:
    assert admin_client.get(reverse("admin:index")).status_code == 200
    for model in admin.site._registry:
        if model._meta.app_label not in MASTER_DATA_APPS:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
        assert admin_client.get(reverse(name), {"q": "北"}).status_code == 200, name
