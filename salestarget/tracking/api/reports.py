"""The battle report (战报) and the weekly or monthly report over the API: the same data objects
the pages, PDFs and workbooks draw (``tracking.queries.reports``), for the same people (leaders
and finance) and the same subtrees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from salestarget.core.periods import Period
from salestarget.http import AuthenticatedRequest
from salestarget.org.models import OrgNode
from salestarget.org.scoping import Scope, request_scope
from salestarget.targets.company_metrics import metric_name
from salestarget.tracking.api.boards import NewsOut, news_out
from salestarget.tracking.api.common import UNCOSTED
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.attainment import Attainment, AttainmentRow
from salestarget.tracking.queries.context import as_of
from salestarget.tracking.queries.leaderboard import Entry
from salestarget.tracking.queries.reports import (
    Stat,
    battle_report,
    period_report,
    report_period,
    report_within,
    reports_require,
)
from salestarget.ui.choices import choice_refused
from salestarget.ui.params import query_id

router = Router()
KINDS = ("week", "month")
KIND_LABELS = {"week": gettext_lazy("周"), "month": gettext_lazy("月")}


class StatOut(Schema):
    metric: str
    name: str
    value: Decimal | None
    previous: Decimal | None = Field(description="the period before (环比)")
    vs_previous: Decimal | None = Field(
        description="change on the period before, in `change_unit`: a fraction of `previous` "
        "(0.125 is +12.5%), or for a ratio metric percentage points (6.52% → 6.43% is -0.09), "
        "as the pages, PDFs and workbooks show it"
    )
    last_year: Decimal | None = Field(description="the same days a year ago (同比)")
    vs_last_year: Decimal | None = Field(
        description="change on last year, in `change_unit`, as `vs_previous`"
    )
    change_unit: Literal["fraction", "points"] = Field(
        description="the unit of `vs_previous` and `vs_last_year`: `fraction` (relative change) "
        "or `points` (percentage points, for ratio metrics such as 费用率)"
    )
    uncosted_amount: Decimal | None = Field(None, description=UNCOSTED)
    note: str = Field("", description="says what `uncosted_amount` means, in your language")


class RankedOut(Schema):
    rank: int | None
    key: str = Field(description="`p<id>` a person, `n<id>` an org unit")
    label: str
    unit: str = Field(description="a person's team, a unit's parent")
    value: Decimal | None


class AttainedOut(RankedOut):
    target: Decimal | None = Field(description="the month's target")
    achievement: Decimal | None = Field(description="month to date against it, a fraction")
    lead_points: Decimal | None = Field(
        description="achievement minus the month's time progress, in percentage points"
    )


class OutlierOut(RankedOut):
    achievement: Decimal | None
    outlier: list[str] = Field(description="why it is flagged (core.outliers), not ranked")


class AttainmentOut(Schema):
    month: str
    end: dt.date
    time_progress: Decimal = Field(description="the month's time progress at `end`, a fraction")
    people: list[AttainedOut] = Field(description="ranked by achievement of the month target")
    teams: list[AttainedOut]
    outliers: list[OutlierOut]


class StarOut(Schema):
    title: str
    person: RankedOut
    note: str


class BattleOut(Schema):
    week: str
    start: dt.date
    end: dt.date = Field(description="the week's last day counted (`at` while it runs)")
    unit: str = Field(description="the subtree reported on; empty: the whole company")
    total: StatOut = Field(description="the week's revenue against last week and last year")
    month_to_date: StatOut | None
    people: list[RankedOut] = Field(description="the week's best sellers by revenue")
    teams: list[RankedOut] = Field(description="every team (or region) by revenue")
    stars: list[StarOut] = Field(
        description="优秀人物: top seller, biggest gain, most new customers"
    )
    attainment: AttainmentOut | None = Field(description="this month's 完成率 ranking")
    news: list[NewsOut]


class UnitOut(Schema):
    node_id: int
    name: str
    revenue: Decimal | None
    previous: Decimal | None
    vs_previous: Decimal | None = Field(
        description="revenue's change on the period before, a fraction (0.125 is +12.5%)"
    )
    last_year: Decimal | None
    vs_last_year: Decimal | None = Field(description="revenue's change on last year, a fraction")


class ReportOut(Schema):
    node_id: int
    node: str
    kind: str
    period: str
    start: dt.date
    end: dt.date = Field(description="the period's last day counted (`at` while it runs)")
    previous: str = Field(description="the period compared with (环比)")
    stats: list[StatOut] = Field(description="key metrics of the subtree")
    units: list[UnitOut] = Field(description="the units right below, by revenue")
    people: list[RankedOut] = Field(description="the best people by revenue")
    attainment: AttainmentOut | None = Field(description="this month's 完成率 ranking")
    news: list[NewsOut]


def _stat(s: Stat) -> dict[str, Any]:
    return {
        "metric": s.metric.code,
        "name": metric_name(s.metric.code),
        "value": s.value,
        "previous": s.previous,
        "vs_previous": s.vs_previous,
        "last_year": s.last_year,
        "vs_last_year": s.vs_last_year,
        "change_unit": "points" if s.in_points else "fraction",
        "uncosted_amount": s.uncosted,
        "note": s.uncosted_note,
    }


def _ranked(e: Entry) -> dict[str, Any]:
    return {"rank": e.rank, "key": e.key, "label": e.label, "unit": e.unit, "value": e.value}


def _attainment(a: Attainment | None) -> dict[str, Any] | None:
    if a is None:
        return None

    def row(r: AttainmentRow) -> dict[str, Any]:
        e = r.entry
        return _ranked(e) | {
            "target": e.target,
            "achievement": e.achievement,
            "lead_points": r.lead_points,
        }

    return {
        "month": a.month.label,
        "end": a.end,
        "time_progress": a.time_progress,
        "people": [row(r) for r in a.people],
        "teams": [row(r) for r in a.teams],
        "outliers": [
            _ranked(e) | {"achievement": e.achievement, "outlier": [r.value for r in e.outlier]}
            for e in a.outliers
        ],
    }


def _scope(request: AuthenticatedRequest) -> Scope:
    scope = request_scope(request)
    reports_require(scope)
    return scope


def _period(field: str, code: str, day: dt.date, kind: str) -> Period:
    """The week or month asked for; a code that names no whole week or month of ``kind`` is
    refused naming the form expected, not silently replaced (the page falls back instead)."""
    period = report_period(code, day, kind)
    if code and (period.label != code.strip() or period.kind.value != kind):
        example = "2026-W05" if kind == "week" else "2026-03"
        raise ValidationError(
            {
                field: [
                    _("“%(code)s”不是一个完整的%(kind)s；例如 %(example)s")
                    % {"code": code, "kind": KIND_LABELS[kind], "example": example}
                ]
            }
        )
    return period


@router.get("/battle", response=BattleOut)
def battle(
    request: AuthenticatedRequest,
    week: str = Query(
        "", description="the week, as the page's `week` (e.g. 2026-W05); default: the week of `at`"
    ),
    node: int | None = query_id("report on this org node's subtree; default: your whole scope"),
    at: dt.date | None = Query(None, description="as of this day; default today"),
) -> dict[str, Any]:
    """The week's battle report (战报) as the page shows it: revenue against last week and last
    year, month to date, the best sellers, team ranking, stars and good news. Leaders and
    finance only; a node outside your scope is a 404."""
    scope = _scope(request)
    version = facts_version()
    day = as_of(at, version=version).day
    period = _period("week", week, day, "week")
    within = report_within(scope, node)
    report = battle_report(week=period, within=within, at=day, version=version)
    return {
        "week": period.label,
        "start": report.start,
        "end": report.end,
        "unit": report.unit,
        "total": _stat(report.total),
        "month_to_date": _stat(report.month_to_date) if report.month_to_date else None,
        "people": [_ranked(e) for e in report.people],
        "teams": [_ranked(e) for e in report.teams],
        "stars": [
            {"title": s.title, "person": _ranked(s.entry), "note": s.note} for s in report.stars
        ],
        "attainment": _attainment(report.attainment),
        "news": [news_out(scope, n) for n in report.news],
    }


@router.get("/report", response=ReportOut)
def report(
    request: AuthenticatedRequest,
    kind: str = Query("week", description="week or month"),
    period: str = Query(
        "",
        description="the week or month, as `kind` says (e.g. 2026-W05, 2026-03); default: "
        "the one of `at`",
    ),
    node: int | None = query_id("report on this org node's subtree; default: your scope's top"),
    at: dt.date | None = Query(None, description="as of this day; default today"),
) -> dict[str, Any]:
    """A week's or month's report of a subtree as the page shows it: key metrics against the
    period before and last year, each unit below, the best people, the good news."""
    scope = _scope(request)
    if kind not in KINDS:
        raise choice_refused("kind", kind, KINDS)
    version = facts_version()
    day = as_of(at, version=version).day
    span = _period("period", period, day, kind)
    within = report_within(scope, node) or OrgNode.objects.filter(parent__isnull=True).first()
    if within is None:
        raise Http404
    data = period_report(node=within, period=span, at=day, scope=scope, version=version)
    return {
        "node_id": within.pk,
        "node": within.name,
        "kind": kind,
        "period": span.label,
        "start": data.start,
        "end": data.end,
        "previous": data.previous.label,
        "stats": [_stat(s) for s in data.stats],
        "units": [
            {
                "node_id": u.node.pk,
                "name": u.node.name,
                "revenue": u.revenue,
                "previous": u.previous,
                "vs_previous": u.vs_previous,
                "last_year": u.last_year,
                "vs_last_year": u.vs_last_year,
            }
            for u in data.units
        ],
        "people": [_ranked(e) for e in data.people],
        "attainment": _attainment(data.attainment),
        "news": [news_out(scope, n) for n in data.news],
    }
