"""Real processes sharing a database with the test: a SQLite file, or a new database on the
PostgreSQL server the suite runs on (``DATABASE_URL``), so that a child can be killed with
SIGKILL part-way and another process can look at what it left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SETUP = """
import json, os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
import django
django.setup()
"""


class Database:
    """A database the test and its child processes share."""

    def __init__(self, tmp: Path) -> None:
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
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))
            self.env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{self.name}"))
            self._pg(f'CREATE DATABASE "{self.name}"')
        else:
            self.name = ""
            self.env["DATABASE_URL"] = f"sqlite:///{tmp / 'kill.sqlite3'}"

    def _pg(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def drop(self) -> None:
        if self.name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

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
