"""Rollup upkeep: set-based SQL that turns facts into the tables tracking reads.

``rollups_refresh(days=...)`` recomputes the rollup rows of the given days only (what an
import or API batch touched), so its cost depends on the batch, not on the table size.
``rollups_rebuild()`` recomputes everything and must give the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction

SALES_SUMS = """
    SUM(amount), SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END),
    SUM(CASE WHEN amount < 0 THEN -amount ELSE 0 END), SUM(quantity), SUM(cost), COUNT(*)
"""
SALES_GRAIN = "node_id, person_id, product_id, customer_type_id, channel_id, region_id"
SALES_COLS = "amount, gross_amount, returned_amount, quantity, cost, lines"


def _month_of(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def _day_filter(column: str, days: list[dt.date] | None) -> tuple[str, list[object]]:
    if days is None:
        return "1=1", []
    return f"{column} IN ({', '.join(['%s'] * len(days))})", list(days)


def _months(days: list[dt.date] | None) -> list[dt.date] | None:
    return None if days is None else sorted({d.replace(day=1) for d in days})


def _refresh(days: list[dt.date] | None) -> None:
    months = _months(days)
    with connection.cursor() as cur:
        where, params = _day_filter("day", days)
        cur.execute(f"DELETE FROM actuals_salesdaily WHERE {where}", params)
        where, params = _day_filter("sold_on", days)
        cur.execute(
            f"""INSERT INTO actuals_salesdaily (day, {SALES_GRAIN}, {SALES_COLS})
                SELECT sold_on, {SALES_GRAIN}, {SALES_SUMS}
                FROM actuals_salesline WHERE {where}
                GROUP BY sold_on, {SALES_GRAIN}""",
            params,
        )

        where, params = _day_filter("month", months)
        cur.execute(f"DELETE FROM actuals_salesmonthly WHERE {where}", params)
        month = _month_of("day")
        where, params = _day_filter(month, months)
        cur.execute(
            f"""INSERT INTO actuals_salesmonthly (month, {SALES_GRAIN}, {SALES_COLS})
                SELECT {month}, {SALES_GRAIN}, SUM(amount), SUM(gross_amount),
                       SUM(returned_amount), SUM(quantity), SUM(cost), SUM(lines)
                FROM actuals_salesdaily WHERE {where}
                GROUP BY {month}, {SALES_GRAIN}""",
            params,
        )

        where, params = _day_filter("day", days)
        cur.execute(f"DELETE FROM actuals_persondaily WHERE {where}", params)
        _insert_person_daily(cur, days)


def _insert_person_daily(cur: object, days: list[dt.date] | None) -> None:
    # One row per (day, node, person) over every fact kind: union the per-fact sums, then
    # add them up. New customers count on the date and person of their first sales line.
    parts: list[str] = []
    params: list[object] = []

    def part(sql: str, date_col: str) -> None:
        where, p = _day_filter(date_col, days)
        parts.append(sql.format(where=where))
        params.extend(p)

    zero_sales = "0, 0, 0, 0, 0, 0"
    zero_rest = "0, 0, 0, 0, 0, 0, 0, 0"
    part(
        f"""SELECT day, node_id, person_id, SUM(amount), SUM(gross_amount),
                   SUM(returned_amount), SUM(quantity), SUM(cost), SUM(lines), {zero_rest}
            FROM actuals_salesdaily WHERE {{where}} GROUP BY day, node_id, person_id""",
        "day",
    )
    part(
        f"""SELECT spent_on, node_id, person_id, {zero_sales}, SUM(amount), 0, 0, 0, 0, 0, 0, 0
            FROM actuals_expense WHERE {{where}} GROUP BY spent_on, node_id, person_id""",
        "spent_on",
    )
    part(
        f"""SELECT received_on, node_id, person_id, {zero_sales}, 0, SUM(amount), 0, 0, 0, 0, 0, 0
            FROM actuals_payment WHERE {{where}} GROUP BY received_on, node_id, person_id""",
        "received_on",
    )
    part(
        f"""SELECT closed_on, node_id, person_id, {zero_sales}, 0, 0,
                   SUM(CASE WHEN stage = 'won' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN stage = 'won' THEN amount ELSE 0 END),
                   COUNT(*), 0, 0, 0
            FROM actuals_opportunity
            WHERE closed_on IS NOT NULL AND stage IN ('won', 'lost') AND {{where}}
            GROUP BY closed_on, node_id, person_id""",
        "closed_on",
    )
    part(
        f"""SELECT surveyed_on, node_id, person_id, {zero_sales}, 0, 0, 0, 0, 0,
                   SUM(score), COUNT(*), 0
            FROM actuals_surveyresponse WHERE {{where}} GROUP BY surveyed_on, node_id, person_id""",
        "surveyed_on",
    )
    part(
        f"""SELECT f.sold_on, f.node_id, f.person_id, {zero_sales}, 0, 0, 0, 0, 0, 0, 0,
                   COUNT(*)
            FROM actuals_salesline f
            JOIN (SELECT s.customer_id, MIN(s.id) AS first_id
                  FROM actuals_salesline s
                  JOIN catalog_customer c
                    ON c.id = s.customer_id AND s.sold_on = c.first_purchase_on
                  WHERE s.amount > 0 AND {{where}}
                  GROUP BY s.customer_id) firsts ON f.id = firsts.first_id
            GROUP BY f.sold_on, f.node_id, f.person_id""",
        "s.sold_on",
    )
    union = " UNION ALL ".join(parts)
    cur.execute(  # type: ignore[attr-defined]
        f"""WITH u (d, n, p, a, ga, ra, q, c, l, e, pay, w, wa, cl, ss, sc, nc) AS ({union})
            INSERT INTO actuals_persondaily
              (day, node_id, person_id, amount, gross_amount, returned_amount, quantity, cost,
               lines, expense, payment, won, won_amount, closed, survey_score_sum,
               survey_count, new_customers)
            SELECT d, n, p, SUM(a), SUM(ga), SUM(ra), SUM(q), SUM(c), SUM(l), SUM(e), SUM(pay),
                   SUM(w), SUM(wa), SUM(cl), SUM(ss), SUM(sc), SUM(nc)
            FROM u GROUP BY d, n, p""",
        params,
    )


@transaction.atomic
def rollups_rebuild() -> None:
    """Recompute every rollup row from the facts."""
    _refresh(None)


@transaction.atomic
def rollups_refresh(*, days: Iterable[dt.date]) -> None:
    """Recompute the rollup rows of ``days`` (the dates a batch of facts touched)."""
    day_list = sorted(set(days))
    if day_list:
        _refresh(day_list)
