"""Tracking on the large demo (10 million sales lines): the company-wide tracking tree, and the
dashboard under load.

1. **Tree.** A FY2026 company revenue plan split to regions, teams, people and each person's
   months (~1,600 targets; created once, then reused) is tracked as of the last day with facts,
   computed from the rollups each time (a fresh cache version per run), best and median of
   ``--repeat``; beside it the bare ``SELECT SUM(amount)`` over the same rollup rows, as a ratio.
   Goal: ≤ 500 ms.
2. **Load.** The app is served as in production (gunicorn, ``--workers`` sync workers, DEBUG
   off) on 127.0.0.1; wrk drives 50 connections for ``--duration`` seconds at once: the
   dashboard page, its four chart-data endpoints and ``/health/`` (the reference), all in the
   same run, signed in as the director. Printed: requests, errors (connection, timeouts,
   non-200), p50/p95/p99 per group, and p95(dashboard) / p95(health). Goal: 0 errors, ≤ 4×.

The large database is ``var/large.sqlite3`` (``--db``, a path, or a PostgreSQL URL holding the
large demo); when a path is missing it is created with
``salestarget demo --scale large`` first (a long while). wrk comes from Debian
(``scripts/install-system-deps bench``).

    .venv/bin/python -m bench.tracking [--db var/large.sqlite3|postgres://…] [--workers 4] [--duration 60]
    salestarget bench tracking --skip-load
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHILD = "SALESTARGET_BENCH_TRACKING"
TREE_GOAL_MS = 500.0
RATIO_GOAL = 4.0
CHARTS = ("children", "cumulative", "monthly", "breakdown")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.tracking", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=str(ROOT / "var" / "large.sqlite3"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=15)
    parser.add_argument("--skip-load", action="store_true")
    args = parser.parse_args(argv)
    # A database URL (PostgreSQL holding the large demo) is used as it is; a path is SQLite.
    url = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    db = None if "://" in args.db else Path(args.db).resolve()
    if os.environ.get(CHILD) != url:
        # Run against the large database in a process of our own, whoever called us.
        env = {
            **os.environ,
            CHILD: url,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "salestarget.settings",
            # A key of this run's own: the served app (DEBUG off) refuses the built-in one.
            "SECRET_KEY": secrets.token_urlsafe(50),
        }
        if db is not None and not db.exists():
            print(f"{db} is missing: loading the large demo (10 million lines), this takes a while")
            subprocess.run(
                [sys.executable, "-m", "salestarget.cli", "migrate", "-v", "0"],
                env=env,
                cwd=ROOT,
                check=True,
            )
            subprocess.run(
                [sys.executable, "-m", "salestarget.cli", "demo", "--scale", "large", "--if-empty"],
                env=env,
                cwd=ROOT,
                check=True,
            )
        code = subprocess.run(
            [sys.executable, "-m", "bench.tracking", *(argv if argv is not None else sys.argv[1:])],
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
    plan = plan_ensure()
    tree_ok = bench_tree(plan, args.repeat)
    load_ok = True
    if not args.skip_load:
        load_ok = bench_load(plan, args, url)
    if not (tree_ok and load_ok):
        raise SystemExit(1)


# -- the plan -------------------------------------------------------------------------------------


def plan_ensure() -> Any:
    """The demo's FY2026 company revenue plan (``demo.plans``: FY2025 × 1.12, split by last
    year's actuals to regions, teams and a people × month table; locked). The demo loads it;
    a database loaded before the demo had targets gets it here, once, the same way."""
    from salestarget.demo.plans import REVENUE_PLAN, revenue_plan_create
    from salestarget.targets.models import Status, Target, TargetPlan

    plan = TargetPlan.objects.filter(name=REVENUE_PLAN).first()
    if plan is not None and plan.status in (Status.APPROVED, Status.LOCKED):
        return plan
    if plan is not None:
        plan.delete()
    started = time.perf_counter()
    plan = revenue_plan_create()
    root = plan.root
    assert root is not None  # a plan is created with its root target
    print(
        f"created the plan {plan.name} ({root.value:,} = FY2025 × 1.12, "
        f"{Target.objects.filter(plan=plan).count():,} targets) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return plan


# -- 1. the tracking tree ------------------------------------------------------------------------


def bench_tree(plan: Any, repeat: int) -> bool:
    import uuid

    from django.contrib.auth.models import User
    from django.db import connection

    from salestarget.actuals.models import SalesLine
    from salestarget.org.scoping import scope_for
    from salestarget.tracking.cache import cache_clear
    from salestarget.tracking.queries.context import as_of
    from salestarget.tracking.queries.tree import tracking_tree

    scope = scope_for(User.objects.get(username="director"))
    day = as_of().day
    lines = SalesLine.objects.count()
    cold: list[float] = []
    reference: list[float] = []
    tree = None
    for _ in range(max(1, repeat)):
        cache_clear()
        started = time.perf_counter()
        tree = tracking_tree(plan, scope, at=day, version=uuid.uuid4().hex)  # computed afresh
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute(
                "SELECT SUM(amount) FROM actuals_persondaily WHERE day BETWEEN %s AND %s",
                [plan_start(plan), day],
            )
            cur.fetchone()
        reference.append(time.perf_counter() - started)
    version = "warm"
    tracking_tree(plan, scope, at=day, version=version)
    warm = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        tracking_tree(plan, scope, at=day, version=version)
        warm.append(time.perf_counter() - started)
    assert tree is not None
    best, median, ref = min(cold), statistics.median(cold), min(reference)
    root = tree.rows[0].result
    print(
        f"\n1. Company-wide tracking tree — {len(tree.rows):,} targets of {plan.name}, "
        f"as of {day}, {lines:,} sales lines"
    )
    print(
        f"   company: target {root.target:,.2f}, actual {root.actual:,.2f}, "
        f"achievement {root.achievement:.1%}, time progress {root.time_progress:.1%}, "
        f"{root.status}"
    )
    print(
        f"   {'computed from the rollups (cold)':<44}best {best * 1000:7.1f} ms   median {median * 1000:7.1f} ms"
    )
    print(f"   {'read with cached fact sums (warm)':<44}best {min(warm) * 1000:7.1f} ms")
    print(f"   {'reference: SELECT SUM over the same rows':<44}best {ref * 1000:7.1f} ms")
    print(f"   ratio tree / bare SUM: {best / ref:.1f}×")
    ok = best * 1000 <= TREE_GOAL_MS
    print(f"   goal ≤ {TREE_GOAL_MS:.0f} ms: {'met' if ok else 'NOT met'}")
    return ok


def plan_start(plan: Any) -> Any:
    from salestarget.targets.fiscal_periods import fiscal_calendar

    return fiscal_calendar().parse(plan.period).start


# -- 2. the dashboard under load -------------------------------------------------------------------

WRK_SCRIPT = r"""
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS"), "[^|]+") do table.insert(paths, p) end
local cookie = os.getenv("BENCH_COOKIE")
local i = 0
bad = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#paths) - 1 end
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Cookie"] = cookie})
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local not_ok = 0
  for _, t in ipairs(threads) do not_ok = not_ok + (t:get("bad") or 0) end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d, "not_200": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status, not_ok,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def bench_load(plan: Any, args: argparse.Namespace, url: str) -> bool:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("\n2. Load: wrk is not installed (scripts/install-system-deps bench); skipped")
        return False
    from django.conf import settings

    from salestarget.tracking.queries.context import as_of

    day = as_of().day
    cookie = _session_cookie("director")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    query = f"plan={plan.pk}&at={day}"
    groups = {
        "dashboard page": (["/tracking/?" + query], 16),
        "chart data (4 endpoints)": ([f"/tracking/data/{c}.json?{query}" for c in CHARTS], 24),
        "health (reference)": (["/health/"], 10),
    }
    scale = args.connections / sum(n for _p, n in groups.values())
    groups = {k: (p, max(1, round(n * scale))) for k, (p, n) in groups.items()}
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": settings.SECRET_KEY,  # the session's auth hash was made with it
        "LOG_LEVEL": "ERROR",
    }
    gunicorn = [
        str(Path(sys.executable).parent / "gunicorn"),
        "salestarget.wsgi:application",
        "--workers",
        str(args.workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(gunicorn, env=env, cwd=ROOT, start_new_session=True)
    try:
        _wait_up(base + "/health/")
        for paths, _n in groups.values():
            for path in paths:
                _check_ok(base + path, cookie)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        print(
            f"\n2. Dashboard under load — gunicorn, {args.workers} sync workers, DEBUG off, "
            f"{base}; {sum(n for _p, n in groups.values())} connections"
        )
        # Warm-up: each worker fills its own cache (per-process, keyed on the facts version).
        _run_wrk(wrk, script.name, base, groups, cookie, args.warmup, quiet=True)
        results = _run_wrk(wrk, script.name, base, groups, cookie, args.duration)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    errors = print_load(results, groups, args.duration)
    health = results["health (reference)"]["p95"]
    worst = 0.0
    for name in ("dashboard page", "chart data (4 endpoints)"):
        ratio = results[name]["p95"] / health
        worst = max(worst, ratio)
        print(f"   ratio p95({name}) / p95(health): {ratio:.2f}×")
    ok = errors == 0 and worst <= RATIO_GOAL
    print(
        f"   goal 0 errors and ≤ {RATIO_GOAL:.0f}×: {'met' if ok else 'NOT met'} ({errors} errors)"
    )
    return ok


def print_load(
    results: dict[str, dict[str, int]], groups: dict[str, tuple[list[str], int]], seconds: int
) -> int:
    """wrk's figures per group, one line each; the errors of all groups."""
    print(f"   {seconds} s, all groups at once:")
    print(
        f"   {'':<28}{'conns':>6}{'requests':>10}{'req/s':>8}{'errors':>8}"
        f"{'p50':>9}{'p95':>9}{'p99':>9}"
    )
    errors = 0
    for name, r in results.items():
        err = r["connect"] + r["read"] + r["write"] + r["timeout"] + r["status"] + r["not_200"]
        errors += err
        rate = r["requests"] / (r["duration_us"] / 1e6)
        print(
            f"   {name:<28}{groups[name][1]:>6}{r['requests']:>10,}{rate:>8.0f}{err:>8}"
            f"{r['p50'] / 1000:>7.1f}ms{r['p95'] / 1000:>7.1f}ms{r['p99'] / 1000:>7.1f}ms"
        )
    return errors


def _run_wrk(
    wrk: str,
    script: str,
    base: str,
    groups: dict[str, tuple[list[str], int]],
    cookie: str,
    seconds: int,
    quiet: bool = False,
) -> dict[str, dict[str, int]]:
    procs = {}
    for name, (paths, connections) in groups.items():
        env = {**os.environ, "BENCH_PATHS": "|".join(paths), "BENCH_COOKIE": cookie}
        cmd = [
            wrk,
            "-t",
            str(min(2, connections)),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            base,
        ]
        procs[name] = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    results = {}
    for name, proc in procs.items():
        out, _err = proc.communicate()
        line = [x for x in out.splitlines() if x.startswith("{")]
        if not line:
            raise RuntimeError(f"wrk gave no result for {name}:\n{out}")
        results[name] = json.loads(line[-1])
    if quiet:
        total = sum(r["requests"] for r in results.values())
        print(f"   warm-up {seconds} s: {total:,} requests")
    return results


def _session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    # A backend the app still has: a session stamped with one it no longer lists is signed out.
    session[BACKEND_SESSION_KEY] = "salestarget.integrations.sso.passwords.LocalPasswordBackend"
    assert session[BACKEND_SESSION_KEY] in settings.AUTHENTICATION_BACKENDS
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url}")


def _check_ok(url: str, cookie: str) -> None:
    """Signed in and served (a redirect to the login page would look like success to wrk)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with opener.open(request, timeout=120) as response:
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")


if __name__ == "__main__":
    main()
