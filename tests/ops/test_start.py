"""``salestarget start --empty``: a company of one's own, with no demo data and a first admin."""

from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core import management

from salestarget.ops.management.commands import start
from salestarget.org.models import OrgNode


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Everything ``start`` does except serving (and collecting static files)."""
    skipped: list[str] = []

    def call(name: str, *args: Any, **options: Any) -> Any:
        if name in {"runserver", "collectstatic"}:
            skipped.append(name)
            return None
        return management.call_command(name, *args, **options)

    monkeypatch.setattr(start, "call_command", call)
    return skipped


def run_start() -> str:
    out = StringIO()
    management.call_command("start", "--empty", "--no-worker", stdout=out)
    return out.getvalue()


def test_an_empty_start_makes_the_first_admin_and_no_demo(db: None, no_server: list[str]) -> None:
    out = run_start()
    assert no_server == ["collectstatic", "runserver"]
    assert not OrgNode.objects.exists()
    password = re.search(r"admin，密码 (\S+?)（", out)
    assert password, out
    user = authenticate(username="admin", password=password.group(1))
    assert user is not None
    assert user.is_superuser
    assert "设置步骤" in out
    # A second start shows no password and makes no second admin.
    again = run_start()
    assert "密码" not in again
    assert User.objects.filter(is_superuser=True).count() == 1


def test_a_taken_admin_name_gets_a_free_one(db: None, no_server: list[str]) -> None:
    User.objects.create_user(username="admin", password="x")  # an ordinary login
    out = run_start()
    found = re.search(r"管理员账号 (\S+?)，密码 (\S+?)（", out)
    assert found, out
    assert found.group(1) == "admin2"
    admin = authenticate(username="admin2", password=found.group(2))
    assert admin is not None
    assert admin.is_superuser
