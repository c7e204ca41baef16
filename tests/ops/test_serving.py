"""Production defaults: DEBUG is off unless asked for, a server refuses the built-in key, every
`check --deploy` item comes from the environment, and pages carry a Content-Security-Policy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "q7Vd2-production-like-key-for-the-test-9hT4mZ0pLw8xR3cY6bN1sK5jF0aE",
    "ALLOWED_HOSTS": "sales.example.com",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
    "CSRF_TRUSTED_ORIGINS": "https://sales.example.com",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process (Playwright's loop);
    # a deployment never has it, and check --deploy rightly refuses it (async.E001).
    dropped = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean["DJANGO_SETTINGS_MODULE"] = "salestarget.settings"
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_a_production_like_environment_passes_check_deploy_with_no_warning() -> None:
    done = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_the_https_settings_check_deploy_names_what_is_missing() -> None:
    done = run(["manage.py", "check", "--deploy"], SECRET_KEY=PRODUCTION["SECRET_KEY"])
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in done.stderr


def test_debug_is_off_unless_set() -> None:
    show = [
        "-c",
        "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG)",
    ]
    assert run(show).stdout.strip() == "False"
    assert run(show, DEBUG="1").stdout.strip() == "True"


def test_the_wsgi_server_refuses_to_start_without_a_key_when_debug_is_off() -> None:
    refused = run(["-c", "import salestarget.wsgi"])
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr
    assert run(["-c", "import salestarget.wsgi"], DEBUG="1").returncode == 0
    assert run(["-c", "import salestarget.wsgi"], **PRODUCTION).returncode == 0


def test_start_refuses_the_built_in_key_with_debug_off(settings) -> None:
    settings.SECRET_KEY = settings.SALESTARGET_DEV_SECRET_KEY
    with pytest.raises(CommandError, match="SECRET_KEY"):
        call_command("start", "--no-worker")


def test_pages_carry_a_content_security_policy(client) -> None:
    policy = client.get("/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
