"""Actuals at scale: CSV import, the daily batch, and the full rollup rebuild, each beside a
reference measured in the same run.

    .venv/bin/python -m bench.actuals [--lines 1000000] [--batch 50000] [--skip-pg] [--skip-large]
    .venv/bin/python -m bench.actuals --batch-only [--skip-pg | --skip-sqlite]   (figure 3 only)

Figures (goal in brackets):

0. four batches of 3,000 identical till sales (same day, customer, product, person, quantity,
   amount; new external ids) one after another: the fourth beside the first [≈ 1×: the
   re-keyed-line check stays linear in what is stored]. ``--till-only`` runs just this.
0b. a file of 10,000 sales lines imported again unchanged beside its first import [< 1×: an
   unchanged line is compared once, set-based, and moves no rollup]. ``--reimport-only`` runs
   just this (and 0).
1. import of a 1M-line sales CSV into SQLite — reading, validation, crediting to teams, upsert
   and rollup upkeep — beside the ``sqlite3`` CLI's ``.import`` of the lines it stored into an
   empty table with the sales-line table's DDL and indexes [≤ 2×]; and, as the floor, beside
   ``.import`` of the CSV into a bare table. The target database holds the small demo company
   (the large demo's shape, 40k lines), copied fresh for each run.
2. the same into PostgreSQL beside ``COPY`` of the stored lines into a table ``LIKE`` the
   sales-line table ``INCLUDING ALL`` [≤ 2×]; the floor: ``COPY`` of the CSV into a bare table.
3. a daily batch of 50k lines into the large demo (10M lines, ``var/large.sqlite3``): time
   until the rollups are current [< 1 s]. The day is drawn from the company's own last 30 days
   (its customers, their reps, their products, as a real day repeats them), beside the same
   file into the medium demo (the same customers and reps, 636k lines: the batch does not
   depend on the 10M already there), beside the bulk append of the same lines alone (the
   floor), and beside a day of any rep, customer and product (nearly every line a new monthly
   row: the worst case). Rolled back afterwards.
4. the full rollup rebuild over the large demo beside the database's bare GROUP BY of the
   sales lines to the grains the rollups store (month × the fine dimensions, day × node ×
   person) [≤ 1.5×]; DuckDB's GROUP BY of the same lines to the same grains (from Parquet) is
   printed as the columnar anchor. Rolled back afterwards.

On PostgreSQL the large database is ``bench_actuals_large`` on the test server (a copy of
``demo_large`` there, else ``salestarget demo --scale`` ``--pg-scale``, large by default).

Each measurement runs in a child process with its own ``DATABASE_URL``. The large demo is
created with ``salestarget demo --scale large`` when missing (long: tens of minutes). The
PostgreSQL figures use the private test server (``scripts/pg-test-server``: loopback, fsync off).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from bench._actuals_databases import (
    DAILY_SOURCE,
    LARGE,
    TEMPLATE,
    WORK,
    _child,
    _sqlite_url,
    ensure_large,
    ensure_pg_large,
    ensure_pg_template,
    ensure_sqlite_template,
    fresh_pg_copy,
    fresh_sqlite_copy,
)
from bench._actuals_references import (
    duckdb_group_by,
    pg_copy,
    pg_copy_indexed,
    sqlite_cli_import,
    sqlite_cli_import_indexed,
)
from bench._actuals_steps import CHILD_STEPS, setup_django

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


def _import_rows(
    figure: str, ours: dict[str, Any], indexed: float, floor: float
) -> list[tuple[str, ...]]:
    """An import beside the bulk load of the same lines into the same indexed table (the
    goal's reference), and beside the bare load of the file (the floor, for the record)."""
    return [
        _row(figure, ours["seconds"], "bulk load, same indexed table", indexed, "≤ 2×"),
        _row("  the same import", ours["seconds"], "bare bulk load of the file", floor, "—"),
    ]


def print_table(rows: list[tuple[str, ...]]) -> None:
    headers = ("figure", "time", "reference", "ratio", "goal")
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


def batch_rows(
    database: str, *, large: str, medium: Callable[[], str], lines: int
) -> list[tuple[str, ...]]:
    """The daily batch into the large demo, rolled back, best of two: a day drawn from the
    company's own last 30 days (``make_day_csv``), beside the same file into the medium demo
    (size-independence: the same 2,000 customers and reps, 636k lines instead of 10.6M);
    beside the bulk append of the same day's lines alone (its floor); and a file of any rep,
    customer and product (``make_csv``: nearly every line a new monthly row, the worst case).
    Order numbers as the demo's source numbers them, the day after its last: a real day's ids
    sort after the stored ones (ids sorting first let PostgreSQL merge-join them with the
    unique index and stop at once, which flattered the batch)."""
    vendor = "sqlite" if database == "SQLite" else "postgresql"
    day = WORK / f"day-{lines}-{vendor}.csv"
    worst = WORK / f"any-{lines}-{vendor}.csv"
    made = {"lines": lines, "seed": 2, "prefix": "SO20261121-"}
    if not day.exists():
        _child(large, "make_day_csv", path=str(day), **made)
    if not worst.exists():
        span = {"day_from": "2026-11-21", "day_to": "2026-11-21"}
        _child(large, "make_csv", path=str(worst), **made, **span)
    batch = {"source": DAILY_SOURCE, "rollback": True, "repeat": 2}
    into_medium = _child(medium(), "import", path=str(day), **batch)
    into_large = _child(large, "import", path=str(day), **batch)
    floor = _child(large, "batch_floor", path=str(day), source=DAILY_SOURCE)
    any_line = _child(large, "import", path=str(worst), **batch)
    print(
        f"{database} daily batch phases: {into_medium['phases']} / {into_large['phases']}",
        flush=True,
    )
    seconds = into_large["seconds"]
    return [
        _row(
            f"daily batch {lines:,} lines into {into_large['stored']:,}, {database} "
            f"({into_large['new_monthly']:,} new monthly rows)",
            seconds,
            f"same into {into_medium['stored']:,}",
            into_medium["seconds"],
            "< 1 s",
        ),
        _row(
            "  the same batch",
            seconds,
            "its lines' bulk append alone (floor)",
            floor["seconds"],
            "—",
        ),
        _row(
            f"  any rep, customer, product ({any_line['new_monthly']:,} new monthly rows)",
            any_line["seconds"],
            "the day of the month's mix",
            seconds,
            "—",
        ),
    ]


def till_rows(lines: int, *, skip_pg: bool) -> list[tuple[str, ...]]:
    """Four batches of identical till sales, one after another: the fourth (after three
    stored) beside the first (none stored) — linear when near 1×."""
    found = []
    urls = [("SQLite", _sqlite_url(fresh_sqlite_copy()))]
    if not skip_pg:
        ensure_pg_template()
        urls.append(("PostgreSQL", fresh_pg_copy()))
    for name, url in urls:
        seconds = _child(url, "till", lines=lines, batches=4)["seconds"]
        print(f"{name} till batches: {', '.join(f'{s:.2f} s' for s in seconds)}", flush=True)
        found.append(
            _row(
                f"4th batch of {lines:,} identical till lines, {name}",
                seconds[-1],
                "1st batch",
                seconds[0],
                "≈ 1× (linear)",
            )
        )
    return found


def reimport_rows(lines: int, *, skip_pg: bool) -> list[tuple[str, ...]]:
    """A file imported, then again unchanged: the second beside the first."""
    csv = WORK / f"sales-reimport-{lines}.csv"
    if not csv.exists():
        _child(
            _sqlite_url(TEMPLATE),
            "make_csv",
            path=str(csv),
            lines=lines,
            day_from="2024-01-01",
            day_to="2026-06-30",
            seed=2,
            prefix="R",
        )
    found = []
    urls = [("SQLite", _sqlite_url(fresh_sqlite_copy()))]
    if not skip_pg:
        ensure_pg_template()
        urls.append(("PostgreSQL", fresh_pg_copy()))
    for name, url in urls:
        got = _child(url, "reimport", path=str(csv))
        first, again = got["first"]["seconds"], got["again"]["seconds"]
        print(f"{name} import {first:.2f} s, unchanged re-import {again:.2f} s", flush=True)
        found.append(
            _row(
                f"re-import of {lines:,} unchanged lines, {name}",
                again,
                "first import",
                first,
                "< 1×",
            )
        )
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.actuals", description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument(
        "--skip-sqlite", action="store_true", help="only PostgreSQL's import, batch and rebuild"
    )
    parser.add_argument("--pg-scale", default="large", help="demo scale of the large PG database")
    parser.add_argument("--till", type=int, default=3000, help="lines per till batch")
    parser.add_argument(
        "--till-only", action="store_true", help="only the batches of identical till sales"
    )
    parser.add_argument("--reimport", type=int, default=10_000, help="lines re-imported")
    parser.add_argument(
        "--reimport-only", action="store_true", help="only the till batches and the re-import"
    )
    parser.add_argument(
        "--batch-only", action="store_true", help="only the daily batch (no import, rebuild …)"
    )
    parser.add_argument("--child", choices=sorted(CHILD_STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--args", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        setup_django()
        print(json.dumps(CHILD_STEPS[args.child](**json.loads(args.args))))
        return

    WORK.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, ...]] = []
    ensure_sqlite_template()
    whole = not args.batch_only
    if whole and not args.skip_sqlite:
        rows += till_rows(args.till, skip_pg=args.skip_pg)
    if whole and not args.till_only and not args.skip_sqlite:
        rows += reimport_rows(args.reimport, skip_pg=args.skip_pg)
    if args.till_only or args.reimport_only:
        print()
        print_table(rows)
        return
    csv = WORK / f"sales-{args.lines}.csv"
    if whole and not csv.exists():
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

    if whole and not args.skip_sqlite:
        floor = sqlite_cli_import(csv)
        db = fresh_sqlite_copy()
        ours = _child(_sqlite_url(db), "import", path=str(csv), source="bench")
        print(f"SQLite import phases: {ours['phases']}", flush=True)
        reference = sqlite_cli_import_indexed(db, "bench")
        rows += _import_rows(f"CSV import {args.lines:,} lines, SQLite", ours, reference, floor)

    if whole and not args.skip_pg:
        ensure_pg_template()
        url = fresh_pg_copy()
        floor = pg_copy(csv, url)
        ours = _child(url, "import", path=str(csv), source="bench")
        print(f"PostgreSQL import phases: {ours['phases']}", flush=True)
        reference = pg_copy_indexed(url, "bench")
        rows += _import_rows(f"CSV import {args.lines:,} lines, PostgreSQL", ours, reference, floor)

    if not args.skip_large and not args.skip_sqlite:
        ensure_large()
        ensure_sqlite_template("medium")
        rows += batch_rows(
            "SQLite",
            large=_sqlite_url(LARGE),
            medium=lambda: _sqlite_url(fresh_sqlite_copy("medium")),
            lines=args.batch,
        )
        if whole:
            rebuild = _child(_sqlite_url(LARGE), "rebuild")
            rows.append(
                _row(
                    f"rollup rebuild, {rebuild['lines']:,} lines, SQLite",
                    rebuild["seconds"],
                    "bare GROUP BY, same grains",
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
        url = ensure_pg_large(args.pg_scale)
        ensure_pg_template("medium")
        rows += batch_rows(
            "PostgreSQL", large=url, medium=lambda: fresh_pg_copy("medium"), lines=args.batch
        )
        if whole:
            rebuild = _child(url, "rebuild")
            rows.append(
                _row(
                    f"rollup rebuild, {rebuild['lines']:,} lines, PostgreSQL",
                    rebuild["seconds"],
                    "bare GROUP BY, same grains",
                    rebuild["reference"],
                    "≤ 1.5×",
                )
            )

    print()
    print_table(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
