"""Re-crediting facts when someone's membership history is corrected.

A fact stores the org node it is credited to, fixed when written: the node of the person's
membership on the fact's date (``importing.pipeline``). When an admin corrects that history
afterwards (a move dated earlier or later, a membership row added, changed or deleted), the
facts of the changed dates must follow to the node that is now right, and so must the rollups.

``facts_recredit`` does it set-based: per fact table one ``SELECT DISTINCT`` of the days whose
facts change node and one ``UPDATE`` with a correlated subquery (the same SQL on SQLite and
PostgreSQL), then ``rollups_refresh`` of exactly those days. Facts that would belong to no
node after the change are refused first, naming how many and on which dates; the caller's
transaction then writes nothing. The org services call it inside their own transaction.

Expenses may name their node directly instead of being credited by membership; only those
credited by the history as it was (``before``) are moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from salestarget.actuals.models import Expense, Opportunity, Payment, SalesLine, SurveyResponse
from salestarget.actuals.rollups import rollups_refresh
from salestarget.org.models import Membership

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
    return [
        Stint(node_id, start, end)
        for node_id, start, end in Membership.objects.filter(person_id=person_id)
        .order_by("valid_from")
        .values_list("node_id", "valid_from", "valid_to")
    ]


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
    tables = [
        _Table(kind, model._meta.db_table, date, person_id, start, end, before)
        for kind, model, date in FACT_DATES
    ]
    with connection.cursor() as cur:
        orphans: dict[dt.date, int] = {}
        for table in tables:
            cur.execute(table.sql("SELECT {date}, COUNT(*)", orphaned=True), table.params)
            for day, count in cur.fetchall():
                day = _as_date(day)
                orphans[day] = orphans.get(day, 0) + count
        if orphans:
            raise ValidationError(_orphans_message(orphans))
        result = Recredit()
        days: set[dt.date] = set()
        for table in tables:
            cur.execute(table.sql("SELECT DISTINCT {date}"), table.params)
            changed = {_as_date(day) for (day,) in cur.fetchall()}
            if not changed:
                continue
            cur.execute(table.update(), table.params)
            result.counts[table.kind] = cur.rowcount
            days |= changed
    result.days = sorted(days)
    if result.days:
        rollups_refresh(days=result.days)
    return result


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
    """The SQL of one fact table for one person and date range."""

    def __init__(
        self,
        kind: str,
        table: str,
        date: str,
        person_id: int,
        start: dt.date,
        end: dt.date | None,
        before: Sequence[Stint],
    ) -> None:
        self.kind, self.table = kind, table
        self.date = date.format(t=table)
        where = [f"{table}.person_id = %s", f"{self.date} >= %s"]
        self.params: list[object] = [person_id, start]
        if end is not None:
            where.append(f"{self.date} < %s")
            self.params.append(end)
        if kind == "expense":
            # Only expenses credited by the old history: one booked to a named node stays.
            case, case_params = _node_on(self.date, before)
            where.append(f"{table}.node_id = {case}")
            self.params += case_params
        self.where = " AND ".join(where)
        self.node = f"""(SELECT m.node_id FROM org_membership m
            WHERE m.person_id = {table}.person_id AND m.valid_from <= {self.date}
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


def _node_on(date: str, stints: Iterable[Stint]) -> tuple[str, list[object]]:
    """A CASE giving the node of ``stints`` on ``date`` (the latest started wins)."""
    whens: list[str] = []
    params: list[object] = []
    for stint in sorted(stints, key=lambda s: s.valid_from, reverse=True):
        if stint.valid_to is None:
            whens.append(f"WHEN {date} >= %s THEN %s")
            params += [stint.valid_from, stint.node_id]
        else:
            whens.append(f"WHEN {date} >= %s AND {date} < %s THEN %s")
            params += [stint.valid_from, stint.valid_to, stint.node_id]
    if not whens:
        return "NULL", []
    return f"(CASE {' '.join(whens)} ELSE NULL END)", params


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _orphans_message(orphans: dict[dt.date, int]) -> str:
    days = sorted(orphans)
    shown = "、".join(d.isoformat() for d in days[:DATES_SHOWN])
    if len(days) > DATES_SHOWN:
        shown += _(" 等 %(n)d 天") % {"n": len(days)}
    return _(
        "修改后有 %(count)d 条业务数据（%(dates)s）不属于任何组织：该人员在这些日期没有任职记录。"
        "请让任职记录覆盖这些日期。"
    ) % {"count": sum(orphans.values()), "dates": shown}
