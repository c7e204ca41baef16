from __future__ import annotations

import pytest
from django.test import Client

from tests.personas import PASSWORD, Company, build_company


@pytest.fixture
def company(db: None) -> Company:
    return build_company()


@pytest.fixture
def login(client: Client):
    """``login(person)`` signs the test client in as that person and returns the client."""

    def _login(person) -> Client:
        assert client.login(username=person.user.username, password=PASSWORD)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Real hashers are slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
