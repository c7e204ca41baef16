"""Computing a cycle's scorecards: scores from ``queries.scoring`` stored on each scorecard
and its lines, then grades for everyone rated, by the cycle's bands and guideline.

The results are written set-based, whatever the cycle's size: the computed figures go into
a temp table with the bulk loader (``actuals.bulk``: ``COPY`` on PostgreSQL, one prepared
``executemany`` on SQLite) and reach the scorecards by one ``UPDATE … FROM``; the lines are
replaced by one ``DELETE`` and one bulk append. ``bulk_update`` wrote a ``CASE`` per field
per batch of 100 and cost 50–90× the bare aggregate over the cycle's rollups
(``bench.assessment``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

import polars as pl
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from salestarget.actuals.bulk import copy_into, load_temp, pg
from salestarget.assessment.models import OPEN_STEPS, AssessmentCycle, Scorecard, ScorecardLine
from salestarget.assessment.permissions import require_run
from salestarget.assessment.queries.grading import (
    cycle_guideline,
    cycle_scale,
    distribution_groups,
)
from salestarget.assessment.queries.scoring import CardResult, cycle_results
from salestarget.core.scoring.grades import assign_grades_by_group
from salestarget.org.scoping import scope_for

# Computed columns of a scorecard, and how the staged text becomes each column's type.
CARD_COLUMNS = {
    "performance_score": "numeric",
    "behaviour_score": "numeric",
    "total_score": "numeric",
    "missing_items": "json",
    "computed_grade": "text",
}
LINE_DECIMALS = ("target", "actual", "achievement", "score", "weight_used")
LINE_JSON = ("groups", "missing_groups")


@transaction.atomic
def scorecard_compute(
    *, cycle: AssessmentCycle, by: User | None = None, version: str | None = None
) -> list[CardResult]:
    """Recompute every scorecard of ``cycle`` (a person's manager proposal and calibrated
    grade are kept; only the computed figures and grade change). ``by`` None: the system."""
    if by is not None:
        require_run(scope_for(by), cycle.root)
    results = cycle_results(cycle, version=version)
    scores = {r.scorecard_id: (None if r.too_new else r.total) for r in results}
    groups = distribution_groups(cycle, Scorecard.objects.filter(cycle=cycle))
    by_group = assign_grades_by_group(scores, groups, cycle_scale(cycle), cycle_guideline(cycle))
    grades = {pk: grade for found in by_group.values() for pk, grade in found.grades.items()}
    _cards_write(results, grades)
    _lines_write(cycle, results)
    return results


def open_cycles_compute() -> int:
    """Recompute the cycles still taking reviews (after an import: their measured items
    read the facts so far); how many."""
    cycles = list(AssessmentCycle.objects.filter(step__in=OPEN_STEPS))
    for cycle in cycles:
        scorecard_compute(cycle=cycle)
    return len(cycles)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _cast(column: str, kind: str) -> str:
    """The staged text as the column's type: PostgreSQL needs the casts; SQLite's column
    affinity converts the text as it would a bound Decimal, and keeps JSON as text."""
    if not pg() or kind == "text":
        return column
    return f"CAST({column} AS {'jsonb' if kind == 'json' else 'numeric'})"


def _cards_write(results: Sequence[CardResult], grades: dict[int, str]) -> None:
    frame = pl.DataFrame(
        {
            "id": [r.scorecard_id for r in results],
            "performance_score": [_text(r.performance) for r in results],
            "behaviour_score": [_text(r.behaviour) for r in results],
            "total_score": [_text(r.total) for r in results],
            "missing_items": [json.dumps(r.missing_items) for r in results],
            "computed_grade": [grades.get(r.scorecard_id, "") for r in results],
        },
        schema={"id": pl.Int64, **dict.fromkeys(CARD_COLUMNS, pl.String)},
    )
    if frame.height == 0:
        return
    table = Scorecard._meta.db_table
    load_temp("st_card", frame)
    sets = ", ".join(f"{c} = {_cast(f's.{c}', kind)}" for c, kind in CARD_COLUMNS.items())
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE {table} SET {sets}, computed_at = %s FROM st_card s WHERE {table}.id = s.id",
            [timezone.now()],
        )
        cur.execute("DROP TABLE st_card")


def _lines_write(cycle: AssessmentCycle, results: Sequence[CardResult]) -> None:
    lines = [(r.scorecard_id, line) for r in results for line in r.lines]
    ScorecardLine.objects.filter(scorecard__cycle=cycle).delete()
    columns: dict[str, list[object]] = {
        "scorecard_id": [card for card, _line in lines],
        "item_id": [line.item_id for _card, line in lines],
    }
    for name in LINE_DECIMALS:
        columns[name] = [_text(getattr(line, name)) for _card, line in lines]
    for name in LINE_JSON:
        columns[name] = [json.dumps(getattr(line, name)) for _card, line in lines]
    copy_into(
        ScorecardLine._meta.db_table,
        pl.DataFrame(
            columns,
            schema={
                "scorecard_id": pl.Int64,
                "item_id": pl.Int64,
                **dict.fromkeys((*LINE_DECIMALS, *LINE_JSON), pl.String),
            },
        ),
    )
