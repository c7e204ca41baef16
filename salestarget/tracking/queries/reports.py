"""Reports: the weekly battle report (战报: 每周业绩排行, 团队排名, 优秀人物) and the weekly or
monthly report of a subtree — one data object each, drawn as a page, a PDF and a workbook so
all three always say the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from salestarget.core.metrics import BUILTIN_METRICS, MetricDefinition, evaluate, metric_change
from salestarget.core.money import DECIMAL_CONTEXT, RATIO_PLACES, quantize
from salestarget.core.periods import Period, PeriodKind
from salestarget.org.models import NodeKind, OrgNode, Role
from salestarget.org.scoping import Scope
from salestarget.targets.cells import Cell
from salestarget.targets.fiscal_periods import fiscal_calendar
from salestarget.tracking.models import GoodNews
from salestarget.tracking.queries.attainment import Attainment, month_attainment
from salestarget.tracking.queries.context import year_back
from salestarget.tracking.queries.leaderboard import Entry, leaderboard, leaderboard_within
from salestarget.tracking.queries.sums import fact_sums, grouped_sums
from salestarget.tracking.queries.uncosted import facts_read, uncosted_note, uncosted_of
from salestarget.ui.amounts import amount_text

REPORT_ROLES = {Role.ADMIN, Role.EXECUTIVE, Role.MANAGER, Role.FINANCE}
REVENUE = BUILTIN_METRICS["revenue"]
REPORT_METRICS = ("revenue", "gross_profit", "collections", "expense_rate", "new_customers")


def reports_require(scope: Scope) -> None:
    """Reports are for leaders and finance (pages and API alike); a rep has their dashboard."""
    if scope.role not in REPORT_ROLES:
        raise PermissionDenied


def report_within(scope: Scope, node_id: int | None) -> OrgNode | None:
    """The subtree a report covers: the node asked for (404 when the caller may not see it or
    there is none), else the top of the caller's scope (None: the whole company)."""
    if not node_id:
        return leaderboard_within(scope, None)
    node = OrgNode.objects.filter(pk=node_id).first()
    if node is None or not scope.can_view_node(node):
        raise Http404
    return node


def growth(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    if now is None or not before:
        return None
    return quantize(DECIMAL_CONTEXT.divide(now - before, abs(before)), RATIO_PLACES)


@dataclass
class Stat:
    metric: MetricDefinition
    value: Decimal | None
    previous: Decimal | None  # the period before (环比)
    last_year: Decimal | None  # the same days a year ago (同比)
    uncosted: Decimal | None = None  # revenue of unknown cost left out of ``value``

    @property
    def uncosted_note(self) -> str:
        return uncosted_note(self.uncosted)

    @property
    def in_points(self) -> bool:
        """Whether its changes are percentage points (a ratio metric's) or a fraction."""
        return metric_change(self.metric, value=None, reference=None).in_points

    @property
    def vs_previous(self) -> Decimal | None:
        """The change on the period before as the page shows it: percentage points for a
        ratio metric (6.52% → 6.43% is -0.09), else a fraction of the reference (0.125)."""
        return self._change(self.previous)

    @property
    def vs_last_year(self) -> Decimal | None:
        return self._change(self.last_year)

    def _change(self, reference: Decimal | None) -> Decimal | None:
        moved = metric_change(self.metric, value=self.value, reference=reference)
        return None if moved.amount is None else quantize(moved.amount, RATIO_PLACES)


@dataclass
class Star:
    title: str
    entry: Entry
    note: str = ""


@dataclass
class BattleReport:
    title: str
    unit: str
    period: Period
    start: dt.date
    end: dt.date
    total: Stat
    people: list[Entry]
    teams: list[Entry]
    stars: list[Star] = field(default_factory=list)
    news: list[GoodNews] = field(default_factory=list)
    month_to_date: Stat | None = None
    attainment: Attainment | None = None  # this month's 完成率 ranking beside time progress


def stats(
    codes: tuple[str, ...],
    *,
    node: OrgNode | None,
    start: dt.date,
    end: dt.date,
    previous: tuple[dt.date, dt.date],
    version: str,
) -> list[Stat]:
    """Each metric for the subtree: now, the period before and last year, one read."""
    node_id = node.pk if node else None
    spans = [(start, end), previous, (year_back(start), year_back(end))]
    cells = [Cell(start=a, end=b, node_id=node_id) for a, b in spans]
    from salestarget.targets.company_metrics import metric_definition

    metrics = [metric_definition(c) for c in codes]
    names = sorted({n for m in metrics for n in facts_read(m)})
    sums = fact_sums(names, cells, version=version)
    out = []
    for m in metrics:
        values = [evaluate(m, s) if s is not None else None for s, _n in sums]
        out.append(Stat(m, values[0], values[1], values[2], uncosted_of(m, sums[0][0])))
    return out


def battle_report(
    *, week: Period, within: OrgNode | None, at: dt.date, version: str, top: int = 10
) -> BattleReport:
    """The week's battle report for ``within``'s subtree (None: the whole company), up to
    ``at`` when the week is still running."""
    start, end = week.start, min(week.end, at)
    previous = (start - dt.timedelta(days=7), end - dt.timedelta(days=7))
    total = stats(
        ("revenue",), node=within, start=start, end=end, previous=previous, version=version
    )[0]
    people = leaderboard(
        metric=REVENUE, start=start, end=end, level="people", within=within, version=version
    ).entries
    team_level = _team_level(within)
    teams = leaderboard(
        metric=REVENUE, start=start, end=end, level=team_level, within=within, version=version
    ).entries
    report = BattleReport(
        title="",
        unit=within.name if within else "",
        period=week,
        start=start,
        end=end,
        total=total,
        people=[e for e in people if e.rank is not None][:top],
        teams=[e for e in teams if e.rank is not None],
    )
    report.stars = _stars(people, start, end, previous, within, version)
    report.attainment = month_attainment(
        within=within, at=end, team_level=team_level, version=version, top=top
    )
    month_start = start.replace(day=1)
    report.month_to_date = stats(
        ("revenue",),
        node=within,
        start=month_start,
        end=end,
        previous=(_month_before(month_start), _day_month_before(end)),
        version=version,
    )[0]
    news = GoodNews.objects.filter(happened_on__range=(start, end), outlier="").select_related(
        "person", "node"
    )
    if within is not None:
        news = news.filter(Q(node__path__startswith=within.path))
    report.news = list(news.order_by("-happened_on", "kind")[:20])
    return report


def _team_level(within: OrgNode | None) -> str:
    kinds = set(
        (OrgNode.objects.filter(path__startswith=within.path) if within else OrgNode.objects)
        .filter(is_active=True)
        .values_list("kind", flat=True)
    )
    return NodeKind.TEAM.value if NodeKind.TEAM.value in kinds else NodeKind.REGION.value


def _stars(
    people: list[Entry],
    start: dt.date,
    end: dt.date,
    previous: tuple[dt.date, dt.date],
    within: OrgNode | None,
    version: str,
) -> list[Star]:
    """优秀人物: the week's top seller, the biggest gain on last week, the most new customers."""
    from django.utils.translation import gettext as _

    stars: list[Star] = []
    ranked = [e for e in people if e.rank is not None]
    if ranked:
        stars.append(Star(_("销售冠军"), ranked[0]))
    before = (
        grouped_sums(
            ("amount",),
            start=previous[0],
            end=previous[1],
            group="person",
            node=within,
            version=version,
        )
        or {}
    )
    gains = [
        (e.value - before.get(e.person_id, {}).get("amount", Decimal(0)), e)
        for e in ranked
        if e.value is not None
    ]
    if gains:
        gain, entry = max(gains, key=lambda g: (g[0], -(g[1].rank or 0)))
        if gain > 0:
            stars.append(
                Star(
                    _("进步最快"),
                    entry,
                    _("比上周 %(gain)s") % {"gain": amount_text(gain, signed=True)},
                )
            )
    new = leaderboard(
        metric=BUILTIN_METRICS["new_customers"],
        start=start,
        end=end,
        level="people",
        within=within,
        version=version,
    ).entries
    if new and new[0].value:
        stars.append(Star(_("开拓新客户最多"), new[0], f"{new[0].value:,.0f}"))
    return stars


def _month_before(month_start: dt.date) -> dt.date:
    return (month_start - dt.timedelta(days=1)).replace(day=1)


def _day_month_before(day: dt.date) -> dt.date:
    """The same day of the month before, or that month's last day."""
    first = _month_before(day.replace(day=1))
    return min(first + dt.timedelta(days=day.day - 1), day.replace(day=1) - dt.timedelta(days=1))


# -- weekly / monthly report of a subtree -----------------------------------------------------


@dataclass
class UnitRow:
    node: OrgNode
    revenue: Decimal | None
    previous: Decimal | None
    last_year: Decimal | None

    @property
    def metric(self) -> MetricDefinition:
        """What the row measures (its changes are read by this metric's direction)."""
        return BUILTIN_METRICS["revenue"]

    @property
    def vs_previous(self) -> Decimal | None:
        return growth(self.revenue, self.previous)

    @property
    def vs_last_year(self) -> Decimal | None:
        return growth(self.revenue, self.last_year)


@dataclass
class PeriodReport:
    node: OrgNode
    period: Period
    start: dt.date
    end: dt.date
    previous: Period
    stats: list[Stat]
    units: list[UnitRow]
    people: list[Entry]
    news: list[GoodNews] = field(default_factory=list)
    attainment: Attainment | None = None


def period_report(
    *, node: OrgNode, period: Period, at: dt.date, scope: Scope, version: str, top: int = 10
) -> PeriodReport:
    """A week's or month's figures for ``node``'s subtree: key metrics against the period
    before and last year, each unit below, the best people, the good news."""
    cal = fiscal_calendar()
    start, end = period.start, min(period.end, at)
    before = cal.shift(period, -1)
    elapsed = (end - start).days
    previous_span = (before.start, min(before.end, before.start + dt.timedelta(days=elapsed)))
    figures = stats(
        REPORT_METRICS, node=node, start=start, end=end, previous=previous_span, version=version
    )
    kids = [
        n
        for n in OrgNode.objects.filter(parent=node, is_active=True).order_by("sort_order", "code")
        if scope.can_view_node(n)
    ]
    spans = [(start, end), previous_span, (year_back(start), year_back(end))]
    cells = [Cell(start=a, end=b, node_id=k.pk) for k in kids for a, b in spans]
    sums = fact_sums(("amount",), cells, version=version)
    units = []
    for i, k in enumerate(kids):
        values = [s["amount"] if s is not None else None for s, _n in sums[i * 3 : i * 3 + 3]]
        units.append(UnitRow(k, *values))
    units.sort(key=lambda u: -(u.revenue or Decimal(0)))
    people = leaderboard(
        metric=REVENUE, start=start, end=end, level="people", within=node, version=version
    ).entries
    news = GoodNews.objects.filter(
        happened_on__range=(start, end), node__path__startswith=node.path, outlier=""
    ).select_related("person", "node")
    return PeriodReport(
        node=node,
        period=period,
        start=start,
        end=end,
        previous=before,
        stats=figures,
        units=units,
        people=[e for e in people if e.rank is not None][:top],
        news=list(news.order_by("-happened_on")[:20]),
        attainment=month_attainment(
            within=node, at=end, team_level=_team_level(node), version=version, top=top
        ),
    )


def report_period(code: str | None, at: dt.date, kind: str = "week") -> Period:
    cal = fiscal_calendar()
    if code:
        try:
            period = cal.parse(code)
            if period.kind in (PeriodKind.WEEK, PeriodKind.MONTH) and not period.is_clipped:
                return period
        except ValueError:
            pass
    return cal.period_of(PeriodKind.WEEK if kind == "week" else PeriodKind.MONTH, at)
