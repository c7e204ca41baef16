"""The steps of ``bench.actuals`` that run inside Django, each in a child process with its
own ``DATABASE_URL`` (``python -m bench.actuals --child STEP --args JSON``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SUMS = """SUM(amount) AS amount, SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS gross,
    SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END) AS returned, SUM(quantity) AS quantity,
    SUM(cost) AS cost, COUNT(*) AS lines,
    SUM(CASE WHEN cost IS NULL THEN amount ELSE 0 END) AS uncosted"""
FINE = "node_id, person_id, product_id, customer_type_id, channel_id, region_id"
# The first day of a line's month, as each database writes it.
MONTH = {
    "sqlite": "(substr(sold_on, 1, 8) || '01')",
    "postgresql": "CAST(date_trunc('month', sold_on) AS date)",
    "duckdb": "date_trunc('month', sold_on)",
}


def grain_queries(table: str, vendor: str) -> list[str]:
    """The bare GROUP BY of the sales lines to each grain the rollups store: month × the fine
    dimensions (``SalesMonthly``) and day × node × person (``PersonDaily``'s sales sums)."""
    month = MONTH[vendor]
    return [
        f"SELECT {month} AS month, {FINE}, {SUMS} FROM {table} GROUP BY {month}, {FINE}",
        f"""SELECT sold_on, node_id, person_id, {SUMS} FROM {table}
            GROUP BY sold_on, node_id, person_id""",
    ]


def setup_django() -> None:
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


def step_make_day_csv(*, path: str, lines: int, seed: int, prefix: str) -> dict[str, Any]:
    """The next day's sales file as this company's days look: ``lines`` lines drawn (with
    replacement) from its own positive lines of the last 30 days with facts — who sold what to
    whom, in what quantity and for how much — dated the day after the last, with new order
    numbers. A real day repeats the month's customers, their owners and their product mix, so
    it adds few new monthly rows; ``make_csv``'s lines (any rep, customer and product) are the
    worst case beside it."""
    import datetime as dt

    import numpy as np
    import polars as pl

    from salestarget.actuals.models import SalesLine
    from salestarget.actuals.sales_reads import data_end

    last = data_end()
    if last is None:
        raise SystemExit("the database holds no facts to draw a day from")
    recent = SalesLine.objects.filter(sold_on__gt=last - dt.timedelta(days=30), amount__gt=0)
    rows = list(
        recent.order_by("pk").values_list(
            "customer__code", "product__code", "person__employee_no", "quantity", "amount", "cost"
        )
    )
    pick = np.random.default_rng(seed).integers(0, len(rows), lines)
    drawn = [rows[i] for i in pick.tolist()]
    day = last + dt.timedelta(days=1)
    frame = pl.DataFrame(
        {
            "日期": [f"{day.year}/{day.month}/{day.day}"] * lines,
            "订单号": [f"{prefix}{i // 3:08d}" for i in range(lines)],
            "行号": [str(i % 3 + 1) for i in range(lines)],
            "客户编码": [r[0] for r in drawn],
            "产品编码": [r[1] for r in drawn],
            "销售人员": [r[2] for r in drawn],
            "数量": [format(r[3].normalize(), "f") for r in drawn],
            "金额": [f"{r[4]:.2f}" for r in drawn],
            "成本": ["" if r[5] is None else f"{r[5]:.2f}" for r in drawn],
        }
    )
    frame.write_csv(path)
    return {"rows": lines, "drawn_from": len(rows), "day": day.isoformat()}


def step_import(
    *, path: str, source: str, rollback: bool = False, repeat: int = 1
) -> dict[str, Any]:
    """Import one file, timed end to end; with ``repeat`` (rolled back each time) the best run
    counts, so that a cold page cache after a database copy does not."""
    best: dict[str, Any] = {}
    for _ in range(repeat):
        _vacuum()
        result = _import_once(path=path, source=source, rollback=rollback or repeat > 1)
        if not best or result["seconds"] < best["seconds"]:
            best = result
    return best


def _vacuum() -> None:
    """PostgreSQL: clear what the last rolled-back run left (its lines' index entries stay
    behind, dead, and a run into the same ids would walk past them); SQLite's rollback
    leaves nothing."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("VACUUM actuals_salesline, actuals_salesmonthly, actuals_persondaily")


def _import_once(*, path: str, source: str, rollback: bool) -> dict[str, Any]:
    from django.db import transaction

    from salestarget.actuals.models import SalesLine, SalesMonthly
    from salestarget.importing.models import ImportBatch
    from salestarget.importing.services import batch_import
    from salestarget.org.scoping import SYSTEM_SCOPE

    data = Path(path).read_bytes()
    stored = SalesLine.objects.count()
    monthly = SalesMonthly.objects.count()
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def progress(percent: int, label: str) -> None:
        phases[label] = round(time.perf_counter() - started, 3)

    with transaction.atomic():
        batch = ImportBatch.objects.create(kind="sales", source=source, file_name=Path(path).name)
        batch = batch_import(batch=batch, scope=SYSTEM_SCOPE, data=data, progress=progress)
        seconds = time.perf_counter() - started
        # How many monthly rows the batch added (the rest of its monthly rows were updates).
        new_monthly = SalesMonthly.objects.count() - monthly
        if rollback:
            transaction.set_rollback(True)
    if batch.status != ImportBatch.Status.DONE:
        raise SystemExit(
            f"import failed: {batch.status} {batch.message} {batch.errors_preview[:3]}"
        )
    return {
        "seconds": seconds,
        "inserted": batch.rows_inserted,
        "phases": phases,
        "stored": stored,
        "new_monthly": new_monthly,
    }


def step_batch_floor(*, path: str, source: str, repeat: int = 2) -> dict[str, Any]:
    """The batch's physical floor: its lines as the import stores them, appended by the
    writer's own bulk step (``COPY`` on PostgreSQL, ``INSERT … SELECT`` from a staged table on
    SQLite) to the same sales-line table with all its indexes, and nothing else (no checks, no
    rollups). Rolled back; the best of ``repeat``."""
    import polars as pl
    from django.db import transaction

    from salestarget.actuals import bulk
    from salestarget.actuals.importing.sales_writer import COLUMNS, SCHEMA
    from salestarget.importing.models import ImportBatch
    from salestarget.importing.services import batch_import
    from salestarget.org.scoping import SYSTEM_SCOPE

    with transaction.atomic():
        batch = ImportBatch.objects.create(kind="sales", source=source, file_name=Path(path).name)
        batch_import(batch=batch, scope=SYSTEM_SCOPE, data=Path(path).read_bytes())
        lines = bulk.fetch_frame(
            f"SELECT {', '.join(COLUMNS)} FROM actuals_salesline WHERE batch_id = %s",
            [batch.pk],
            SCHEMA,
        )
        transaction.set_rollback(True)
    frame = lines.with_columns(pl.lit(source).alias("source"))
    runs: list[float] = []
    for _ in range(repeat):
        _vacuum()
        with transaction.atomic():
            started = time.perf_counter()
            bulk.copy_into("actuals_salesline", frame)
            runs.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return {"seconds": min(runs), "lines": frame.height}


def step_rebuild() -> dict[str, Any]:
    """The bare GROUP BY first, then the rebuild, each after the same warm-up read of the
    tables, so that neither pays for a cold page cache."""
    from django.db import connection, transaction

    from salestarget.actuals.rollups import rollups_rebuild

    def warm_up() -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*), SUM(amount) FROM actuals_salesline")
            count = cur.fetchone()[0]
            cur.execute("SELECT COUNT(*), SUM(amount) FROM actuals_salesmonthly")
        return int(count)

    lines = warm_up()
    groups = 0
    with transaction.atomic():
        with connection.cursor() as cur:
            started = time.perf_counter()
            for n, query in enumerate(grain_queries("actuals_salesline", connection.vendor)):
                cur.execute(f"CREATE TEMP TABLE bench_ref{n} AS {query}")
            reference = time.perf_counter() - started
            for n, _query in enumerate(grain_queries("actuals_salesline", connection.vendor)):
                cur.execute(f"SELECT COUNT(*) FROM bench_ref{n}")
                groups += cur.fetchone()[0]
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


def step_till(*, lines: int, batches: int) -> dict[str, Any]:
    """``batches`` files of ``lines`` identical till sales each (same day, customer, product,
    person, quantity and amount; every line an id of its own), imported one after another
    and rolled back at the end: the seconds of each. Every stored twin of a line is met by the
    re-keyed-line check, so the last batch shows whether it grows with what is stored."""
    import datetime as dt

    from django.db import transaction

    from salestarget.catalog.models import Customer, Product
    from salestarget.importing.models import ImportBatch
    from salestarget.importing.services import batch_import
    from salestarget.org.models import Membership
    from salestarget.org.scoping import SYSTEM_SCOPE

    member = (
        Membership.objects.select_related("person")
        .filter(person__role="rep", valid_to__isnull=True)
        .order_by("pk")
        .first()
    )
    if member is None:
        raise SystemExit("no rep with a current membership")
    day = max(member.valid_from, dt.date(2026, 3, 2)).isoformat()
    customer = Customer.objects.order_by("pk").values_list("code", flat=True).first()
    product = Product.objects.order_by("pk").values_list("code", flat=True).first()
    till = f"{day},{customer},{product},{member.person.employee_no},1,10"
    seconds: list[float] = []
    with transaction.atomic():
        for n in range(batches):
            rows = [f"T{n}-{i:05d},{till}" for i in range(lines)]
            data = "\n".join(["外部编号,日期,客户编码,产品编码,销售人员,数量,金额", *rows]).encode()
            started = time.perf_counter()
            batch = ImportBatch.objects.create(kind="sales", source="till", file_name="till.csv")
            batch = batch_import(batch=batch, scope=SYSTEM_SCOPE, data=data)
            seconds.append(time.perf_counter() - started)
            if batch.status != ImportBatch.Status.DONE:
                raise SystemExit(f"till batch {n}: {batch.status} {batch.errors_preview[:3]}")
        transaction.set_rollback(True)
    return {"seconds": seconds}


def step_reimport(*, path: str) -> dict[str, Any]:
    """The file imported, then imported again unchanged (every line stored, none differs),
    in one transaction rolled back at the end: the seconds of each, and their phases."""
    from django.db import transaction

    with transaction.atomic():
        first = _import_once(path=path, source="reimport", rollback=False)
        again = _import_once(path=path, source="reimport", rollback=False)
        transaction.set_rollback(True)
    if again["inserted"]:
        raise SystemExit(f"the re-import inserted {again['inserted']} lines")
    return {"first": first, "again": again}


CHILD_STEPS: dict[str, Callable[..., Any]] = {
    "make_csv": step_make_csv,
    "make_day_csv": step_make_day_csv,
    "batch_floor": step_batch_floor,
    "import": step_import,
    "rebuild": step_rebuild,
    "export_parquet": step_export_parquet,
    "till": step_till,
    "reimport": step_reimport,
}
