"""Where bench.actuals' measurements run: its databases (the demo copies on SQLite and on the
private PostgreSQL server) and the child processes each measured step runs in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
WORK = VAR / "bench"
PYTHON = sys.executable
LARGE = VAR / "large.sqlite3"
TEMPLATE = WORK / "actuals-small.sqlite3"
PG_TEMPLATE_DB = "bench_actuals_tpl"
PG_DB = "bench_actuals"
PG_LARGE_DB = "bench_actuals_large"
# A daily batch comes from the source that sent the stored lines (the demo's), so the checks
# against what that source holds (the re-keyed-line check) run as they do every day.
DAILY_SOURCE = "demo"  # salestarget.demo.scales.SOURCE


# --- running things --------------------------------------------------------------------------


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "salestarget.settings"
    env["PYTHONPATH"] = str(ROOT)
    return env


def _manage(database_url: str, *args: str) -> None:
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=_env(database_url), check=True, cwd=ROOT
    )


def child_figures(database_url: str, *module_args: str) -> dict[str, Any]:
    """Run ``python -m <module_args>`` on ``database_url`` in a fresh process; it prints one
    JSON line with its figures, which this returns."""
    out = subprocess.run(
        [PYTHON, "-m", *module_args],
        env=_env(database_url),
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.stderr.write(out.stdout[-4000:] + out.stderr[-4000:])
        raise SystemExit(f"bench step {' '.join(module_args)} failed")
    last = [line for line in out.stdout.splitlines() if line.startswith("{")][-1]
    return json.loads(last)  # type: ignore[no-any-return]


def _child(database_url: str, step: str, **kwargs: Any) -> dict[str, Any]:
    """Run one measured step of bench.actuals in a fresh process."""
    return child_figures(
        database_url, "bench.actuals", "--child", step, "--args", json.dumps(kwargs)
    )


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _pg_url(database: str) -> str:
    base = subprocess.run(
        [str(ROOT / "scripts" / "pg-test-server"), "url"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return base.rsplit("/", 1)[0] + "/" + database


# --- databases -------------------------------------------------------------------------------


def _sqlite_template(scale: str) -> Path:
    return TEMPLATE if scale == "small" else WORK / f"actuals-{scale}.sqlite3"


def ensure_sqlite_template(scale: str = "small") -> None:
    template = _sqlite_template(scale)
    if template.exists():
        _manage(_sqlite_url(template), "migrate", "-v", "0")
        return
    print(f"creating the {scale} demo database for imports …", flush=True)
    tmp = template.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    _manage(_sqlite_url(tmp), "migrate", "-v", "0")
    _manage(_sqlite_url(tmp), "demo", "--scale", scale, "--no-progress", "-v", "0")
    tmp.rename(template)


def fresh_sqlite_copy(scale: str = "small") -> Path:
    target = WORK / "actuals-import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(_sqlite_template(scale), target)
    return target


def _pg_template(scale: str) -> str:
    return PG_TEMPLATE_DB if scale == "small" else f"{PG_TEMPLATE_DB}_{scale}"


def ensure_pg_template(scale: str = "small") -> None:
    import psycopg

    template = _pg_template(scale)
    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        have = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if not have:
            print(f"creating the {scale} demo database on PostgreSQL …", flush=True)
            conn.execute(f"CREATE DATABASE {template}")
    _manage(_pg_url(template), "migrate", "-v", "0")
    if not have:
        _manage(_pg_url(template), "demo", "--scale", scale, "--no-progress", "-v", "0")


def fresh_pg_copy(scale: str = "small") -> str:
    import psycopg

    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB} TEMPLATE {_pg_template(scale)}")
    return _pg_url(PG_DB)


def ensure_pg_large(scale: str = "large") -> str:
    """A PostgreSQL database with the large demo: a copy of ``demo_large`` when someone loaded
    it already, else ``salestarget demo --scale large`` (long)."""
    import psycopg

    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        have = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
        if PG_LARGE_DB not in have and "demo_large" in have:
            print("copying the large demo on PostgreSQL …", flush=True)
            conn.execute(f"CREATE DATABASE {PG_LARGE_DB} TEMPLATE demo_large")
            have.add(PG_LARGE_DB)
        if PG_LARGE_DB not in have:
            print("creating the large demo on PostgreSQL — this takes a while …", flush=True)
            conn.execute(f"CREATE DATABASE {PG_LARGE_DB}")
            _manage(_pg_url(PG_LARGE_DB), "migrate", "-v", "0")
            _manage(_pg_url(PG_LARGE_DB), "demo", "--scale", scale, "--no-progress")
    _manage(_pg_url(PG_LARGE_DB), "migrate", "-v", "0")
    return _pg_url(PG_LARGE_DB)


def ensure_large() -> None:
    if LARGE.exists():
        _manage(_sqlite_url(LARGE), "migrate", "-v", "0")
        return
    print(
        "creating the large demo (10M lines) in var/large.sqlite3 — this takes a while …",
        flush=True,
    )
    _manage(_sqlite_url(LARGE), "migrate", "-v", "0")
    _manage(_sqlite_url(LARGE), "demo", "--scale", "large")
