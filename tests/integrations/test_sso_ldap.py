"""Signing in with the company's LDAP directory (Debian's slapd, started for these tests) on
the login form: the directory's password, its employee number and its groups decide; a
refusal and a directory that does not answer are told on the form."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import Client

from salestarget.org.models import Role
from tests.integrations.ldap_server import PASSWORD
from tests.integrations.oidc_server import free_port
from tests.personas import PASSWORD as LOCAL_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(ldap_directory, settings):
    ldap_directory.settings_apply(settings)
    settings.SALESTARGET_SSO_GROUP_MAP = '{"sales-directors": "executive", "sales-reps": "rep"}'
    return ldap_directory


def _sign_in(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password}, follow=True)


def test_a_rep_signs_in_with_the_directorys_password_and_not_a_local_one(
    client: Client, company, directory, settings
) -> None:
    settings.SALESTARGET_LOCAL_PASSWORDS = False
    page = client.get("/login/").content.decode()
    assert 'name="password"' in page  # LDAP signs in on the form
    assert "用户名或密码不正确" in _sign_in(client, "rep", LOCAL_PASSWORD).content.decode()
    response = _sign_in(client, "wang", PASSWORD)
    assert response.redirect_chain[-1][0] == "/"
    assert response.context["user"] == company.rep.user
    signed_in = LogEntry.objects.filter(additional_data__event="login").latest("timestamp")
    assert signed_in.additional_data["method"] == "ldap"


def test_the_directory_group_makes_the_team_lead_a_director(
    client: Client, company, directory
) -> None:
    _sign_in(client, "wu", PASSWORD)
    company.team_lead.refresh_from_db()
    assert company.team_lead.role == Role.EXECUTIVE


def test_a_wrong_password_an_unknown_person_and_a_dead_directory_are_told(
    client: Client, company, directory, settings
) -> None:
    wrong = _sign_in(client, "wang", "not-it")
    assert "用户名或密码不正确" in wrong.content.decode()
    stranger = _sign_in(client, "stranger", PASSWORD).content.decode()
    assert "E-404 不在本系统的人员名单中" in stranger
    assert 'data-testid="sign-in-refused"' in stranger
    settings.AUTH_LDAP_SERVER_URI = f"ldap://127.0.0.1:{free_port()}"
    dead = _sign_in(client, "wang", PASSWORD)
    assert dead.status_code == 200
    assert "无法连接公司目录（LDAP）" in dead.content.decode()
