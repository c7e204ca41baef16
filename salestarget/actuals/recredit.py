"""Re-crediting facts when someone's membership history is corrected.

A fact stores the org node it is credited to, fixed when written: the node of the person's
membership on the fact's date (``importing.pipeline``). When an admin corrects that history
afterwards (a move dated earlier or later, a membership row added, changed or deleted), the
facts of the changed dates must follow to the node that is now right, and so must the rollups.

``facts_recredit`` does it set-based, for one person or many (``facts_recredit_many``: the
people, their date ranges and their old histories go into temp tables): per fact table one
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.actuals import bulk
from salestarget.actuals.models import Expense, Opportunity, Payment, SalesLine, SurveyResponse
from salestarget.actuals.rollups import rollups_refresh
from salestarget.org.models import Membership
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


@dataclass(frozen=True)
class Stint:
    """A membership as it was: node, first day, first day no longer (None: open)."""

    node_id: int
    valid_from: dt.date
    valid_to: dt.date | None


def stints_of(person_id: int) -> list[Stint]:
    """``person``'s membership history now, to pass as ``before`` once it has changed."""
    return stints_by_person([person_id]).get(person_id, [])


def stints_by_person(person_ids: Iterable[int]) -> dict[int, list[Stint]]:
    """The membership histories of many people now (one query)."""
    histories: dict[int, list[Stint]] = {}
    rows = (
        Membership.objects.filter(person_id__in=list(person_ids))
        .order_by("person_id", "valid_from")
        .values_list("person_id", "node_id", "valid_from", "valid_to")
    )
    for person_id, node_id, start, end in rows:
        histories.setdefault(person_id, []).append(Stint(node_id, start, end))
    return histories


@dataclass(frozen=True)
class Correction:
    """One person's history changed for facts dated ``start`` up to, not including, ``end``
    (None: no end); ``before`` is the history as it was."""

    person_id: int
    start: dt.date
    end: dt.date | None
    before: Sequence[Stint]


@dataclass
class Recredit:
    """What moved: facts per kind and the days whose rollups were refreshed."""

    counts: dict[str, int] = field(default_factory=dict)
    days: list[dt.date] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def facts_recredit(
    *,
    person_id: int,
    start: dt.date,
    end: dt.date | None,
    before: Sequence[Stint] | None = None,
) -> Recredit:
    """Credit ``person``'s facts dated from ``start`` up to, not including, ``end`` (None: no
    end) to the node of their membership on each fact's date, and refresh the rollups of the
    days that changed. ``before``: the history as it was (``stints_of`` taken before the
    change); an expense moves only when it was credited by that history, so spend booked to a
    named node stays there (without ``before``, the history as it is now).

    Raises ValidationError, writing nothing, when facts in the range would belong to no node.
    """
    if before is None:
        before = stints_of(person_id)
    return facts_recredit_many(corrections=[Correction(person_id, start, end, before)])


def facts_recredit_many(*, corrections: Sequence[Correction]) -> Recredit:
    """:func:`facts_recredit` for many people at once (an import of moves): the ranges and
    the old histories go into temp tables, so the statements are the same for one person or
    ten thousand."""
    result = Recredit()
    if not corrections:
        return result
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


def recredit_message(result: Recredit) -> str:
    """ "N facts re-credited (sales lines 120, payments 8)" for the page, or ""."""
    if not result.total:
        return ""
    parts = "，".join(
        f"{KIND_LABELS[kind]} {count}" for kind, count in result.counts.items() if count
    )
    return _("已按修改后的任职记录把 %(count)d 条业务数据改记到新的组织（%(parts)s）。") % {
        "count": result.total,
        "parts": parts,
    }


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
