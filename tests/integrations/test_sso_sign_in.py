"""The one service single sign-on ends in: the directory's claims → the person, their role and
login, or a refusal that says why (salestarget.integrations.sso.sign_in)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from salestarget.integrations.sso.identity import DirectoryIdentity, SignInRefused
from salestarget.integrations.sso.oidc import identity_from_claims
from salestarget.integrations.sso.sign_in import directory_sign_in
from salestarget.org.models import Membership, Person, Role

pytestmark = pytest.mark.django_db


def _identity(employee_no: str, *groups: str, email: str = "", name: str = "") -> DirectoryIdentity:
    return DirectoryIdentity(
        via="oidc", employee_no=employee_no, email=email, name=name, groups=groups
    )


def test_the_claims_name_the_employee_number_and_groups_the_settings_say(settings) -> None:
    settings.SALESTARGET_SSO_EMPLOYEE_CLAIM = "employeeid"
    settings.SALESTARGET_SSO_GROUPS_CLAIM = "roles"
    identity = identity_from_claims(
        {"employeeid": "E-7", "roles": ["a", "b"], "email": "x@y.cn", "name": "钱七"}
    )
    assert identity == DirectoryIdentity(
        via="oidc", employee_no="E-7", email="x@y.cn", name="钱七", groups=("a", "b")
    )
    assert identity_from_claims({"employeeid": 42, "roles": "solo"}).groups == ("solo",)


def test_a_known_person_without_a_login_gets_one_named_by_employee_number(company) -> None:
    newcomer = Person.objects.create(employee_no="E-100", name="冯新人", role=Role.REP)
    user = directory_sign_in(identity=_identity("E-100", email="feng@example.com"))
    newcomer.refresh_from_db()
    assert newcomer.user == user
    assert user.username == "E-100"
    assert user.email == "feng@example.com"
    assert not user.has_usable_password()
    # The second time, the same login.
    assert directory_sign_in(identity=_identity("E-100")) == user


def test_the_directory_group_sets_the_role_first_rule_first(company, settings) -> None:
    settings.SALESTARGET_SSO_GROUP_MAP = '{"it-admins": "admin", "sales-managers": "manager"}'
    user = directory_sign_in(identity=_identity("REP", "staff", "sales-managers", "it-admins"))
    company.rep.refresh_from_db()
    assert user == company.rep.user
    assert company.rep.role == Role.ADMIN
    assert user.is_superuser
    assert user.is_staff
    directory_sign_in(identity=_identity("REP", "sales-managers"))
    company.rep.refresh_from_db()
    user.refresh_from_db()
    assert company.rep.role == Role.MANAGER
    assert not user.is_superuser


def test_groups_outside_the_map_leave_the_role_as_the_product_has_it(company, settings) -> None:
    settings.SALESTARGET_SSO_GROUP_MAP = '{"sales-managers": "manager"}'
    directory_sign_in(identity=_identity("FINANCE", "everyone"))
    company.finance.refresh_from_db()
    assert company.finance.role == Role.FINANCE


def test_somebody_the_product_does_not_know_is_refused_and_nothing_is_made(company) -> None:
    users = User.objects.count()
    with pytest.raises(SignInRefused, match="E-404 不在本系统的人员名单中"):
        directory_sign_in(identity=_identity("E-404", "sales-reps"))
    assert User.objects.count() == users
    assert not Person.objects.filter(employee_no="E-404").exists()


def test_a_company_may_let_sign_in_add_people_where_their_group_maps(company, settings) -> None:
    settings.SALESTARGET_SSO_CREATE_PEOPLE = True
    settings.SALESTARGET_SSO_GROUP_MAP = '{"north-managers": "manager@NORTH", "staff": "rep"}'
    user = directory_sign_in(identity=_identity("E-9", "north-managers", name="卫经理"))
    person = Person.objects.get(employee_no="E-9")
    assert (person.user, person.name, person.role) == (user, "卫经理", Role.MANAGER)
    membership = Membership.objects.get(person=person)
    assert (membership.node, membership.is_manager) == (company.north, True)
    # A group without an org node adds nobody.
    with pytest.raises(SignInRefused, match="没有对应的组织"):
        directory_sign_in(identity=_identity("E-10", "staff"))
    assert not Person.objects.filter(employee_no="E-10").exists()


def test_no_employee_number_and_people_who_left_are_refused(company, settings) -> None:
    with pytest.raises(SignInRefused, match="没有提供你的工号（employee_number）"):
        directory_sign_in(identity=_identity("", email="who@example.com"))
    Person.objects.filter(pk=company.rep.pk).update(is_active=False)
    with pytest.raises(SignInRefused, match="已停用"):
        directory_sign_in(identity=_identity("REP"))


def test_matching_by_email_when_the_company_chooses_it(company, settings) -> None:
    settings.SALESTARGET_SSO_MATCH = "email"
    Person.objects.filter(pk=company.rep.pk).update(email="Wang@Example.com")
    assert directory_sign_in(identity=_identity("", email="wang@example.com")) == company.rep.user
    Person.objects.filter(pk=company.rep_other.pk).update(email="wang@example.com")
    with pytest.raises(SignInRefused, match="对应多位人员"):
        directory_sign_in(identity=_identity("", email="wang@example.com"))


def test_a_wrong_group_map_refuses_with_a_message_and_fails_the_start_up_check(
    company, settings
) -> None:
    from salestarget.integrations.sso.checks import group_map_check

    settings.SALESTARGET_SSO_GROUP_MAP = '{"sales": "boss"}'
    with pytest.raises(SignInRefused, match="目录组映射设置有误"):
        directory_sign_in(identity=_identity("REP", "sales"))
    assert [e.id for e in group_map_check()] == ["integrations.E001"]
    assert "unknown role 'boss'" in group_map_check()[0].msg
