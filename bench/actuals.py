"""Actuals at scale: CSV import, the daily batch, and the full rollup rebuild, each beside a
reference measured in the same run.

    .venv/bin/python -m bench.actuals [--lines 1000000] [--batch 50000] [--skip-pg] [--skip-large]

Figures (goal in brackets):

1. import of a 1M-line sales CSV into SQLite — reading, validation, crediting to teams, upsert
   and rollup upkeep — beside the ``sqlite3`` CLI's ``.import`` of the same file into a bare
   table [≤ 3×]. The target database holds the small demo company (the large demo's shape,
   40k lines), copied fresh for each run.
2. the same into PostgreSQL beside ``COPY`` of the file into a bare table [≤ 3×].
3. a daily batch of 50k lines into the large demo (10M lines, ``var/large.sqlite3``): time
   until the rollups are current [< 2 s], beside the same batch into the small demo (which
   shows it does not depend on the 10M already there). Rolled back afterwards.
4. the full rollup rebuild over the large demo beside SQLite's bare GROUP BY of the sales
   lines to the SalesDaily grain [≤ 1.5×]; DuckDB's GROUP BY of the same lines (from Parquet)
   is printed as the columnar anchor. Rolled back afterwards.

Each measurement runs in a child process with its own ``DATABASE_URL``. The large demo is
created with ``salestarget demo --scale large`` when missing (long: tens of minutes). The
PostgreSQL figures use the private test server (``scripts/pg-test-server``: loopback, fsync off).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
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
GROUP_BY = """
    SELECT sold_on, node_id, person_id, product_id, customer_type_id, channel_id, region_id,
           SUM(amount) AS amount, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS gross,
           SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS returned,
           SUM(quantity) AS quantity, SUM(cost) AS cost, COUNT(*) AS lines
    FROM {table}
    GROUP BY sold_on, node_id, person_id, product_id, customer_type_id, channel_id, region_id
"""


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


def _child(database_url: str, step: str, **kwargs: Any) -> dict[str, Any]:
    """Run one measured step in a fresh process; it prints one JSON line with its figures."""
    out = subprocess.run(
        [PYTHON, "-m", "bench.actuals", "--child", step, "--args", json.dumps(kwargs)],
        env=_env(database_url),
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.stderr.write(out.stdout[-4000:] + out.stderr[-4000:])
        raise SystemExit(f"bench step {step} failed")
    last = [line for line in out.stdout.splitlines() if line.startswith("{")][-1]
    return json.loads(last)  # type: ignore[no-any-return]


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


# --- child steps (inside Django) -------------------------------------------------------------


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")

    django.setup()


def step_make_csv(
    *, path: str, lines: int, day_from: str, day_to: str, seed: int, prefix: str
) -> dict[str, Any]:
    """A sales CSV of real-looking lines from this database's master data: every person is
    sold for on days when they have a membership; Chinese headers, as an ERP exports."""
    import datetime as dt

    import numpy as np
    import polars as pl

    from salestarget.catalog.models import Customer, Product
    from salestarget.org.models import Membership

    rng = np.random.default_rng(seed)
    start, end = dt.date.fromisoformat(day_from), dt.date.fromisoformat(day_to)
    members = [
        (
            m.person.employee_no,
            max(m.valid_from, start),
            min(m.valid_to or end + dt.timedelta(days=1), end + dt.timedelta(days=1)),
        )
        for m in Membership.objects.select_related("person").filter(person__role="rep")
    ]
    members = [m for m in members if m[1] < m[2]]
    customers = list(Customer.objects.values_list("code", flat=True))
    products = list(Product.objects.values_list("code", "list_price"))
    pick = rng.integers(0, len(members), lines)
    span = np.array([(m[2] - m[1]).days for m in members])[pick]
    first = np.array([(m[1] - dt.date(1970, 1, 1)).days for m in members])[pick]
    days = first + (rng.random(lines) * span).astype(np.int64)
    prod = rng.integers(0, len(products), lines)
    price = np.array([float(p[1]) for p in products])[prod]
    qty = rng.integers(1, 20, lines)
    amount_cents = np.round(price * qty * rng.uniform(0.8, 1.0, lines) * 100).astype(np.int64)
    frame = pl.DataFrame(
        {
            "日期": pl.Series(days, dtype=pl.Int32).cast(pl.Date).dt.strftime("%Y/%-m/%-d"),
            "订单号": [f"{prefix}{i // 3:08d}" for i in range(lines)],
            "行号": (np.arange(lines) % 3 + 1).astype(str),
            "客户编码": np.array(customers)[rng.integers(0, len(customers), lines)],
            "产品编码": np.array([p[0] for p in products])[prod],
            "销售人员": np.array([m[0] for m in members])[pick],
            "数量": qty.astype(str),
            "金额": [f"{c // 100}.{c % 100:02d}" for c in amount_cents.tolist()],
            "成本": [f"{c * 6 // 1000}.{(c * 6 // 10) % 100:02d}" for c in amount_cents.tolist()],
        }
    )
    frame.write_csv(path)
    return {"rows": lines, "bytes": Path(path).stat().st_size}


def step_import(
    *, path: str, source: str, rollback: bool = False, repeat: int = 1
) -> dict[str, Any]:
    """Import one file, timed end to end; with ``repeat`` (rolled back each time) the best run
    counts, so that a cold page cache after a database copy does not."""
    best: dict[str, Any] = {}
    for _ in range(repeat):
        result = _import_once(path=path, source=source, rollback=rollback or repeat > 1)
        if not best or result["seconds"] < best["seconds"]:
            best = result
    return best


def _import_once(*, path: str, source: str, rollback: bool) -> dict[str, Any]:
    from django.db import transaction

    from salestarget.importing.models import ImportBatch
    from salestarget.importing.services import batch_import
    from salestarget.org.scoping import SYSTEM_SCOPE

    data = Path(path).read_bytes()
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def progress(percent: int, label: str) -> None:
        phases[label] = round(time.perf_counter() - started, 3)

    with transaction.atomic():
        batch = ImportBatch.objects.create(kind="sales", source=source, file_name=Path(path).name)
        batch = batch_import(batch=batch, scope=SYSTEM_SCOPE, data=data, progress=progress)
        seconds = time.perf_counter() - started
        if rollback:
            transaction.set_rollback(True)
    if batch.status != ImportBatch.Status.DONE:
        raise SystemExit(
            f"import failed: {batch.status} {batch.message} {batch.errors_preview[:3]}"
        )
    return {"seconds": seconds, "inserted": batch.rows_inserted, "phases": phases}


def step_rebuild() -> dict[str, Any]:
    """The bare GROUP BY first, then the rebuild, each after the same warm-up read of the
    tables, so that neither pays for a cold page cache."""
    from django.db import connection, transaction

    from salestarget.actuals.rollups import rollups_rebuild

    def warm_up() -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*), SUM(amount) FROM actuals_salesline")
            count = cur.fetchone()[0]
            cur.execute("SELECT COUNT(*), SUM(amount) FROM actuals_salesdaily")
        return int(count)

    lines = warm_up()
    with transaction.atomic():
        with connection.cursor() as cur:
            started = time.perf_counter()
            cur.execute(
                f"CREATE TEMP TABLE bench_ref AS {GROUP_BY.format(table='actuals_salesline')}"
            )
            reference = time.perf_counter() - started
            cur.execute("SELECT COUNT(*) FROM bench_ref")
            groups = cur.fetchone()[0]
        transaction.set_rollback(True)
    warm_up()
    with transaction.atomic():
        started = time.perf_counter()
        rollups_rebuild()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"seconds": seconds, "reference": reference, "lines": lines, "groups": groups}


def step_export_parquet(*, path: str) -> dict[str, Any]:
    import polars as pl
    from django.db import connection

    cols = "sold_on, node_id, person_id, product_id, customer_type_id, channel_id, region_id, amount, quantity, cost"
    frames = []
    with connection.cursor() as cur:
        cur.execute(f"SELECT {cols} FROM actuals_salesline")
        names = [c.strip() for c in cols.split(",")]
        while rows := cur.fetchmany(500_000):
            frames.append(pl.DataFrame(rows, schema=names, orient="row"))
    pl.concat(frames).write_parquet(path)
    return {"rows": sum(f.height for f in frames)}


CHILD_STEPS: dict[str, Callable[..., Any]] = {
    "make_csv": step_make_csv,
    "import": step_import,
    "rebuild": step_rebuild,
    "export_parquet": step_export_parquet,
}


# --- references ------------------------------------------------------------------------------


def sqlite_cli_import(csv: Path) -> float:
    db = WORK / "ref-import.sqlite3"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["sqlite3", str(db), "-cmd", ".mode csv", f".import {csv} bare"], check=True)
    seconds = time.perf_counter() - started
    db.unlink(missing_ok=True)
    return seconds


def pg_copy(csv: Path, database_url: str) -> float:
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_bare")
        header = csv.open(encoding="utf-8").readline().strip().split(",")
        conn.execute(
            f"CREATE TABLE bench_bare ({', '.join(f'c{i} text' for i in range(len(header)))})"
        )
        started = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy("COPY bench_bare FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            csv.open("rb") as fh,
        ):
            while chunk := fh.read(1 << 20):
                copy.write(chunk)
        seconds = time.perf_counter() - started
        conn.execute("DROP TABLE bench_bare")
    return seconds


def duckdb_group_by(parquet: Path) -> float:
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE TABLE lines AS SELECT * FROM read_parquet('{parquet}')")
    started = time.perf_counter()
    con.execute(f"CREATE TABLE grouped AS {GROUP_BY.format(table='lines')}")
    seconds = time.perf_counter() - started
    con.close()
    return seconds


# --- databases -------------------------------------------------------------------------------


def ensure_sqlite_template() -> None:
    if TEMPLATE.exists():
        _manage(_sqlite_url(TEMPLATE), "migrate", "-v", "0")
        return
    print("creating the small demo database for imports …", flush=True)
    tmp = TEMPLATE.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    _manage(_sqlite_url(tmp), "migrate", "-v", "0")
    _manage(_sqlite_url(tmp), "demo", "--scale", "small", "--no-progress", "-v", "0")
    tmp.rename(TEMPLATE)


def fresh_sqlite_copy() -> Path:
    target = WORK / "actuals-import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(TEMPLATE, target)
    return target


def ensure_pg_template() -> None:
    import psycopg

    admin = _pg_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [PG_TEMPLATE_DB]
        ).fetchone()
        if exists:
            return
        print("creating the small demo database on PostgreSQL …", flush=True)
        conn.execute(f"CREATE DATABASE {PG_TEMPLATE_DB}")
    _manage(_pg_url(PG_TEMPLATE_DB), "migrate", "-v", "0")
    _manage(_pg_url(PG_TEMPLATE_DB), "demo", "--scale", "small", "--no-progress", "-v", "0")


def fresh_pg_copy() -> str:
    import psycopg

    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {PG_DB} TEMPLATE {PG_TEMPLATE_DB}")
    return _pg_url(PG_DB)


def ensure_pg_large() -> str:
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
            _manage(_pg_url(PG_LARGE_DB), "demo", "--scale", "large")
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


# --- the table -------------------------------------------------------------------------------


def _row(
    figure: str, seconds: float, reference_name: str, reference: float, goal: str
) -> tuple[str, ...]:
    ratio = seconds / reference if reference else float("nan")
    return (
        figure,
        f"{seconds:8.2f} s",
        f"{reference_name}: {reference:.2f} s",
        f"{ratio:5.2f}×",
        goal,
    )


def print_table(rows: list[tuple[str, ...]]) -> None:
    headers = ("figure", "time", "reference", "ratio", "goal")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.actuals", description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--child", choices=sorted(CHILD_STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--args", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _setup_django()
        print(json.dumps(CHILD_STEPS[args.child](**json.loads(args.args))))
        return

    WORK.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, ...]] = []
    ensure_sqlite_template()
    csv = WORK / f"sales-{args.lines}.csv"
    if not csv.exists():
        print(f"writing {args.lines:,} sales lines to {csv} …", flush=True)
        _child(
            _sqlite_url(TEMPLATE),
            "make_csv",
            path=str(csv),
            lines=args.lines,
            day_from="2026-01-01",
            day_to="2026-06-30",
            seed=1,
            prefix="B",
        )

    reference = sqlite_cli_import(csv)
    db = fresh_sqlite_copy()
    ours = _child(_sqlite_url(db), "import", path=str(csv), source="bench")
    print(f"SQLite import phases: {ours['phases']}", flush=True)
    rows.append(
        _row(
            f"CSV import {args.lines:,} lines, SQLite",
            ours["seconds"],
            "sqlite3 .import",
            reference,
            "≤ 3×",
        )
    )

    if not args.skip_pg:
        ensure_pg_template()
        url = fresh_pg_copy()
        reference = pg_copy(csv, url)
        ours = _child(url, "import", path=str(csv), source="bench")
        print(f"PostgreSQL import phases: {ours['phases']}", flush=True)
        rows.append(
            _row(
                f"CSV import {args.lines:,} lines, PostgreSQL",
                ours["seconds"],
                "COPY",
                reference,
                "≤ 3×",
            )
        )

    if not args.skip_large:
        ensure_large()
        daily = WORK / f"daily-{args.batch}.csv"
        if not daily.exists():
            _child(
                _sqlite_url(TEMPLATE),
                "make_csv",
                path=str(daily),
                lines=args.batch,
                day_from="2026-11-20",
                day_to="2026-11-20",
                seed=2,
                prefix="D",
            )
        small = _child(
            _sqlite_url(fresh_sqlite_copy()),
            "import",
            path=str(daily),
            source="daily",
            rollback=True,
            repeat=2,
        )
        large = _child(
            _sqlite_url(LARGE), "import", path=str(daily), source="daily", rollback=True, repeat=2
        )
        rows.append(
            _row(
                f"daily batch {args.batch:,} lines into 10M, SQLite",
                large["seconds"],
                "same into 40k",
                small["seconds"],
                "< 2 s",
            )
        )

        rebuild = _child(_sqlite_url(LARGE), "rebuild")
        rows.append(
            _row(
                f"rollup rebuild, {rebuild['lines']:,} lines, SQLite",
                rebuild["seconds"],
                "bare GROUP BY",
                rebuild["reference"],
                "≤ 1.5×",
            )
        )
        parquet = WORK / "large-lines.parquet"
        if not parquet.exists() or parquet.stat().st_mtime < LARGE.stat().st_mtime:
            print("exporting the large demo's lines to Parquet for DuckDB …", flush=True)
            _child(_sqlite_url(LARGE), "export_parquet", path=str(parquet))
        duck = duckdb_group_by(parquet)
        rows.append(
            _row(
                "  DuckDB GROUP BY, same lines (anchor)",
                duck,
                "SQLite bare GROUP BY",
                rebuild["reference"],
                "—",
            )
        )

    if not args.skip_large and not args.skip_pg:
        url = ensure_pg_large()
        small = _child(
            fresh_pg_copy(), "import", path=str(daily), source="daily", rollback=True, repeat=2
        )
        large = _child(url, "import", path=str(daily), source="daily", rollback=True, repeat=2)
        rows.append(
            _row(
                f"daily batch {args.batch:,} lines into 10M, PostgreSQL",
                large["seconds"],
                "same into 40k",
                small["seconds"],
                "< 2 s",
            )
        )
        rebuild = _child(url, "rebuild")
        rows.append(
            _row(
                f"rollup rebuild, {rebuild['lines']:,} lines, PostgreSQL",
                rebuild["seconds"],
                "bare GROUP BY",
                rebuild["reference"],
                "≤ 1.5×",
            )
        )

    print()
    print_table(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
