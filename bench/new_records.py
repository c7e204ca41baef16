"""A new company's first sales file making its customers and products as it imports.

    .venv/bin/python -m bench.new_records [--lines 20000] [--customers 2000] [--products 200]
                                          [--pg]

Figures: the import of a sales file of ``--lines`` lines naming ``--customers`` customers and
``--products`` products nobody has yet, with "create the new customers and products", beside
the same lines imported again under another source once they exist (the reference: the same
reading, checking, crediting and writing, nothing to make) — time and queries of each, and
the ratio [time ≈ 1–2×: making them is two more passes of the checks and a bulk insert;
queries: a few more, not one per customer]; and the mapping page's preview of the file,
which then reads the whole file to count them, beside its preview once they exist (the first
rows only).

Runs in a child process on a fresh copy of the small demo (``bench._actuals_databases``), or
on PostgreSQL's copy with ``--pg``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from bench._actuals_databases import (
    _sqlite_url,
    child_figures,
    ensure_pg_template,
    ensure_sqlite_template,
    fresh_pg_copy,
    fresh_sqlite_copy,
)


def _file(lines: int, customers: int, products: int) -> bytes:
    from salestarget.org.models import Membership

    reps = list(
        Membership.objects.filter(valid_to__isnull=True, is_manager=False)
        .order_by("person__employee_no")
        .values_list("person__employee_no", flat=True)[:50]
    )
    rows = ["日期,单据编号,客户编码,客户名称,物料编码,物料名称,存货类别,单价,销售人员,数量,金额"]
    for i in range(lines):
        c, p = i % customers, (i * 7) % products
        rows.append(
            f"2026-11-{1 + i % 19:02d},NEW-{i},NEWC-{c:05d},新客户{c}有限公司,NEWP-{p:04d},"
            f"新产品{p},新品类{p % 5},{10 + p % 90},{reps[i % len(reps)]},{1 + i % 3},"
            f"{(10 + p % 90) * (1 + i % 3)}"
        )
    return ("\n".join(rows) + "\n").encode()


def _timed_import(data: bytes, source: str, options: dict[str, object]) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from salestarget.importing.models import ImportBatch
    from salestarget.importing.services import batch_import, import_upload
    from salestarget.org.scoping import SYSTEM_SCOPE

    batch = import_upload(kind="sales", source=source, file_name="first.csv", data=data, user=None)
    batch.options = options
    batch.save()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        done = batch_import(batch=batch, scope=SYSTEM_SCOPE)
        seconds = time.perf_counter() - start
    assert done.status == ImportBatch.Status.DONE, done.message + str(done.errors_preview[:3])
    return {"seconds": seconds, "queries": len(queries), "rows": done.rows_inserted}


def _timed_preview(data: bytes) -> float:
    """The mapping page's preview: its first rows, and the whole file when they name new
    customers or products (to count them)."""
    from salestarget.importing.services import import_preview, import_upload
    from salestarget.org.scoping import SYSTEM_SCOPE

    batch = import_upload(kind="sales", source="look", file_name="first.csv", data=data, user=None)
    start = time.perf_counter()
    import_preview(batch=batch, scope=SYSTEM_SCOPE)
    return time.perf_counter() - start


def child(lines: int, customers: int, products: int) -> None:
    import django

    django.setup()
    from salestarget.catalog.models import Customer, Product

    data = _file(lines, customers, products)
    preview = _timed_preview(data)
    made = _timed_import(data, "first", {"create_new": True})
    made["customers"] = Customer.objects.filter(code__startswith="NEWC-").count()
    made["products"] = Product.objects.filter(code__startswith="NEWP-").count()
    made["preview"] = preview
    reference = _timed_import(data, "again", {})
    reference["preview"] = _timed_preview(data)
    print(json.dumps({"made": made, "reference": reference}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--customers", type=int, default=2_000)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--pg", action="store_true")
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.lines, args.customers, args.products)
        return
    if args.pg:
        ensure_pg_template()
        url = fresh_pg_copy()
    else:
        ensure_sqlite_template()
        url = _sqlite_url(fresh_sqlite_copy())
    figures = child_figures(url, "bench.new_records", "--child", *sys.argv[1:])
    made, ref = figures["made"], figures["reference"]
    print(
        f"{'PostgreSQL' if args.pg else 'SQLite'}: {made['rows']:,} lines naming "
        f"{made['customers']:,} new customers and {made['products']:,} new products"
    )
    print(
        f"  made as imported: {made['seconds']:.2f} s, {made['queries']} queries\n"
        f"  reference (the same lines, all known): {ref['seconds']:.2f} s, "
        f"{ref['queries']} queries\n"
        f"  ratio: {made['seconds'] / ref['seconds']:.2f}× time, "
        f"+{made['queries'] - ref['queries']} queries\n"
        f"  mapping page preview: {made['preview']:.2f} s counting them over the whole file, "
        f"{ref['preview']:.2f} s once they exist (first rows only): "
        f"{made['preview'] / ref['preview']:.1f}×"
    )


if __name__ == "__main__":
    main()
