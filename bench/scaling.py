"""How big one PostgreSQL gets: the large demo's tables measured, and the spread of its facts
over shards by the distribution column (docs/scaling.md).

1. **Sizes.** Rows, bytes on disk (table + indexes) and bytes per row of every table Citus
   would distribute (``salestarget.actuals.distribution``), the rollup rows per sales line, and
   the sizes extrapolated linearly to 1 billion lines (an upper bound for the rollups, which
   grow with what is sold together, not with lines).
2. **Reading rollups, not lines.** The company's revenue of the last full year summed from the
   lines beside the same sum from the monthly rollup, as a ratio: why dashboards never read
   lines.
3. **Skew.** The lines per shard when the facts are hashed onto 32 shards the way Citus hashes
   a bigint column (``hashint8``), by each candidate column (the org node, the person): the
   largest shard beside the mean.

PostgreSQL only; ``--db`` is a database URL holding the large demo (default: the bench's
``bench_actuals_large`` on the project's test server, loaded when missing, a long while).

    .venv/bin/python -m bench.scaling [--db postgres://…] [--shards 32]
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal
from typing import Any

from bench._actuals_databases import ensure_pg_large

ONE_BILLION = 1_000_000_000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.scaling", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="")
    parser.add_argument("--shards", type=int, default=32)
    args = parser.parse_args(argv)
    url = args.db or ensure_pg_large()
    if not url.startswith("postgres"):
        raise SystemExit("bench.scaling measures PostgreSQL: --db postgres://…")
    import psycopg

    with psycopg.connect(url) as conn:
        lines = sizes_print(conn)
        rollup_read_print(conn)
        skew_print(conn, shards=args.shards, lines=lines)


def _tables() -> list[tuple[str, str]]:
    from salestarget.actuals.distribution import BESIDE_FACTS, FACTS, ROLLUPS

    kinds = [(label, "fact") for label in FACTS]
    kinds += [(label, "rollup") for label in ROLLUPS]
    kinds += [(label, "beside") for label in BESIDE_FACTS]
    return kinds


def _table_name(label: str) -> str:
    app, model = label.split(".")
    return f"{app}_{model}".lower()


def sizes_print(conn: Any) -> int:
    print("\n1. Sizes of the tables that would be distributed")
    print(f"   {'table':<34}{'rows':>14}{'MB':>10}{'bytes/row':>11}{'at 1B lines, GB':>17}")
    rows_of: dict[str, int] = {}
    bytes_of: dict[str, int] = {}
    for label, _kind in _tables():
        table = _table_name(label)
        rows = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        size = conn.execute("SELECT pg_total_relation_size(%s)", [table]).fetchone()[0]
        rows_of[label], bytes_of[label] = rows, size
    lines = rows_of["actuals.SalesLine"] or 1
    for label, _kind in _tables():
        rows, size = rows_of[label], bytes_of[label]
        per_row = size / rows if rows else 0.0
        at_billion = size * ONE_BILLION / lines / 1e9
        print(f"   {label:<34}{rows:>14,}{size / 1e6:>10,.0f}{per_row:>11,.0f}{at_billion:>17,.0f}")
    total = sum(bytes_of.values())
    print(
        f"   {'all of them':<34}{'':>14}{total / 1e6:>10,.0f}{'':>11}"
        f"{total * ONE_BILLION / lines / 1e9:>17,.0f}"
    )
    for label, kind in _tables():
        if kind == "rollup":
            print(f"   {label}: {rows_of[label] / lines:.3f} rows per sales line")
    return lines


def rollup_read_print(conn: Any) -> None:
    year = conn.execute(
        "SELECT EXTRACT(YEAR FROM MAX(month))::int - 1 FROM actuals_salesmonthly"
    ).fetchone()[0]
    between = [f"{year}-01-01", f"{year}-12-31"]
    timed = {}
    for name, sql in (
        ("lines", "SELECT SUM(amount) FROM actuals_salesline WHERE sold_on BETWEEN %s AND %s"),
        ("rollup", "SELECT SUM(amount) FROM actuals_salesmonthly WHERE month BETWEEN %s AND %s"),
    ):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            value = conn.execute(sql, between).fetchone()[0]
            best = min(best, time.perf_counter() - started)
        timed[name] = (best, value)
    from salestarget.fields import EXACT_SCALE  # amounts are stored as scaled integers

    (lines_s, lines_raw), (rollup_s, rollup_raw) = timed["lines"], timed["rollup"]
    lines_sum, rollup_sum = Decimal(lines_raw) / EXACT_SCALE, Decimal(rollup_raw) / EXACT_SCALE
    print(f"\n2. The company's {year} revenue, best of 3")
    print(f"   from the lines            {lines_s * 1000:9.1f} ms   {lines_sum:,.2f}")
    print(f"   from the monthly rollup   {rollup_s * 1000:9.1f} ms   {rollup_sum:,.2f}")
    print(
        f"   ratio lines / rollup: {lines_s / rollup_s:,.0f}×  (equal sums: {lines_sum == rollup_sum})"
    )


def skew_print(conn: Any, *, shards: int, lines: int) -> None:
    print(f"\n3. {lines:,} lines hashed onto {shards} shards, by each candidate column")
    for column in ("node_id", "person_id"):
        per_shard = conn.execute(
            f"""SELECT (hashint8({column}) % {shards} + {shards}) % {shards}, COUNT(*)
                FROM actuals_salesline GROUP BY 1"""
        ).fetchall()
        values, largest = conn.execute(
            f"""SELECT COUNT(*), MAX(n) FROM (
                    SELECT COUNT(*) AS n FROM actuals_salesline GROUP BY {column}) per_value"""
        ).fetchone()
        counts = [count for _shard, count in per_shard] + [0] * (shards - len(per_shard))
        mean = lines / shards
        print(
            f"   {column:<10} {values:>6} values; largest shard {max(counts) / mean:.2f}× the "
            f"mean, smallest {min(counts) / mean:.2f}×, {sum(1 for c in counts if c)} shards "
            f"used; the largest value alone {largest / lines:.1%} of the lines"
        )


if __name__ == "__main__":
    main()
