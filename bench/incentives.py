"""Commission at scale: the month-end run and the full-year run of the demo company's FY2026
plan (a marginal revenue table under a 费用率 gate, a collections component, a 90-day
clawback), each beside the database's bare ``SUM(amount) × flat rate GROUP BY person`` over
the same sales lines in the same run, as a ratio (goal ≤ 3×); and the time of one what-if.

    .venv/bin/python -m bench.incentives [--db var/large.sqlite3] [--repeat 3]
    salestarget bench incentives --db var/bench/small.sqlite3

The large database (10 million lines) is ``var/large.sqlite3``; when missing it is made with
``salestarget demo --scale large`` (a long while). ``--scale small`` uses (and makes) the
small demo instead, for a quick look. A database loaded before incentives existed gets the
demo plan first. Each run is rolled back.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = "SALESTARGET_BENCH_INCENTIVES"
GOAL = 3.0
MONTH = "2026-10"
YEAR = [f"2026-{m:02d}" for m in range(1, 12)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.incentives", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="")
    parser.add_argument("--scale", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    default = (
        ROOT / "var" / ("large.sqlite3" if args.scale == "large" else f"bench/{args.scale}.sqlite3")
    )
    db = Path(args.db or default).resolve()
    url = f"sqlite:///{db}"
    if os.environ.get(CHILD) != url:
        env = {
            **os.environ,
            CHILD: url,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "salestarget.settings",
        }
        db.parent.mkdir(parents=True, exist_ok=True)
        if not db.exists():
            print(f"{db} is missing: loading the {args.scale} demo, this takes a while")
            for command in (["migrate", "-v", "0"], ["demo", "--scale", args.scale, "--if-empty"]):
                subprocess.run(
                    [sys.executable, "-m", "salestarget.cli", *command],
                    env=env,
                    cwd=ROOT,
                    check=True,
                )
        code = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.incentives",
                *(argv if argv is not None else sys.argv[1:]),
            ],
            env=env,
            cwd=ROOT,
        ).returncode
        if code:
            raise SystemExit(code)
        return

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _plan_ensure()
    ok = _bench(args.repeat)
    if not ok:
        raise SystemExit(1)


def _plan_ensure() -> None:
    from django.contrib.auth.models import User

    from salestarget.demo.incentives import commission_plan_create
    from salestarget.incentives.models import CommissionPlan

    if not CommissionPlan.objects.exists():
        commission_plan_create(User.objects.get(username="finance"))


def _timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Best and median wall seconds of ``repeat`` runs, each rolled back, and the best CPU
    seconds of this process: SQLite works inside it, so on a shared machine (where wall time
    also counts the wait for a core) the CPU time is the work itself."""
    from django.db import transaction

    times, cpu = [], []
    for _ in range(repeat):
        with transaction.atomic():
            started, started_cpu = time.perf_counter(), time.process_time()
            run()
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            transaction.set_rollback(True)
    return min(times), statistics.median(times), min(cpu)


def _bare(months: list[str]) -> Callable[[], object]:
    """The reference: the database's own SUM(amount) × 3% per person over the same lines."""
    from django.db import connection

    from salestarget.targets.fiscal_periods import period_parse

    spans = [period_parse(m) for m in months]
    start, end = spans[0].start, spans[-1].end

    def run() -> object:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT person_id, SUM(amount) * 3 / 100 FROM actuals_salesline "
                "WHERE sold_on BETWEEN %s AND %s GROUP BY person_id",
                [start, end],
            )
            return cursor.fetchall()

    return run


def _bench(repeat: int) -> bool:
    from decimal import Decimal

    from django.db import connection

    from salestarget.actuals.models import SalesLine
    from salestarget.incentives.models import Statement
    from salestarget.incentives.services.calculation import statement_calculate
    from salestarget.incentives.services.whatif import what_if_extra

    lines = SalesLine.objects.count()
    print(f"database: {connection.settings_dict['NAME']} ({lines:,} sales lines)")
    month = _timed(lambda: statement_calculate(period=MONTH, by=None), repeat)
    month_ref = _timed(_bare([MONTH]), repeat)

    def year() -> None:
        for label in YEAR:
            statement_calculate(period=label, by=None)

    full = _timed(year, max(1, repeat // 2))
    full_ref = _timed(_bare(YEAR), max(1, repeat // 2))
    ok = True
    for name, (best, median, cpu), (ref, _ref_median, ref_cpu) in (
        (f"month-end run ({MONTH})", month, month_ref),
        ("full-year run (FY2026, 11 months)", full, full_ref),
    ):
        ratio = best / ref if ref else float("inf")
        cpu_ratio = cpu / ref_cpu if ref_cpu else float("inf")
        ok &= min(ratio, cpu_ratio) <= GOAL
        print(
            f"{name}: best {best * 1000:,.0f} ms, median {median * 1000:,.0f} ms "
            f"(CPU {cpu * 1000:,.0f} ms); bare SUM × rate GROUP BY person {ref * 1000:,.0f} ms "
            f"(CPU {ref_cpu * 1000:,.0f} ms); ratio {ratio:.2f}× wall, {cpu_ratio:.2f}× CPU "
            f"(goal ≤ {GOAL:.0f}×)"
        )
    statement = Statement.objects.filter(period=MONTH).order_by("pk").first()
    if statement is not None:
        best, median, cpu = _timed(
            lambda: what_if_extra(statement=statement, extra=Decimal(200_000)), repeat
        )
        print(
            f"what-if (+200,000 for one rep): best {best * 1000:,.0f} ms, "
            f"median {median * 1000:,.0f} ms (CPU {cpu * 1000:,.0f} ms)"
        )
    return ok


if __name__ == "__main__":
    main()
