"""Scale-out on one machine, simulated: reads under load while imports keep arriving.

PostgreSQL (the private server of ``scripts/pg-test-server``) with the demo company; the app
served as in production (gunicorn, ``--workers`` sync workers, DEBUG off) and ``--task-workers``
task workers (``db_worker``). For ``--duration`` seconds wrk drives ``--connections``
connections at the dashboard page, its chart endpoints, the weekly report and the leaderboard,
and at ``/health/`` (the reference), signed in as the director; meanwhile a batch of
``--batch`` sales lines arrives every ``--every`` seconds, alternately through the API (one
JSON request, written while the client waits) and through the web import (upload, mapping,
import: the task worker writes it). At the end every batch must be done and
``rollups check`` must find the rollups equal to a rebuild.

Printed: requests, errors (connection, timeouts, non-200), p50/p95/p99 per group, the ratio
p95(group) / p95(health), and each import's channel, lines and seconds until done.
Goal: 0 errors, every ratio ≤ 4×, every batch done, rollups equal.

    .venv/bin/python -m bench.soak [--scale medium] [--duration 60] [--batch 50000]
    salestarget bench soak

The demo database is made once (``bench_soak_tpl``) and copied fresh for each run.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from bench._actuals_databases import _child, _pg_url
from bench.tracking import (
    WRK_SCRIPT,
    _free_port,
    _run_wrk,
    _session_cookie,
    _wait_up,
    print_load,
)

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
CHILD = "SALESTARGET_BENCH_SOAK"
TEMPLATE_DB = "bench_soak_tpl"
SOAK_DB = "bench_soak"
RATIO_GOAL = 4.0
CHARTS = ("children", "cumulative", "monthly", "breakdown")
# The API's field for each column of the generated CSV (bench.actuals' make_csv).
API_FIELDS = {
    "日期": "sold_on",
    "订单号": "order_no",
    "行号": "line_no",
    "客户编码": "customer",
    "产品编码": "product",
    "销售人员": "person",
    "数量": "quantity",
    "金额": "amount",
    "成本": "cost",
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="medium", choices=("small", "medium", "large"))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--every", type=float, default=5.0)
    args = parser.parse_args(argv)
    url = _pg_url(SOAK_DB)
    if os.environ.get(CHILD) != url:
        _database_fresh(args.scale)
        env = {
            **os.environ,
            CHILD: url,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "salestarget.settings",
            # A key of this run's own: the served app (DEBUG off) refuses the built-in one.
            "SECRET_KEY": secrets.token_urlsafe(50),
        }
        code = subprocess.run(
            [sys.executable, "-m", "bench.soak", *(argv if argv is not None else sys.argv[1:])],
            env=env,
            cwd=ROOT,
        ).returncode
        raise SystemExit(code)

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    if not soak(args, url):
        raise SystemExit(1)


def _database_fresh(scale: str) -> None:
    """``bench_soak`` as a fresh copy of the demo company at ``scale`` (made once)."""
    import psycopg

    template = f"{TEMPLATE_DB}_{scale}"
    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        have = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
        if template not in have:
            # Loaded under another name and renamed when whole: a load that failed half-way
            # must not leave a template that looks ready.
            print(f"loading the {scale} demo company on PostgreSQL (once) …", flush=True)
            loading = f"{template}_loading"
            conn.execute(f"DROP DATABASE IF EXISTS {loading} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {loading}")
            env = {**os.environ, "DATABASE_URL": _pg_url(loading)}
            for command in (["migrate", "-v", "0"], ["demo", "--scale", scale, "--no-progress"]):
                subprocess.run(
                    [sys.executable, str(ROOT / "manage.py"), *command],
                    env=env,
                    cwd=ROOT,
                    check=True,
                )
            conn.execute(f"ALTER DATABASE {loading} RENAME TO {template}")
        conn.execute(f"DROP DATABASE IF EXISTS {SOAK_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SOAK_DB} TEMPLATE {template}")
    # The template may predate the code's newest migrations.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"],
        env={**os.environ, "DATABASE_URL": _pg_url(SOAK_DB)},
        cwd=ROOT,
        check=True,
    )


def soak(args: argparse.Namespace, url: str) -> bool:
    from django.conf import settings
    from django.core.management import call_command

    from salestarget.demo.plans import REVENUE_PLAN
    from salestarget.org.auth import api_token_create
    from salestarget.org.models import Person
    from salestarget.targets.models import TargetPlan
    from salestarget.tracking.queries.context import as_of

    wrk = _which("wrk")
    plan = TargetPlan.objects.get(name=REVENUE_PLAN)
    day = as_of().day
    finance = Person.objects.filter(role="finance", user__isnull=False).first()
    if finance is None or finance.user is None:
        raise SystemExit("the demo company has no finance person with an account")
    token = api_token_create(user=finance.user, name="soak")
    batches = _batch_files(args, url, day.isoformat())

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    query = f"plan={plan.pk}&at={day}"
    groups = {
        "dashboard page": (["/tracking/?" + query], 12),
        "chart data (4 endpoints)": ([f"/tracking/data/{c}.json?{query}" for c in CHARTS], 18),
        "report + leaderboard": (
            [f"/tracking/report/?at={day}", f"/tracking/leaderboard/?{query}"],
            10,
        ),
        "health (reference)": (["/health/"], 10),
    }
    scale = args.connections / sum(n for _p, n in groups.values())
    groups = {k: (p, max(1, round(n * scale))) for k, (p, n) in groups.items()}
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions were signed with it
        "LOG_LEVEL": "ERROR",
    }
    # DEBUG off serves static files from the collected manifest (WhiteNoise).
    call_command("collectstatic", "--noinput", verbosity=0)
    director = _session_cookie("director")
    uploader = _session_cookie(finance.user.username)
    processes = [
        subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "salestarget.wsgi:application",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--backlog",
                "2048",
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
    ]
    processes += [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "db_worker", "-v", "0"],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        for _ in range(args.task_workers)
    ]
    imports: list[dict[str, Any]] = []
    try:
        _wait_up(base + "/health/", seconds=300)  # 4 workers booting on a busy machine
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        print(
            f"\nSoak — PostgreSQL, gunicorn {args.workers} workers, {args.task_workers} task "
            f"workers, {sum(n for _p, n in groups.values())} connections for {args.duration} s, "
            f"a {args.batch:,}-line batch every {args.every:g} s (API and web in turn)"
        )
        _run_wrk(wrk, script.name, base, groups, director, args.warmup, quiet=True)
        stop = threading.Event()
        sender = threading.Thread(
            target=_send_batches,
            args=(base, token, uploader, batches, args.every, stop, imports),
            daemon=True,
        )
        sender.start()
        results = _run_wrk(wrk, script.name, base, groups, director, args.duration)
        stop.set()
        sender.join()
        _wait_batches_done(base, token, imports, seconds=600)
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:  # a task worker still inside a task
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    return _report(results, groups, imports, args.duration) & _rollups_equal()


def _which(name: str) -> str:
    import shutil

    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed (scripts/install-system-deps bench)")
    return found


def _batch_files(args: argparse.Namespace, url: str, day: str) -> list[Path]:
    """One CSV per batch that can arrive in the run, each with order numbers of its own, all
    sold on the day the dashboards show (so every import moves what is being read)."""
    count = int(args.duration / args.every) + 1
    WORK.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(count):
        path = WORK / f"soak-{args.batch}-{i}.csv"
        _child(
            url,
            "make_csv",
            path=str(path),
            lines=args.batch,
            day_from=day,
            day_to=day,
            seed=100 + i,
            prefix=f"S{i:02d}-",
        )
        files.append(path)
    return files


def _send_batches(
    base: str,
    token: str,
    cookie: str,
    files: list[Path],
    every: float,
    stop: threading.Event,
    imports: list[dict[str, Any]],
) -> None:
    """A batch every ``every`` seconds, each in a thread of its own so that a slow one does
    not delay the next: even ones through the API, odd ones through the web import."""
    threads = []
    for i, path in enumerate(files):
        if stop.is_set():
            break
        record: dict[str, Any] = {"channel": "web" if i % 2 else "API", "file": path.name}
        imports.append(record)
        send = _send_web if i % 2 else _send_api
        thread = threading.Thread(target=send, args=(base, token, cookie, path, record))
        thread.start()
        threads.append(thread)
        stop.wait(every)
    for thread in threads:
        thread.join()


def _send_api(base: str, token: str, _cookie: str, path: Path, record: dict[str, Any]) -> None:
    import polars as pl

    frame = pl.read_csv(path, infer_schema=False).rename(API_FIELDS)
    frame = frame.with_columns(
        pl.col("sold_on").str.to_date("%Y/%-m/%-d").dt.strftime("%Y-%m-%d"),
        (pl.col("order_no") + "-" + pl.col("line_no")).alias("external_id"),
    )
    body = json.dumps({"source": "soak-api", "mode": "all", "records": frame.to_dicts()})
    record["started"] = time.monotonic()
    request = urllib.request.Request(
        base + "/api/actuals/sales-lines",
        data=body.encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            answer = json.loads(response.read())
            record["status"] = response.status
    except urllib.error.HTTPError as exc:
        answer = json.loads(exc.read() or b"{}")
        record["status"] = exc.code
    record["batch"] = answer.get("batch_id")
    record["answered"] = time.monotonic()


def _send_web(base: str, _token: str, cookie: str, path: Path, record: dict[str, Any]) -> None:
    """Upload, then map (the suggested mapping: the file has the usual Chinese headers) and
    import; the task worker writes it."""
    import re

    import requests  # in the dev group (through schemathesis): multipart without hand-coding

    session = requests.Session()
    name, value = cookie.split("=", 1)
    session.cookies.set(name, value)
    record["started"] = time.monotonic()
    page = session.get(base + "/actuals/import/", timeout=60)
    token = _csrf(page.text)
    with path.open("rb") as fh:
        sent = session.post(
            base + "/actuals/import/",
            data={"kind": "sales", "source": "soak-web", "csrfmiddlewaretoken": token},
            files={"file": (path.name, fh, "text/csv")},
            headers={"Referer": base + "/actuals/import/"},
            allow_redirects=False,
            timeout=600,
        )
    record["status"] = sent.status_code
    found = re.search(r"/actuals/import/(\d+)/mapping/", sent.headers.get("Location", ""))
    if not found:
        return
    batch = int(found.group(1))
    mapping = session.get(base + found.group(0), timeout=600)
    form = _suggested_mapping(mapping.text)
    form |= {"mode": "all", "date_order": "", "action": "import"}
    form["csrfmiddlewaretoken"] = _csrf(mapping.text)
    done = session.post(
        base + found.group(0),
        data=form,
        headers={"Referer": base + found.group(0)},
        allow_redirects=False,
        timeout=600,
    )
    record["status"] = done.status_code
    record["batch"] = batch
    record["answered"] = time.monotonic()


def _suggested_mapping(html: str) -> dict[str, str]:
    """The mapping page's choice for each column (``col_N``): its selected option."""
    import re

    chosen = {}
    for name, body in re.findall(r'<select name="(col_\d+)"[^>]*>(.*?)</select>', html, re.S):
        found = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', body)
        chosen[name] = found.group(1) if found else ""
    return chosen


def _csrf(html: str) -> str:
    import re

    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


def _wait_batches_done(
    base: str, token: str, imports: list[dict[str, Any]], *, seconds: float
) -> None:
    deadline = time.monotonic() + seconds
    for record in imports:
        while record.get("batch") and time.monotonic() < deadline:
            request = urllib.request.Request(
                f"{base}/api/actuals/batches/{record['batch']}",
                headers={"Authorization": f"Bearer {token}"},
            )
            with urllib.request.urlopen(request, timeout=60) as response:
                answer = json.loads(response.read())
            record["state"] = answer.get("status")
            if record["state"] in ("done", "rejected", "failed"):
                record["done"] = time.monotonic()
                record["written"] = answer.get("inserted", 0) + answer.get("updated", 0)
                break
            time.sleep(1)


def _report(
    results: dict[str, dict[str, int]],
    groups: dict[str, tuple[list[str], int]],
    imports: list[dict[str, Any]],
    duration: int,
) -> bool:
    errors = print_load(results, groups, duration)
    health = results["health (reference)"]["p95"]
    worst = 0.0
    for name in results:
        if name.startswith("health"):
            continue
        ratio = results[name]["p95"] / health if health else float("inf")
        worst = max(worst, ratio)
        print(f"   ratio p95({name}) / p95(health): {ratio:.2f}×")
    print("   imports:")
    unfinished = 0
    for r in imports:
        took = r["done"] - r["started"] if "done" in r else float("nan")
        unfinished += r.get("state") != "done"
        print(
            f"     {r['channel']:<4} {r['file']:<22} HTTP {r.get('status', '—')}  "
            f"{r.get('state', 'not sent'):<9} {r.get('written') or 0:>7,} lines  {took:6.1f} s"
        )
    ok = errors == 0 and worst <= RATIO_GOAL and unfinished == 0 and bool(imports)
    print(
        f"   goal 0 errors, ≤ {RATIO_GOAL:.0f}×, every batch done: "
        f"{'met' if ok else 'NOT met'} ({errors} errors, worst {worst:.2f}×, "
        f"{unfinished} of {len(imports)} batches not done)"
    )
    return ok


def _rollups_equal() -> bool:
    from salestarget.actuals.rollups import rollups_check

    differences = rollups_check()
    equal = not any(differences.values())
    print(
        "   rollups check: "
        + ("equal to a rebuild" if equal else f"DIFFER {json.dumps(differences)}")
    )
    return equal


if __name__ == "__main__":
    main()
