"""A month's return lines and the sales they return, for plans with a clawback window.

A return keeps the order and line number of the line it returns (the importers and the demo
do), which finds the original sale: same order, line, customer and product. Under a plan with
``clawback_days`` a return whose sale was not made earlier in the same month is "late": it
does not lower the month's measure (``late_returns`` adds it back) and is clawed back
instead (``queries.clawbacks``, from ``returned_sales``).

Both reads walk the partial index of return lines (``salesline_returns``: only returns are
in it) and look each return's sale up through the sale-key index (``salesline_sale_key``):
the work follows the month's returns, never its sales lines. Raw SQL because the ORM joins a
table to itself only through a relation, and binds the ``amount < 0`` that lets the planner
use the partial index as a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection

from salestarget.actuals.models import SalesLine
from salestarget.catalog.models import Product
from salestarget.fields import units_to_decimal
from salestarget.incentives.queries.measures import FEW, Window

# The sale a return line ``r`` returns, as a join or EXISTS condition on ``{o}``.
SAME_SALE = (
    "{o}.order_no = r.order_no AND {o}.line_no = r.line_no"
    " AND {o}.customer_id = r.customer_id AND {o}.product_id = r.product_id AND {o}.amount > 0"
)


@dataclass(frozen=True)
class ReturnedSale:
    """A return line (``pk``, day, negative amount) and the sale it returns."""

    pk: int
    sold_on: dt.date
    amount: Decimal
    orig_id: int
    orig_day: dt.date
    orig_person: int
    orig_amount: Decimal
    orig_product_line: int | None = None
    orig_customer_type: int | None = None


def _table() -> str:
    return connection.ops.quote_name(SalesLine._meta.db_table)


def _late_where(window: Window, month_start: dt.date) -> tuple[str, list[Any]]:
    """``r`` is a return line in ``window`` (and its slice) whose sale was not made earlier
    in the same month."""
    sql = (
        "r.sold_on >= %s AND r.sold_on <= %s AND r.amount < 0 AND r.order_no <> ''"
        f" AND NOT EXISTS (SELECT 1 FROM {_table()} s WHERE {SAME_SALE.format(o='s')}"
        " AND s.sold_on >= %s AND s.sold_on <= r.sold_on)"
    )
    params: list[Any] = [window.start, window.end, month_start]
    if window.product_line_id is not None:
        products = connection.ops.quote_name(Product._meta.db_table)
        sql += f" AND r.product_id IN (SELECT id FROM {products} WHERE line_id = %s)"
        params.append(window.product_line_id)
    if window.customer_type_id is not None:
        sql += " AND r.customer_type_id = %s"
        params.append(window.customer_type_id)
    return sql, params


def late_returns(window: Window, person_ids: list[int], month_start: dt.date) -> dict[int, Decimal]:
    """What returns of earlier months' sales took off each person's amount in ``window``
    (positive), to add back under a clawback plan. For a month run, grouped for everyone
    with late returns (a long person list would steer the planner off the returns index),
    kept for ``person_ids``; for a few people (a what-if, a preview) their own lines only,
    through the (person, day) index, instead of every return of the month."""
    where, params = _late_where(window, month_start)
    if len(person_ids) <= FEW:
        where += f" AND r.person_id IN ({', '.join(['%s'] * len(person_ids))})"
        params.extend(person_ids)
    sql = f"SELECT r.person_id, SUM(r.amount) FROM {_table()} r WHERE {where} GROUP BY r.person_id"
    wanted = set(person_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            person_id: -units_to_decimal(int(units))
            for person_id, units in cursor.fetchall()
            if person_id in wanted
        }


def returned_sales(window: Window, month_start: dt.date, since: dt.date) -> list[ReturnedSale]:
    """The late return lines in ``window`` whose sale was made between ``since`` and the day
    before ``month_start`` (the latest such sale when an order line was sold twice), each
    with that sale, oldest return first. One self-join: one index seek per return."""
    where, params = _late_where(window, month_start)
    table = _table()
    products = connection.ops.quote_name(Product._meta.db_table)
    sql = (
        "SELECT r.id, r.sold_on, r.amount, o.id, o.sold_on, o.person_id, o.amount,"
        " p.line_id, o.customer_type_id"
        f" FROM {table} r JOIN {table} o ON {SAME_SALE.format(o='o')}"
        " AND o.sold_on >= %s AND o.sold_on < %s"
        f" JOIN {products} p ON p.id = o.product_id"
        f" WHERE {where}"
        " ORDER BY r.sold_on, r.id, o.sold_on DESC, o.id DESC"
    )
    found: dict[int, ReturnedSale] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [since, month_start, *params])
        for row in cursor.fetchall():
            pk, day, amount, orig_id, orig_day, orig_person, orig_amount, line, kind = row
            if pk in found:  # an older sale of the same order line: the latest one counts
                continue
            found[pk] = ReturnedSale(
                pk=pk,
                sold_on=_day(day),
                amount=units_to_decimal(int(amount)),
                orig_id=orig_id,
                orig_day=_day(orig_day),
                orig_person=orig_person,
                orig_amount=units_to_decimal(int(orig_amount)),
                orig_product_line=line,
                orig_customer_type=kind,
            )
    return list(found.values())


def _day(value: dt.date | str) -> dt.date:
    """A date column as read by a raw cursor (SQLite gives text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
