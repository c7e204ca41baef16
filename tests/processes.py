"""Real processes sharing a database with the test: a SQLite file, or a new database on the
PostgreSQL server the suite runs on (``DATABASE_URL``), so that a child can be killed with
SIGKILL part-way and another process can look at what it left."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SETUP = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
import django
django.setup()
"""


class Template:
    """The suite's test database as migrations left it (before any test wrote to it), kept
    aside once so that each ``Database`` starts as a copy instead of migrating a new one
    (half a minute a module): a file on SQLite, a template database on PostgreSQL."""

    def __init__(self, tmp: Path) -> None:
        from django.db import connection

        self.pg_name = ""
        self.sqlite = tmp / "migrated.sqlite3"
        source = connection.settings_dict["NAME"]
        if connection.vendor == "postgresql":
            assert source.startswith("test_"), f"{source} is not the suite's test database"
            # CREATE DATABASE … TEMPLATE needs the source to have no other session: this
            # process's is the only one, right after the test database was made.
            self.pg_name = f"tmpl_{uuid.uuid4().hex[:10]}"
            connection.close()
            _pg_admin(f'CREATE DATABASE "{self.pg_name}" TEMPLATE "{source}"')
        else:
            import sqlite3

            assert connection.is_in_memory_db(), f"{source} is not the suite's test database"
            connection.ensure_connection()
            copy = sqlite3.connect(self.sqlite)
            connection.connection.backup(copy)
            copy.close()

    def drop(self) -> None:
        if self.pg_name:
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def _pg_admin(sql: str) -> None:
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql)


class Database:
    """A database the test and its child processes share, a copy of ``template``: migrated,
    with nobody and nothing in it."""

    def __init__(self, tmp: Path, template: Template) -> None:
        self.tmp = tmp
        self.env = {
            **os.environ,
            "SALESTARGET_VAR": str(tmp / "var"),
            "DEBUG": "1",
            "SECRET_KEY": "kill-test-key",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "PYTHONPATH": str(ROOT),
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        base = os.environ.get("DATABASE_URL", "")
        if base.startswith("postgres"):
            self.name = f"kill_{uuid.uuid4().hex[:10]}"
            parts = urlsplit(base)
            self.env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{self.name}"))
            _pg_admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{template.pg_name}"')
        else:
            self.name = ""
            copy = tmp / "kill.sqlite3"
            shutil.copyfile(template.sqlite, copy)
            self.env["DATABASE_URL"] = f"sqlite:///{copy}"

    def drop(self) -> None:
        if self.name:
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def run(self, code: str, *, timeout: float = 300) -> dict[str, Any]:
        """Run ``code`` in a new Django process; what it printed last, as JSON."""
        done = subprocess.run(
            [sys.executable, "-c", SETUP + textwrap.dedent(code)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        lines = done.stdout.strip().splitlines()
        return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}

    def start(self, code: str, ready: Path, *, stall: str) -> subprocess.Popen[str]:
        """Start ``code`` after ``stall`` (code that writes the file named by $KILL_READY
        where the process is to be killed, then sleeps); returns once it is there."""
        child = subprocess.Popen(
            [sys.executable, "-c", SETUP + textwrap.dedent(stall) + textwrap.dedent(code)],
            cwd=ROOT,
            env={**self.env, "KILL_READY": str(ready)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 240
        while not ready.exists():
            if child.poll() is not None:
                raise AssertionError(child.stderr.read() if child.stderr else "child ended")
            assert time.monotonic() < deadline, "the child never reached its stall"
            time.sleep(0.2)
        return child


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


_templates: dict[str, Template | None] = {}


@pytest.fixture(scope="session")
def migrated_template(django_db_setup) -> Template:
    """The suite's freshly migrated test database, for a ``Database`` to copy (made right
    after the test database by ``django_db_setup`` in tests/conftest.py)."""
    template = _templates.get("template")
    assert template is not None, "made only when a collected test asks for it"
    return template


def template_for_processes(items: list[pytest.Item], tmp: Path) -> Template | None:
    """The template, when a collected test will start processes on a copy of it."""
    if not any("migrated_template" in getattr(item, "fixturenames", ()) for item in items):
        return None
    _templates["template"] = Template(tmp)
    return _templates["template"]
