"""Re-crediting facts when someone's membership history is corrected (``org.recrediting``
says when; this is the facts' side, registered when the app is ready).

A fact stores the org node it is credited to, fixed when written: the node of the person's
membership on the fact's date (``actuals.importing.pipeline``). When that history is corrected
afterwards, the facts of the changed dates follow to the node that is now right, and so do
the rollups.

``facts_recredit_many`` does it set-based, for one person or many (the people, their date
ranges and their old histories go into temp tables): per fact table one
``SELECT DISTINCT`` of the days whose facts change node and one ``UPDATE`` with a correlated
subquery (the same SQL on SQLite and PostgreSQL), then ``rollups_refresh`` of exactly those
days. Facts that would belong to no
node after the change are refused first, naming how many and on which dates; the caller's
transaction then writes nothing. The org services call it inside their own transaction.

Expenses may name their node directly instead of being credited by membership; only those
credited by the history as it was (``before``) are moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.actuals import bulk
from salestarget.actuals.models import Expense, Opportunity, Payment, SalesLine, SurveyResponse
from salestarget.actuals.rollups import facts_writer_lock, rollups_refresh
from salestarget.org.recrediting import Correction, Recredit
from salestarget.wording import series

# Fact kind, model, the date a fact is credited on (SQL over the fact table ``{t}``), as the
# importer credits it.
FACT_DATES: tuple[tuple[str, type[Model], str], ...] = (
    ("sales", SalesLine, "{t}.sold_on"),
    ("expense", Expense, "{t}.spent_on"),
    ("payment", Payment, "{t}.received_on"),
    ("opportunity", Opportunity, "COALESCE({t}.closed_on, {t}.opened_on)"),
    ("survey", SurveyResponse, "{t}.surveyed_on"),
)
KIND_LABELS = {
    "sales": gettext_lazy("销售明细"),
    "expense": gettext_lazy("费用"),
    "payment": gettext_lazy("回款"),
    "opportunity": gettext_lazy("商机"),
    "survey": gettext_lazy("满意度调查"),
}
DATES_SHOWN = 6


def facts_recredit_many(corrections: Sequence[Correction]) -> Recredit:
    """The facts' recrediter (``org.recrediting``, registered when actuals is ready): the ranges
    and the old histories go into temp tables, so the statements are the same for one person
    or ten thousand."""
    result = Recredit(labels=dict(KIND_LABELS))
    if not corrections:
        return result
    facts_writer_lock()  # the facts it moves are read and rewritten below
    _load_corrections(corrections)
    tables = [_Table(kind, model._meta.db_table, date) for kind, model, date in FACT_DATES]
    with connection.cursor() as cur:
        orphans: dict[dt.date, int] = {}
        for table in tables:
            cur.execute(table.sql("SELECT {date}, COUNT(*)", orphaned=True))
            for day, count in cur.fetchall():
                day = _as_date(day)
                orphans[day] = orphans.get(day, 0) + count
        if orphans:
            raise ValidationError(_orphans_message(orphans))
        days: set[dt.date] = set()
        for table in tables:
            cur.execute(table.sql("SELECT DISTINCT {date}"))
            changed = {_as_date(day) for (day,) in cur.fetchall()}
            if not changed:
                continue
            cur.execute(table.update())
            result.counts[table.kind] = cur.rowcount
            days |= changed
        cur.execute("DROP TABLE st_rc_range")
        cur.execute("DROP TABLE st_rc_before")
    result.days = sorted(days)
    if result.days:
        rollups_refresh(days=result.days)
    return result


def _load_corrections(corrections: Sequence[Correction]) -> None:
    bulk.load_temp(
        "st_rc_range",
        pl.DataFrame(
            [(c.person_id, c.start, c.end) for c in corrections],
            schema={"person_id": pl.Int64, "range_from": pl.Date, "range_to": pl.Date},
            orient="row",
        ),
    )
    bulk.load_temp(
        "st_rc_before",
        pl.DataFrame(
            [
                (c.person_id, s.node_id, s.valid_from, s.valid_to)
                for c in corrections
                for s in c.before
            ],
            schema={
                "person_id": pl.Int64,
                "node_id": pl.Int64,
                "valid_from": pl.Date,
                "valid_to": pl.Date,
            },
            orient="row",
        ),
    )


# -- SQL ------------------------------------------------------------------------------------------


class _Table:
    """The SQL of one fact table over the people and ranges in ``st_rc_range``."""

    def __init__(self, kind: str, table: str, date: str) -> None:
        self.kind, self.table = kind, table
        self.date = date.format(t=table)
        where = [
            f"{table}.person_id IN (SELECT person_id FROM st_rc_range)",
            f"""EXISTS (SELECT 1 FROM st_rc_range r WHERE r.person_id = {table}.person_id
                AND {self.date} >= r.range_from
                AND (r.range_to IS NULL OR {self.date} < r.range_to))""",
        ]
        if kind == "expense":
            # Only expenses credited by the old history: one booked to a named node stays.
            where.append(f"{table}.node_id = {self._node_from('st_rc_before')}")
        self.where = " AND ".join(where)
        self.node = self._node_from("org_membership")

    def _node_from(self, history: str) -> str:
        """The node of the fact's person on the fact's date in ``history`` (latest start wins)."""
        return f"""(SELECT m.node_id FROM {history} m
            WHERE m.person_id = {self.table}.person_id AND m.valid_from <= {self.date}
              AND (m.valid_to IS NULL OR m.valid_to > {self.date})
            ORDER BY m.valid_from DESC LIMIT 1)"""

    def sql(self, select: str, *, orphaned: bool = False) -> str:
        """``select`` over the facts that change node (or, ``orphaned``, that would have no
        node at all), grouped by date."""
        condition = f"{self.node} IS NULL" if orphaned else self._changes()
        return (
            f"{select.format(date=self.date)} FROM {self.table} "
            f"WHERE {self.where} AND {condition} GROUP BY {self.date}"
        )

    def update(self) -> str:
        return (
            f"UPDATE {self.table} SET node_id = {self.node} "
            f"WHERE {self.where} AND {self._changes()}"
        )

    def _changes(self) -> str:
        return f"{self.node} IS NOT NULL AND {self.table}.node_id <> {self.node}"


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _orphans_message(orphans: dict[dt.date, int]) -> str:
    days = sorted(orphans)
    shown = series(d.isoformat() for d in days[:DATES_SHOWN])
    if len(days) > DATES_SHOWN:
        shown += _(" 等 %(n)d 天") % {"n": len(days)}
    return _(
        "修改后有 %(count)d 条业务数据（%(dates)s）不属于任何组织：该人员在这些日期没有任职记录。"
        "请让任职记录覆盖这些日期。"
    ) % {"count": sum(orphans.values()), "dates": shown}
