"""Rollup upkeep: set-based SQL that turns facts into the tables tracking reads.

Two ways to the same rows:

- **Incremental** (every import, API batch and correction): the writer leaves the new versions
  of the written facts in the temp table ``st_stage`` and their previous versions in
  ``st_old``; :func:`apply_fact_delta` adds (new − old) to the rollups, grouped to each grain.
  The cost depends on the batch only, never on how many facts the tables already hold.
- **Rebuild** (``rollups_rebuild()``, ``salestarget rollups rebuild``): recompute everything
  from the facts. ``rollups_refresh(days=...)`` recomputes some days the same way.

No rollup keeps sales by day at the fine dimensions: the sales lines' day-grain index does
(``actuals.sales_reads``), and both rollups are grouped straight from the lines.

A rollup row exists only while something in it is non-zero, in both ways, so they compare
equal row for row (``salestarget rollups check``). ``PersonDaily.person`` is NULL for node
expenses without a person; NULLs are distinct in unique constraints, so PersonDaily is updated
with a NULL-aware match instead of ON CONFLICT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.dispatch import Signal

from salestarget.actuals import bulk, sales_delta
from salestarget.actuals.rollup_columns import (
    ACTIVITY_CONDITIONS,
    GRAIN_LIST,
    PD_COLS,
    PD_LIST,
    SALES_COLS,
    SALES_GRAIN,
    SALES_LIST,
    pd_select,
)

# Sent inside the writing transaction whenever facts or rollups change (tracking's caches
# key on it).
rollups_changed = Signal()


def on_commit_once(enqueue: Callable[[], None]) -> None:
    """For a ``rollups_changed`` receiver: run ``enqueue`` when the writing transaction
    commits, once however many fact kinds it wrote (a rollback drops it with the rest)."""
    connection = transaction.get_connection()
    if any(func is enqueue for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(enqueue)


def month_of(column: str) -> str:
    if bulk.pg():
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"(substr({column}, 1, 8) || '01')"  # ISO text: cheaper than date()


def _nonzero(cols: list[str], prefix: str = "") -> str:
    return " OR ".join(f"{prefix}{c} <> 0" for c in cols)


def _all_zero(cols: list[str]) -> str:
    return " AND ".join(f"{c} = 0" for c in cols)


# --- rebuild ---------------------------------------------------------------------------------


# Which days a refresh covers: everything (None), a list of days, or a [start, end) range.
Selection = list[dt.date] | tuple[dt.date, dt.date] | None


def _day_filter(column: str, days: Selection) -> tuple[str, list[object]]:
    if days is None:
        return "1=1", []
    if isinstance(days, tuple):
        return f"{column} >= %s AND {column} < %s", list(days)
    return f"{column} IN ({', '.join(['%s'] * len(days))})", list(days)


# The sums of SALES_COLS over sales lines. A line's unknown (null) cost adds nothing to
# ``cost``; its amount goes to ``uncosted_amount``, so gross profit is computed over the
# lines whose cost is known.
LINE_SUMS = {
    "amount": "SUM(amount)",
    "gross_amount": "SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END)",
    "returned_amount": "SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END)",
    "quantity": "SUM(quantity)",
    "cost": "COALESCE(SUM(cost), 0)",
    "lines": "COUNT(*)",
    "uncosted_amount": "SUM(CASE WHEN cost IS NULL THEN amount ELSE 0 END)",
}
assert list(LINE_SUMS) == SALES_LIST
SALES_SUMS = ", ".join(LINE_SUMS.values())


def _delete(cur: object, table: str, column: str, days: Selection) -> None:
    if days is None:  # all at once, not row by row
        cur.execute(f"TRUNCATE {table}" if bulk.pg() else f"DELETE FROM {table}")  # type: ignore[attr-defined]
        return
    where, params = _day_filter(column, days)
    cur.execute(f"DELETE FROM {table} WHERE {where}", params)  # type: ignore[attr-defined]


def _refresh(days: list[dt.date] | None) -> None:
    """Recompute the rollup rows of ``days`` (all of them for None) from the facts."""
    facts_writer_lock()
    rollups_changed.send(sender=None)
    with connection.cursor() as cur:
        if isinstance(days, list):
            months: Selection = sorted({d.replace(day=1) for d in days})
        else:
            months = days
        _delete(cur, "actuals_salesmonthly", "month", months)
        if days is None and not bulk.pg():
            # SQLite, everything: a month at a time. Many small sorts beat one over millions
            # of rows, and each month's lines are read off the day-grain index alone.
            cur.execute("SELECT MIN(sold_on) FROM actuals_salesline")  # one MIN or MAX per
            low = _as_date(cur.fetchone()[0])  # query: SQLite then reads it off the index
            cur.execute("SELECT MAX(sold_on) FROM actuals_salesline")
            high = _as_date(cur.fetchone()[0])
            for chunk in _month_ranges(low, high) if low and high else []:
                _insert_sales_monthly(cur, chunk)
        else:
            _insert_sales_monthly(cur, months)
        _delete(cur, "actuals_persondaily", "day", days)
        _insert_person_daily(cur, days)


def _insert_sales_monthly(cur: Any, months: Selection) -> None:
    """From the sales lines: of these months (a list of first days), of one month (a range
    of days), or all."""
    if isinstance(months, tuple):  # one month: a constant, one column less to sort
        where, params = _day_filter("sold_on", months)
        month, group_by, params = "%s", SALES_GRAIN, [months[0], *params]
    else:
        month = month_of("sold_on")
        where, params = _months_filter(months)
        group_by = f"{month}, {SALES_GRAIN}"
    cur.execute(
        f"""INSERT INTO actuals_salesmonthly (month, {SALES_GRAIN}, {SALES_COLS})
            SELECT {month}, {SALES_GRAIN}, {SALES_SUMS}
            FROM actuals_salesline WHERE {where}
            GROUP BY {group_by}""",
        params,
    )


def _months_filter(months: list[dt.date] | None) -> tuple[str, list[object]]:
    """The lines of these months (first days), as day ranges the date index serves."""
    if months is None:
        return "1=1", []
    ends = [(m, (m + dt.timedelta(days=32)).replace(day=1)) for m in months]
    where = " OR ".join("(sold_on >= %s AND sold_on < %s)" for _m in ends)
    return f"({where})", [d for pair in ends for d in pair]


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _month_ranges(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    ranges = []
    start = first.replace(day=1)
    while start <= last:
        end = (start + dt.timedelta(days=32)).replace(day=1)
        ranges.append((start, end))
        start = end
    return ranges


# The first positive line of each customer on its first-purchase date, looked up per
# customer through the (customer, sold_on) index; ``where`` filters the customers ``c``.
FIRST_LINES = """
    SELECT f.sold_on AS day, f.node_id, f.person_id
    FROM catalog_customer c
    JOIN actuals_salesline f ON f.id = (
        SELECT MIN(s.id) FROM actuals_salesline s
        WHERE s.customer_id = c.id AND s.sold_on = c.first_purchase_on AND s.amount > 0)
    WHERE c.first_purchase_on IS NOT NULL AND {where}
"""


def first_purchases_derive(cur: object, *, customers: str | None = None) -> None:
    """Each customer's first purchase: the day of its first positive sales line (NULL when it
    has none), derived from the lines alone — whatever wrote them (a file, the API, the entry
    form, a script) and however they changed since (a correction, a deletion, a line moved to
    another customer). ``customers``: a query of the customer ids to derive (all: None).
    One lookup per customer through the (customer, sold_on) index; only the customers whose
    day changes are written (a day's batch changes a handful of its 2,000 customers' days, and
    rewriting the rest cost ~0.1 s a batch)."""
    first = """SELECT MIN(s.sold_on) FROM actuals_salesline s
               WHERE s.customer_id = catalog_customer.id AND s.amount > 0"""
    which = f"id IN ({customers}) AND " if customers else ""
    differs = "IS DISTINCT FROM" if bulk.pg() else "IS NOT"  # NULL-safe "<>"
    cur.execute(  # type: ignore[attr-defined]
        f"""UPDATE catalog_customer SET first_purchase_on = ({first})
            WHERE {which}first_purchase_on {differs} ({first})"""
    )


def _insert_person_daily(cur: object, days: Selection) -> None:
    # One row per (day, node, person) over every fact kind: union the per-fact sums, then
    # add them up. A new customer counts on the date, node and person of its first sales line
    # on the customer's first-purchase date.
    parts: list[str] = []
    params: list[object] = []

    def part(sql: str, date_col: str) -> None:
        where, p = _day_filter(date_col, days)
        parts.append(sql.format(where=where))
        params.extend(p)

    part(
        f"""SELECT sold_on, node_id, person_id, {pd_select(LINE_SUMS)}
            FROM actuals_salesline WHERE {{where}} GROUP BY sold_on, node_id, person_id""",
        "sold_on",
    )
    part(
        f"""SELECT spent_on, node_id, person_id, {pd_select({"expense": "SUM(amount)"})}
            FROM actuals_expense WHERE {{where}} GROUP BY spent_on, node_id, person_id""",
        "spent_on",
    )
    part(
        f"""SELECT received_on, node_id, person_id, {pd_select({"payment": "SUM(amount)"})}
            FROM actuals_payment WHERE {{where}} GROUP BY received_on, node_id, person_id""",
        "received_on",
    )
    closed = {
        "won": "SUM(CASE WHEN stage = 'won' THEN 1 ELSE 0 END)",
        "won_amount": "SUM(CASE WHEN stage = 'won' THEN amount ELSE 0 END)",
        "closed": "COUNT(*)",
    }
    part(
        f"""SELECT closed_on, node_id, person_id, {pd_select(closed)}
            FROM actuals_opportunity
            WHERE closed_on IS NOT NULL AND stage IN ('won', 'lost') AND {{where}}
            GROUP BY closed_on, node_id, person_id""",
        "closed_on",
    )
    surveys = {"survey_score_sum": "SUM(score)", "survey_count": "COUNT(*)"}
    part(
        f"""SELECT surveyed_on, node_id, person_id, {pd_select(surveys)}
            FROM actuals_surveyresponse WHERE {{where}} GROUP BY surveyed_on, node_id, person_id""",
        "surveyed_on",
    )
    part(
        f"""SELECT day, node_id, person_id, {pd_select({"new_customers": "COUNT(*)"})}
            FROM ({FIRST_LINES}) nc GROUP BY day, node_id, person_id""",
        "c.first_purchase_on",
    )
    counts = {c: f"SUM(CASE WHEN {w} THEN 1 ELSE 0 END)" for c, w in ACTIVITY_CONDITIONS.items()}
    part(
        f"""SELECT occurred_on, node_id, person_id, {pd_select(counts)}
            FROM actuals_activity WHERE status = 'done' AND {{where}}
            GROUP BY occurred_on, node_id, person_id""",
        "occurred_on",
    )
    union = " UNION ALL ".join(parts)
    sums = ", ".join(f"SUM({c})" for c in PD_LIST)
    cur.execute(  # type: ignore[attr-defined]
        f"""WITH u (day, node_id, person_id, {PD_COLS}) AS ({union})
            INSERT INTO actuals_persondaily (day, node_id, person_id, {PD_COLS})
            SELECT day, node_id, person_id, {sums} FROM u
            GROUP BY day, node_id, person_id
            HAVING {_nonzero([f"SUM({c})" for c in PD_LIST])}""",
        params,
    )


@transaction.atomic
def rollups_rebuild() -> None:
    """Recompute every rollup row from the facts, with the tables' secondary indexes (on
    PostgreSQL their unique constraints too) dropped and built again afterwards: one sort
    beats millions of B-tree insertions."""
    with connection.cursor() as cur:
        first_purchases_derive(cur)  # new customers count on them
    with bulk.indexes_dropped(list(ROLLUP_TABLES)):
        _refresh(None)


@transaction.atomic
def rollups_refresh(*, days: Iterable[dt.date]) -> None:
    """Recompute the rollup rows of ``days`` (all fact kinds) from the facts."""
    day_list = sorted(set(days))
    if day_list:
        _refresh(day_list)


ROLLUP_TABLES = {
    "actuals_salesmonthly": ["month", *GRAIN_LIST, *SALES_LIST],
    "actuals_persondaily": ["day", "node_id", "person_id", *PD_LIST],
}


def rollups_check() -> dict[str, int]:
    """How many rows of each rollup table differ from a fresh rebuild (0 everywhere = good).
    Rebuilds inside a transaction that is rolled back, so nothing changes."""
    differences: dict[str, int] = {}
    with transaction.atomic():
        with connection.cursor() as cur:
            for table, cols in ROLLUP_TABLES.items():
                cur.execute(f"DROP TABLE IF EXISTS st_check_{table}")
                cur.execute(
                    f"CREATE TEMP TABLE st_check_{table} AS SELECT {', '.join(cols)} FROM {table}"
                )
        rollups_rebuild()
        with connection.cursor() as cur:
            for table, cols in ROLLUP_TABLES.items():
                c = ", ".join(cols)
                cur.execute(
                    f"""SELECT (SELECT COUNT(*) FROM (SELECT {c} FROM st_check_{table}
                                                       EXCEPT SELECT {c} FROM {table}) a)
                             + (SELECT COUNT(*) FROM (SELECT {c} FROM {table}
                                                       EXCEPT SELECT {c} FROM st_check_{table}) b)"""
                )
                differences[table] = int(cur.fetchone()[0])
        transaction.set_rollback(True)
    with connection.cursor() as cur:
        for table in ROLLUP_TABLES:
            cur.execute(f"DROP TABLE IF EXISTS st_check_{table}")
    return differences


# --- incremental -----------------------------------------------------------------------------

PD_DELTA_SOURCES = {
    # kind: (date column, SELECT list after day, node, person, as PD_COLS, WHERE); {s} is the
    # sign of the version (new +, old −).
    "expense": ("spent_on", pd_select({"expense": "{s}amount"}), "1=1"),
    "payment": ("received_on", pd_select({"payment": "{s}amount"}), "1=1"),
    "opportunity": (
        "closed_on",
        pd_select(
            {
                "won": "{s}(CASE WHEN stage = 'won' THEN 1 ELSE 0 END)",
                "won_amount": "{s}(CASE WHEN stage = 'won' THEN amount ELSE 0 END)",
                "closed": "{s}1",
            }
        ),
        "closed_on IS NOT NULL AND stage IN ('won', 'lost')",
    ),
    "survey": (
        "surveyed_on",
        pd_select({"survey_score_sum": "{s}score", "survey_count": "{s}1"}),
        "1=1",
    ),
    "activity": (
        "occurred_on",
        pd_select(
            {c: f"{{s}}(CASE WHEN {w} THEN 1 ELSE 0 END)" for c, w in ACTIVITY_CONDITIONS.items()}
        ),
        "status = 'done'",
    ),
}


def _create_pd_delta(cur: object) -> None:
    cur.execute("DROP TABLE IF EXISTS st_pd")  # type: ignore[attr-defined]
    date_type = bulk.date_type()
    cols = ", ".join(f"{c} bigint" for c in PD_LIST)
    cur.execute(  # type: ignore[attr-defined]
        f"CREATE TEMP TABLE st_pd (day {date_type}, node_id bigint, person_id bigint, {cols})"
    )


# Any constant of our own: the key of the advisory lock every writer of facts takes.
WRITER_LOCK_KEY = 7_291_046_113


def facts_writer_lock() -> None:
    """Let one writer of facts at a time through, until its transaction ends.

    Upkeep reads what is stored and adds to it: a customer's first line (new customers), and
    whether a rollup row exists yet. Two imports side by side on PostgreSQL would each see the
    other's lines missing and count the same new customer twice, or both insert the same
    rollup row. SQLite already lets one writer in at a time (``transaction_mode`` IMMEDIATE).
    Readers are never held up; a lock taken again by the same transaction is free."""
    if bulk.pg():
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK_KEY])


def new_customers_snapshot(cur: object, name: str) -> None:
    """The (day, node, person) of the first line of every customer in ``st_customers``."""
    cur.execute(f"DROP TABLE IF EXISTS {name}")  # type: ignore[attr-defined]
    where = "c.id IN (SELECT customer_id FROM st_customers)"
    cur.execute(f"CREATE TEMP TABLE {name} AS {FIRST_LINES.format(where=where)}")  # type: ignore[attr-defined]


def apply_fact_delta(
    kind: str,
    *,
    new: pl.DataFrame | None = None,
    old: pl.DataFrame | None = None,
    grouped: Future[sales_delta.Deltas] | None = None,
) -> None:
    """Add (new − old versions) of the facts one write touched to the rollups. Sales pass
    their line frames (``sales_delta``), or their differences already being grouped
    (``grouped``: :func:`sales_delta.sales_deltas_ahead`); other kinds are read from
    ``st_stage`` − ``st_old``. For sales the caller has taken ``st_nc_before`` (first lines of
    the affected customers) before writing."""
    facts_writer_lock()
    rollups_changed.send(sender=None)
    with connection.cursor() as cur:
        _create_pd_delta(cur)
    if kind == "sales":
        if grouped is not None:
            monthly, person = grouped.result()
        else:
            assert new is not None
            assert old is not None
            monthly, person = sales_delta.sales_deltas(new, old)
        sales_delta.add_to("actuals_salesmonthly", ["month", *GRAIN_LIST], monthly)
        bulk.load_temp("st_pd_sales", person)
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO st_pd (day, node_id, person_id, {PD_COLS}) SELECT * FROM st_pd_sales"
            )
            new_customers_snapshot(cur, "st_nc_after")
            for table, sign in (("st_nc_after", ""), ("st_nc_before", "-")):
                counted = pd_select({"new_customers": f"{sign}COUNT(*)"})
                cur.execute(
                    f"""INSERT INTO st_pd (day, node_id, person_id, {PD_COLS})
                        SELECT day, node_id, person_id, {counted} FROM {table}
                        GROUP BY day, node_id, person_id"""
                )
            _apply_person_daily(cur)
        return
    if kind not in PD_DELTA_SOURCES:
        return
    with connection.cursor() as cur:
        date_col, select, where = PD_DELTA_SOURCES[kind]
        for table, sign in (("st_stage", ""), ("st_old", "-")):
            cur.execute(
                f"""INSERT INTO st_pd (day, node_id, person_id, {PD_COLS})
                    SELECT {date_col}, node_id, person_id, {select.format(s=sign)}
                    FROM {table} WHERE {where}"""
            )
        _apply_person_daily(cur)


def _apply_person_daily(cur: object) -> None:
    sums = ", ".join(f"SUM({c}) AS {c}" for c in PD_LIST)
    cur.execute("DROP TABLE IF EXISTS st_pda")  # type: ignore[attr-defined]
    cur.execute(  # type: ignore[attr-defined]
        f"""CREATE TEMP TABLE st_pda AS
            SELECT day, node_id, person_id, {sums} FROM st_pd
            GROUP BY day, node_id, person_id
            HAVING {_nonzero([f"SUM({c})" for c in PD_LIST])}"""
    )
    same = (
        "{t}.day = d.day AND {t}.node_id = d.node_id AND "
        "({t}.person_id = d.person_id OR ({t}.person_id IS NULL AND d.person_id IS NULL))"
    )
    t = "actuals_persondaily"
    add = ", ".join(f"{c} = {t}.{c} + d.{c}" for c in PD_LIST)
    cur.execute(f"UPDATE {t} SET {add} FROM st_pda d WHERE {same.format(t=t)}")  # type: ignore[attr-defined]
    cur.execute(  # type: ignore[attr-defined]
        f"""INSERT INTO {t} (day, node_id, person_id, {PD_COLS})
            SELECT d.day, d.node_id, d.person_id, {", ".join(f"d.{c}" for c in PD_LIST)}
            FROM st_pda d WHERE NOT EXISTS (SELECT 1 FROM {t} p WHERE {same.format(t="p")})"""
    )
    cur.execute(  # type: ignore[attr-defined]
        f"DELETE FROM {t} WHERE {_all_zero(PD_LIST)} AND day IN (SELECT DISTINCT day FROM st_pda)"
    )
