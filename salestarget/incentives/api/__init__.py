"""REST API of incentives at /api/incentives/: statements (with lines and their steps),
disputes, the what-if, bonus tables, competitions and rate sheets here; plans with their
components and assignments (``api.plans``), split credit (``api.credits``) and the
statement workflow and month runs (``api.runs``) in their own modules, mounted at the end. Scoped exactly as the pages are: a rep reads their own
statements, a manager their subtree's (read-only), finance everything."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from salestarget.incentives.api.access import finance_user, request_user
from salestarget.incentives.models import BonusTable, CommissionPlan, StatementLine
from salestarget.incentives.queries.competitions import board_for, competitions_visible
from salestarget.incentives.queries.statements import disputes_visible, statements_visible
from salestarget.incentives.services.bonuses import bonus_table_save, typed_grades_save
from salestarget.incentives.services.competitions import competition_announce, competition_save
from salestarget.incentives.services.disputes import dispute_raise, dispute_resolve
from salestarget.incentives.services.rates import rate_tables_import
from salestarget.incentives.services.whatif import what_if_extra
from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import request_scope
from salestarget.ui.params import Id, path_id, query_param

router = Router(tags=["incentives"])
CommissionPlanId = Annotated[int, path_id("the commission plan")]
CompetitionId = Annotated[int, path_id("the sales competition")]
StatementId = Annotated[int, path_id("the commission statement")]
LineId = Annotated[int, path_id("the statement line")]
DisputeId = Annotated[int, path_id("the dispute")]


class StatementLineOut(Schema):
    id: int
    kind: str
    label: str
    amount: Decimal
    measure_total: Decimal | None
    quota: Decimal | None
    attainment: Decimal | None
    steps: list[dict[str, Any]]
    source_period: str
    old_value: Decimal | None
    new_value: Decimal | None
    reason: str


class StatementOut(Schema):
    id: int
    person_id: int
    person: str
    period: str
    status: str
    total: Decimal
    as_of: dt.date | None

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return str(obj.person.name)


class StatementDetailOut(StatementOut):
    lines: list[StatementLineOut]

    @staticmethod
    def resolve_lines(obj: Any) -> list[Any]:
        return list(obj.lines.all())


class DisputeIn(Schema):
    note: str


class ResolveIn(Schema):
    resolution: str
    adjustment: Decimal | None = None


class DisputeOut(Schema):
    id: int
    line_id: int
    status: str
    note: str
    resolution: str
    adjustment: Decimal | None


class WhatIfOut(Schema):
    extra: Decimal
    now: Decimal
    then: Decimal
    more: Decimal


@router.get("/statements", response=list[StatementOut])
def statement_list(
    request: HttpRequest,
    period: str = query_param(
        "", description="only the statements of this period (2026-03, FY2026-Q1 …)"
    ),
) -> Any:
    statements = statements_visible(request_scope(request)).order_by("-period", "person__name")
    return statements.filter(period=period) if period else statements[:500]


@router.get("/statements/{statement_id}", response=StatementDetailOut)
def statement_get(request: HttpRequest, statement_id: StatementId) -> Any:
    return get_object_or_404(statements_visible(request_scope(request)), pk=statement_id)


@router.get("/statements/{statement_id}/what-if", response=WhatIfOut)
def statement_what_if(
    request: HttpRequest,
    statement_id: StatementId,
    extra: Decimal = query_param(
        ..., description="more sales of the period to price, in the company currency"
    ),
) -> Any:
    statement = get_object_or_404(statements_visible(request_scope(request)), pk=statement_id)
    answer = what_if_extra(statement=statement, extra=extra)
    return {"extra": answer.extra, "now": answer.now, "then": answer.then, "more": answer.more}


@router.post("/lines/{line_id}/disputes", response={201: DisputeOut})
def line_dispute(request: HttpRequest, line_id: LineId, payload: DisputeIn) -> Any:
    visible = statements_visible(request_scope(request))
    line = get_object_or_404(StatementLine.objects.filter(statement__in=visible), pk=line_id)
    return Status(201, dispute_raise(line=line, note=payload.note, by=request_user(request)))


@router.get("/disputes", response=list[DisputeOut])
def dispute_list(request: HttpRequest) -> Any:
    return disputes_visible(request_scope(request)).order_by("-raised_at")[:500]


@router.post("/disputes/{dispute_id}/resolve", response=DisputeOut)
def dispute_decide(request: HttpRequest, dispute_id: DisputeId, payload: ResolveIn) -> Any:
    dispute = get_object_or_404(disputes_visible(request_scope(request)), pk=dispute_id)
    return dispute_resolve(
        dispute=dispute,
        by=request_user(request),
        resolution=payload.resolution,
        adjustment=payload.adjustment,
    )


class BonusTableIO(Schema):
    period: str
    target_bonus: Decimal
    multipliers: dict[str, Decimal]


class TypedGradesIn(Schema):
    period: str
    grades: dict[str, str]  # employee number → grade ("" removes it)


class TypedGradeOut(Schema):
    person_id: int
    period: str
    grade: str


@router.get("/plans/{plan_id}/bonus-table", response=BonusTableIO)
def bonus_table_get(request: HttpRequest, plan_id: CommissionPlanId) -> Any:
    finance_user(request)
    return get_object_or_404(BonusTable, plan_id=plan_id)


@router.put("/plans/{plan_id}/bonus-table", response=BonusTableIO)
def bonus_table_put(request: HttpRequest, plan_id: CommissionPlanId, payload: BonusTableIO) -> Any:
    """Create or replace the plan's grade bonus table (grade → multiplier of the target
    bonus, paid in the last month of each bonus period)."""
    user = finance_user(request)
    plan = get_object_or_404(CommissionPlan, pk=plan_id)
    return bonus_table_save(
        plan=plan,
        by=user,
        period=payload.period,
        target_bonus=payload.target_bonus,
        multipliers=dict(payload.multipliers),
    )


@router.put("/typed-grades", response=list[TypedGradeOut])
def typed_grades_put(request: HttpRequest, payload: TypedGradesIn) -> Any:
    """Grades typed in for a period no assessment cycle grades (by employee number)."""
    user = finance_user(request)
    people = Person.objects.in_bulk(list(payload.grades), field_name="employee_no")
    unknown = sorted(set(payload.grades) - set(people))
    if unknown:
        raise ValidationError(
            {"grades": _("没有这些工号的人员：%(nos)s") % {"nos": ", ".join(unknown[:10])}}
        )
    return typed_grades_save(
        period=payload.period,
        grades={people[no]: grade for no, grade in payload.grades.items()},
        by=user,
    )


class CompetitionIn(Schema):
    name: str
    metric: str = "revenue"
    starts: dt.date
    ends: dt.date
    node_id: Id
    prizes: list[Decimal] = []
    threshold: Decimal | None = None
    threshold_prize: Decimal = Decimal(0)


class CompetitionOut(Schema):
    id: int
    name: str
    metric: str
    starts: dt.date
    ends: dt.date
    node_id: int
    prizes: list[Decimal]
    threshold: Decimal | None
    threshold_prize: Decimal
    announced: bool

    @staticmethod
    def resolve_announced(obj: Any) -> bool:
        return obj.announced_at is not None


class StandingOut(Schema):
    person_id: int
    person: str
    rank: int
    value: Decimal
    prize: Decimal


class BoardOut(Schema):
    competition: CompetitionOut
    direction: str
    ranked: int
    own: StandingOut | None
    rows: list[StandingOut]


class NewsPostedOut(Schema):
    posted: int


def _standing(row: Any) -> dict[str, Any]:
    return {
        "person_id": row.person.pk,
        "person": row.person.name,
        "rank": row.standing.rank,
        "value": row.standing.value,
        "prize": row.standing.prize,
    }


def _competition(request: HttpRequest, competition_id: int) -> Any:
    found = [c for c in competitions_visible(request_scope(request)) if c.pk == competition_id]
    if not found:
        raise Http404
    return found[0]


@router.get("/competitions", response=list[CompetitionOut])
def competition_list(request: HttpRequest) -> Any:
    """The competitions the caller takes part in or whose people they manage."""
    return competitions_visible(request_scope(request))


@router.post("/competitions", response={201: CompetitionOut})
def competition_create(request: HttpRequest, payload: CompetitionIn) -> Any:
    user = finance_user(request)
    node = get_object_or_404(OrgNode, pk=payload.node_id)
    made = competition_save(
        by=user,
        name=payload.name,
        metric=payload.metric,
        starts=payload.starts,
        ends=payload.ends,
        node=node,
        prizes=list(payload.prizes),
        threshold=payload.threshold,
        threshold_prize=payload.threshold_prize,
    )
    return Status(201, made)


@router.get("/competitions/{competition_id}/standings", response=BoardOut)
def competition_standings(request: HttpRequest, competition_id: CompetitionId) -> Any:
    """The live leaderboard as the caller may see it: every row for finance and executives,
    the subtree's rows for a manager, a rep's own standing only (with how many are ranked)."""
    scope = request_scope(request)
    board = board_for(scope, _competition(request, competition_id))
    return {
        "competition": board.competition,
        "direction": board.direction.value,
        "ranked": board.ranked,
        "own": _standing(board.own) if board.own else None,
        "rows": [_standing(r) for r in board.rows],
    }


@router.post("/competitions/{competition_id}/results", response=NewsPostedOut)
def competition_results(request: HttpRequest, competition_id: CompetitionId) -> Any:
    """Post an ended competition's winners as good news (喜报); each winner once."""
    user = finance_user(request)
    posted = competition_announce(competition=_competition(request, competition_id), by=user)
    return {"posted": len(posted)}


class RateTableOut(Schema):
    code: str
    name: str
    mode: str
    basis: str
    tiers: list[list[Decimal]]
    points: list[list[Decimal]]


@router.get("/plans/{plan_id}/rates", response=list[RateTableOut])
def rates_get(request: HttpRequest, plan_id: CommissionPlanId) -> Any:
    """The plan's rate tables (tiers or curve points as fractions: 0.03 is 3%); the Excel
    form of the same is on the plan page."""
    finance_user(request)
    plan = get_object_or_404(CommissionPlan, pk=plan_id)
    return plan.components.filter(kind="rate_table").order_by("sort_order", "pk")


class RatesIn(Schema):
    file_name: str = ""  # the content decides its format; an .xlsx name must hold Excel
    content: str  # the file, base64-encoded


@router.post("/plans/{plan_id}/rates", response=list[RateTableOut])
def rates_post(request: HttpRequest, plan_id: CommissionPlanId, payload: RatesIn) -> Any:
    """Replace the rate tables of the components an Excel sheet names (the columns of the
    plan page's download), sent base64-encoded; a bad cell is a 422 naming its row and
    column, and changes nothing."""
    user = finance_user(request)
    plan = get_object_or_404(CommissionPlan, pk=plan_id)
    try:
        data = base64.b64decode(payload.content, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError({"content": _("文件内容不是有效的 base64 编码")}) from exc
    return rate_tables_import(plan=plan, data=data, file_name=payload.file_name, by=user)


# Mounted last so that they share this router's tag and path prefix.
from salestarget.incentives.api import credits, facts, plans, runs  # noqa: E402

router.add_router("", plans.router)
router.add_router("", credits.router)
router.add_router("", runs.router)
router.add_router("", facts.router)
