"""A fresh clone has no compiled catalogues: the first ``salestarget start`` compiles them and
speaks the terminal's language at once (and its pages the browser's), not after a restart."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import Template

ROOT = Path(__file__).resolve().parents[2]

# Runs ``salestarget start --empty`` as the console command does, and where it would serve,
# asks for the login page in English through Django's test client, in the same process.
FIRST_START = """
import re, sys
import django
django.setup()
from salestarget.ops.management.commands import start

call = start.call_command

def serve_once(name, *args, **options):
    if name == "collectstatic":
        return None
    if name != "runserver":
        return call(name, *args, **options)
    from django.test import Client
    page = Client().get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    print("TITLE:", re.search("<title>(.*?)</title>", page, re.S).group(1).strip())

start.call_command = serve_once
sys.argv = ["salestarget", "start", "--empty", "--no-worker"]
from salestarget.cli import main
main()
"""


def fresh_clone(tmp_path: Path) -> Path:
    """The package as a clone has it: every .po, no .mo."""
    clone = tmp_path / "clone"
    shutil.copytree(
        ROOT / "salestarget",
        clone / "salestarget",
        ignore=shutil.ignore_patterns("*.mo", "__pycache__"),
    )
    assert not list(clone.glob("**/*.mo"))
    return clone


@pytest.mark.own_sqlite
@pytest.mark.django_db  # (the suite's test database, whose migrated copy the start finds)
def test_the_first_start_in_english_speaks_english(
    tmp_path: Path, migrated_template: Template
) -> None:
    clone = fresh_clone(tmp_path)
    # The catalogues are what is fresh here, not the database: the start finds a copy of the
    # suite's migrated one (migrating a new one was 20 of the test's 22 s of CPU).
    if migrated_template.pg_name:  # (run by hand on PostgreSQL: the start migrates its own)
        database = "sqlite://:memory:"
    else:
        shutil.copyfile(migrated_template.sqlite, tmp_path / "first.sqlite3")
        database = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    dropped = ("DJANGO_ALLOW_ASYNC_UNSAFE", "SALESTARGET_LANGUAGE", "LANGUAGE", "LC_ALL")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        PYTHONPATH=str(clone),
        DJANGO_SETTINGS_MODULE="salestarget.settings",
        DATABASE_URL=database,
        SALESTARGET_VAR=str(tmp_path / "var"),
        DEBUG="1",
        LANG="en_US.UTF-8",
        LC_MESSAGES="",
    )
    done = subprocess.run(
        [sys.executable, "-c", FIRST_START],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert (clone / "salestarget/ops/locale/en/LC_MESSAGES/django.mo").exists()
    out = done.stdout
    assert "SalesTarget is running: http://127.0.0.1:8000/" in out, out
    assert "password" in out, out
    assert "密码" not in out, out
    assert "TITLE: Sign in · SalesTarget" in out, out
