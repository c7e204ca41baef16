"""Every import adds to the current month's rollup rows. On PostgreSQL their pages keep a
quarter free (migration 0014), so a row's new version stays on its page and the grain's
eight-column unique index gets no new entry (a heap-only update)."""

from __future__ import annotations

import pytest
from django.db import connection

from salestarget.actuals.models import SalesMonthly
from salestarget.actuals.rollups import rollups_rebuild
from tests.actuals.files import csv_bytes, run_import
from tests.personas import Company

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL storage setting"
)

MONDAY = "2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200,100"
TUESDAY = "2026-03-03,SO2,1,CU-BJ,P-A,REP,1,120,60"


def fillfactor() -> str | None:
    with connection.cursor() as cur:
        cur.execute("SELECT reloptions FROM pg_class WHERE relname = 'actuals_salesmonthly'")
        options = cur.fetchone()[0] or []
    return next((o.split("=", 1)[1] for o in options if o.startswith("fillfactor=")), None)


def updates() -> tuple[int, int]:
    """(updates, of them heap-only) of the monthly rollup in this transaction."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
            "WHERE relname = 'actuals_salesmonthly'"
        )
        row = cur.fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def test_the_monthly_rollup_keeps_a_quarter_of_each_page_free(company: Company) -> None:
    assert fillfactor() == "75"


def test_the_next_day_of_the_month_updates_its_rollup_row_in_place(company: Company) -> None:
    run_import(csv_bytes(MONDAY))
    before = updates()
    run_import(csv_bytes(TUESDAY))
    after = updates()

    row = SalesMonthly.objects.get(person=company.rep, product=company.product_a)
    assert (row.amount, row.lines) == (320, 2)
    assert after[0] - before[0] == 1
    assert after[1] - before[1] == 1


def test_a_rebuild_keeps_the_room(company: Company) -> None:
    run_import(csv_bytes(MONDAY, TUESDAY))
    rollups_rebuild()
    assert fillfactor() == "75"
    assert SalesMonthly.objects.get(person=company.rep, product=company.product_a).amount == 320
