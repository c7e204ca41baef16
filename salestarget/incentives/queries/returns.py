"""A month's return lines and the sales they return, for plans with a clawback window.

A return keeps the order and line number of the line it returns (the importers and the demo
do), which finds the original sale: same order, line, customer and product. Under a plan with
``clawback_days`` a return whose sale was not made earlier in the same month is "late": it
does not lower the month's measure (``late_returns`` adds it back) and is clawed back
instead (``queries.clawbacks``). A month run reads the month's late returns once
(``MonthReturns``: what to add back for every window, and the returned sales with their sale);
``late_returns`` serves a few people (a what-if, a preview) through the (person, day) index.

The reads walk the partial index of return lines (``salesline_returns``: only returns are
in it) and look each return's sale up through the sale-key index (``salesline_sale_key``):
the work follows the month's returns, never its sales lines. Raw SQL because the ORM joins a
table to itself only through a relation, and binds the ``amount < 0`` that lets the planner
use the partial index as a parameter.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, NamedTuple

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


class ReturnedSale(NamedTuple):
    """A return line (``pk``, day, negative amount) and the sale it returns (a tuple: a
    month-end makes one per return; amounts kept in the column's units until asked for)."""

    pk: int
    sold_on: dt.date
    units: int
    orig_id: int
    orig_day: dt.date
    orig_person: int
    orig_units: int
    orig_product_line: int | None = None
    orig_customer_type: int | None = None

    @property
    def amount(self) -> Decimal:
        return units_to_decimal(self.units)

    @property
    def orig_amount(self) -> Decimal:
        return units_to_decimal(self.orig_units)


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


class MonthReturns:
    """A month's late returns read in one walk of the returns index, each with the latest
    sale of its order line up to its day (none when it is unknown): for a month run the
    engine adds them back to the month's measures (``added_back``, instead of a second walk
    per window) and the clawback takes back those whose sale was made from ``since`` on
    (``sales``). A return is late when that latest sale was made before ``month_start``:
    the same as "not sold earlier in the same month" (``late_returns``)."""

    def __init__(self, month_start: dt.date, end: dt.date, since: dt.date) -> None:
        self.start, self.end, self.since = month_start, end, since
        self._rows: list[tuple[Any, ...]] | None = None
        self._lines: dict[int, int | None] = {}  # product → its product line
        self._sales: list[ReturnedSale] | None = None

    def covers(self, window: Window) -> bool:
        return self.start <= window.start and window.end <= self.end

    def added_back(self, window: Window, person_ids: list[int]) -> dict[int, Decimal]:
        """``late_returns`` for a window this month covers, from the rows read once."""
        rows = self._read()
        wanted = set(person_ids)
        lo, hi = window.start.isoformat(), window.end.isoformat()
        line, kind, lines = window.product_line_id, window.customer_type_id, self._lines
        units: dict[int, int] = {}
        for row in rows:
            person_id = row[PERSON]
            if (
                person_id in wanted
                and lo <= row[DAY] <= hi
                and (line is None or lines.get(row[PRODUCT]) == line)
                and (kind is None or row[KIND] == kind)
            ):
                units[person_id] = units.get(person_id, 0) + row[UNITS]
        return {person_id: -units_to_decimal(u) for person_id, u in units.items()}

    def sales(self) -> list[ReturnedSale]:
        """The late returns whose sale was made from ``since`` on, each with that sale, in
        the order of the returns index (by day)."""
        if self._sales is None:
            rows = self._read()
            since, lines, day = self.since.isoformat(), self._lines, dt.date.fromisoformat
            self._sales = [
                ReturnedSale(
                    r[0],
                    day(r[DAY]),
                    r[UNITS],
                    r[6],
                    day(r[7]),
                    r[8],
                    r[9],
                    lines.get(r[PRODUCT]),
                    r[10],
                )
                for r in rows
                if r[6] is not None and r[7] >= since
            ]
        return self._sales

    def _read(self) -> list[tuple[Any, ...]]:
        if self._rows is None:
            self._rows = _month_rows(self.start, self.end)
            self._lines = dict(Product.objects.values_list("pk", "line_id"))
        return self._rows


# The columns of ``_month_rows``: the return's, then its sale's (from 6: id, day, person,
# amount, customer type; None when unknown). Days as ISO text, amounts in the column's units.
DAY, UNITS, PERSON, PRODUCT, KIND = 1, 2, 3, 4, 5


def _month_rows(start: dt.date, end: dt.date) -> list[tuple[Any, ...]]:
    """One walk: the returns between ``start`` and ``end`` through the returns index, each
    one's latest sale up to its day through the sale key (one index seek), kept when that
    sale is before ``start`` or unknown. ``amount < 0`` is written out for the planner to
    take the partial index; days are read as text (ISO), not through the driver's date
    converter, a month-end reads ten thousand of them."""
    table = _table()
    latest = (
        f"SELECT s.id FROM {table} s WHERE {SAME_SALE.format(o='s')} AND s.sold_on <= r.sold_on"
        " ORDER BY s.sold_on DESC, s.id DESC LIMIT 1"
    )
    sql = (
        "SELECT x.id, CAST(x.sold_on AS TEXT), x.amount, x.person_id, x.product_id,"
        " x.customer_type_id, o.id, CAST(o.sold_on AS TEXT), o.person_id, o.amount,"
        " o.customer_type_id"
        " FROM (SELECT r.id, r.sold_on, r.amount, r.person_id, r.product_id,"
        f" r.customer_type_id, ({latest}) AS sale_id FROM {table} r"
        " WHERE r.sold_on >= %s AND r.sold_on <= %s AND r.amount < 0 AND r.order_no <> '') x"
        f" LEFT JOIN {table} o ON o.id = x.sale_id"
        " WHERE o.id IS NULL OR o.sold_on < %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end, start])
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def returned_sales(window: Window, month_start: dt.date, since: dt.date) -> list[ReturnedSale]:
    """The late return lines in ``window`` (and its slice) whose sale was made between
    ``since`` and the day before ``month_start`` (the latest sale of the order line), each
    with that sale."""
    found = MonthReturns(month_start, window.end, since).sales()
    line, kind = window.product_line_id, window.customer_type_id
    return [
        r
        for r in found
        if r.sold_on >= window.start
        and (line is None or r.orig_product_line == line)
        and (kind is None or r.orig_customer_type == kind)
    ]
