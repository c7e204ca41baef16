"""The references the actuals benchmark measures the product against, in the same run.

Two for an import: the floor (the database's bulk loader putting the CSV as it is into a bare
table, no types, no indexes) and the physical reference (the same loader putting the lines the
import stored, already resolved to ids, into an empty copy of the sales-line table with the
same indexes). The second is what an import cannot beat however it is written: it pays for
the same rows and the same index upkeep, and for nothing else. Neither checks foreign keys,
since the product's sales-line table has none (``actuals.models.SalesLine``)."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

from bench._actuals_steps import grain_queries

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
TABLE = "actuals_salesline"


def sqlite_cli_import(csv: Path) -> float:
    """The floor: ``sqlite3 .import`` of the CSV into a new bare table (every column text)."""
    db = WORK / "ref-import.sqlite3"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(["sqlite3", str(db), "-cmd", ".mode csv", f".import {csv} bare"], check=True)
    seconds = time.perf_counter() - started
    db.unlink(missing_ok=True)
    return seconds


def sqlite_cli_import_indexed(imported: Path, source: str) -> float:
    """``sqlite3 .import`` of the lines an import stored (rows of ``source`` in the database
    ``imported``) into an empty table with the sales-line table's own DDL and indexes."""
    lines = WORK / "ref-lines.csv"
    subprocess.run(
        [
            "sqlite3",
            str(imported),
            "-cmd",
            ".mode csv",
            "-cmd",
            f".once {lines}",
            f"SELECT * FROM {TABLE} WHERE source = '{source}'",
        ],
        check=True,
    )
    with sqlite3.connect(imported) as conn:
        ddl = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
                "ORDER BY type DESC",  # the table before its indexes
                [TABLE],
            )
        ]
    db = WORK / "ref-indexed.sqlite3"
    db.unlink(missing_ok=True)
    with sqlite3.connect(db) as conn:
        for statement in ddl:
            conn.execute(statement)
    started = time.perf_counter()
    subprocess.run(
        ["sqlite3", str(db), "-cmd", ".mode csv", f".import {lines} {TABLE}"], check=True
    )
    seconds = time.perf_counter() - started
    with sqlite3.connect(db) as conn:
        loaded = conn.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()[0]
    db.unlink(missing_ok=True)
    lines.unlink(missing_ok=True)
    if not loaded:
        raise SystemExit(f"the indexed reference loaded no lines of source {source!r}")
    return seconds


def pg_copy(csv: Path, database_url: str) -> float:
    """The floor: ``COPY`` of the CSV into a new bare table (every column text)."""
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


def pg_copy_indexed(database_url: str, source: str) -> float:
    """``COPY`` of the lines an import stored (rows of ``source``) into an empty table made
    ``LIKE`` the sales-line table ``INCLUDING ALL``: its columns, defaults and indexes."""
    import psycopg
    from psycopg import sql

    lines = WORK / "ref-lines.copy"
    with psycopg.connect(database_url, autocommit=True) as conn:
        with (
            conn.cursor() as cur,
            cur.copy(
                sql.SQL("COPY (SELECT * FROM {} WHERE source = {}) TO STDOUT").format(
                    sql.Identifier(TABLE), sql.Literal(source)
                )
            ) as copy,
            lines.open("wb") as fh,
        ):
            for chunk in copy:
                fh.write(chunk)
        conn.execute("DROP TABLE IF EXISTS bench_indexed")
        conn.execute(f"CREATE TABLE bench_indexed (LIKE {TABLE} INCLUDING ALL)")
        started = time.perf_counter()
        with (
            conn.cursor() as cur,
            cur.copy("COPY bench_indexed FROM STDIN") as copy,
            lines.open("rb") as fh,
        ):
            while chunk := fh.read(1 << 20):
                copy.write(chunk)
        seconds = time.perf_counter() - started
        loaded = conn.execute("SELECT COUNT(*) FROM bench_indexed").fetchone()
        conn.execute("DROP TABLE bench_indexed")
    lines.unlink(missing_ok=True)
    if not loaded or not loaded[0]:
        raise SystemExit(f"the indexed reference loaded no lines of source {source!r}")
    return seconds


def duckdb_group_by(parquet: Path) -> float:
    """The columnar anchor for the rollup rebuild: DuckDB's GROUP BY of the same lines."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"CREATE TABLE lines AS SELECT * FROM read_parquet('{parquet}')")
    started = time.perf_counter()
    for n, query in enumerate(grain_queries("lines", "duckdb")):
        con.execute(f"CREATE TABLE grouped{n} AS {query}")
    seconds = time.perf_counter() - started
    con.close()
    return seconds
