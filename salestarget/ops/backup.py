"""Backup and restore of the whole database, with the database's own tools.

SQLite: the online backup API (consistent while the app runs). PostgreSQL: ``pg_dump -Fc``
and ``pg_restore --clean``, which must be on PATH (Debian: postgresql-client).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import quote

from django.db import connection


class BackupError(RuntimeError):
    pass


def _pg_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    host = s.get("HOST") or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{auth}@{host}{port}/{quote(s['NAME'])}"


def _tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None
    )
    if not found:
        raise BackupError(f"{name} not found: install postgresql-client")
    return found


def database_backup(*, output: Path) -> Path:
    """Write a consistent copy of the database to ``output`` and return it."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(output) as target:
            connection.connection.backup(target)
        target.close()
        return output
    if connection.vendor == "postgresql":
        subprocess.run(
            [_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(output), _pg_url()],
            check=True,
            env={**os.environ},
        )
        return output
    raise BackupError(f"backup is not supported for {connection.vendor}")


def database_restore(*, source: Path) -> None:
    """Replace the database's contents with the backup at ``source``."""
    if not source.exists():
        raise BackupError(f"{source} does not exist")
    if connection.vendor == "sqlite":
        with sqlite3.connect(source) as backup:
            if backup.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} is not a sound SQLite database")
            connection.ensure_connection()
            backup.backup(connection.connection)
        backup.close()
        return
    if connection.vendor == "postgresql":
        connection.close()
        subprocess.run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "-d",
                _pg_url(),
                str(source),
            ],
            check=True,
        )
        return
    raise BackupError(f"restore is not supported for {connection.vendor}")
