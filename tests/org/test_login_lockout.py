"""Wrong passwords: after five from one address for one username, that pair is locked out for
a while even with the right password; the person is told how long, in their language, and
the lockout is logged. Weak passwords are refused when a login is given one."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.personas import PASSWORD, Company

LOGIN = "/login/"


def attempt(client: Client, username: str, password: str, address: str = "10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_repeated_wrong_passwords_lock_the_account_at_that_address(
    client: Client, company: Company, caplog
) -> None:
    for _ in range(4):
        assert attempt(client, "rep", "wrong-guess").status_code == 200  # the form again
    with caplog.at_level(logging.WARNING, logger="salestarget.logins"):
        locked = attempt(client, "rep", "wrong-guess")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "登录失败次数过多" in page
    assert "15 分钟后再试" in page
    assert any(
        "login locked out" in r.getMessage() and "rep" in r.getMessage() for r in caplog.records
    )

    # The right password does not get in while the lock lasts…
    right = attempt(client, "rep", PASSWORD)
    assert right.status_code == 429
    assert client.get(reverse("home")).status_code == 302
    # …but the same person from another address does, and so does another login here.
    assert attempt(Client(), "rep", PASSWORD, address="10.0.0.8").status_code == 302
    assert attempt(Client(), "manager_north", PASSWORD).status_code == 302


def test_the_lockout_is_told_in_english_too(client: Client, company: Company) -> None:
    client.cookies["django_language"] = "en"
    for _ in range(5):
        response = attempt(client, "rep", "wrong-guess")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_a_success_before_the_limit_starts_the_count_again(
    client: Client, company: Company
) -> None:
    for _ in range(4):
        attempt(client, "rep", "wrong-guess")
    assert attempt(client, "rep", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "rep", "wrong-guess").status_code == 200


@pytest.mark.parametrize("weak", ["12345678", "password", "aaaaaaaa", "rep12"])
def test_weak_passwords_are_refused_when_a_login_is_given_one(
    client: Client, company: Company, weak: str
) -> None:
    from tests.org.test_api_writes import bearer

    resp = client.put(
        f"/api/org/people/{company.rep.pk}/account",
        {"role": "rep", "username": "rep", "password": weak},
        content_type="application/json",
        headers=bearer(company.admin),
    )
    assert resp.status_code == 422
    assert resp.json()["errors"]["password"]


def test_the_demo_password_passes_the_validators(settings) -> None:
    validate_password(settings.SALESTARGET_DEMO_PASSWORD)
    with pytest.raises(ValidationError):
        validate_password("12345678")
