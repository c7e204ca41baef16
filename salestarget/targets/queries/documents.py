"""The figures of the documents: the monthly target decomposition card (月度销售目标分解卡)
and the target responsibility letter (目标责任书), one data object each, so the PDF and the
workbook (``services.documents``) always say the same.

The card states the month's target with its base and challenge figures, last year's actual,
the working days and the daily rate they imply (日点检), the split by week (the saved one,
or a working-day split for reference) and by product where one exists, and what the person
said they need (草案: obstacles and resources).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.catalog.calendar import work_calendar
from salestarget.core.allocation import allocate, day_weights
from salestarget.core.money import quantize
from salestarget.core.periods import PeriodKind
from salestarget.org.models import CompanySettings, OrgNode, Person
from salestarget.targets.cells import Cell, actuals_for, facts_through
from salestarget.targets.company_metrics import metric_definition, metric_name, value_decimals
from salestarget.targets.fiscal_periods import fiscal_calendar, period_parse, period_year_ago
from salestarget.targets.models import DraftStatus, Target, TargetDraft, TargetPlan
from salestarget.targets.queries.managers import node_managers
from salestarget.wording import series


@dataclass
class Line:
    label: str
    value: Decimal
    base_value: Decimal | None = None
    challenge_value: Decimal | None = None
    note: str = ""


@dataclass
class CardData:
    company: str
    title: str
    holder: str
    node: str
    manager: str
    period: str
    metric: str
    unit: str
    decimals: int
    value: Decimal
    base_value: Decimal | None
    challenge_value: Decimal | None
    last_year: Decimal | None
    working_days: int
    per_day: Decimal | None
    weeks: list[Line] = field(default_factory=list)
    weeks_saved: bool = False
    products: list[Line] = field(default_factory=list)
    obstacles: str = ""
    resources: str = ""
    status: str = ""
    printed_on: str = ""
    # The last day with facts when last year's span runs past it (the figure is so far).
    last_year_through: dt.date | None = None


def company_name() -> str:
    """The company's name from the settings, else the name of the top of the org tree."""
    name = CompanySettings.current().name
    if name:
        return name
    top = OrgNode.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
    return top.name if top else ""


def _holder(target: Target) -> str:
    if target.person_id and target.person is not None:
        return target.person.name
    return target.node.name if target.node else ""


def _manager_of(target: Target) -> str:
    if target.node is None:
        return ""
    managers = [p for p in node_managers(target.node) if p.pk != target.person_id]
    return series(p.name for p in managers)


def _draft_of(target: Target) -> TargetDraft | None:
    if target.person_id is None or target.parent_id is None:
        return None
    return (
        TargetDraft.objects.filter(
            round__target_id=target.parent_id,
            person_id=target.person_id,
            status__in=(DraftStatus.ACCEPTED, DraftStatus.CHANGED),
        )
        .order_by("-round__opened_at")
        .first()
    )


def card_data(target: Target) -> CardData:
    metric = metric_definition(target.metric)
    decimals = value_decimals(metric)
    period = period_parse(target.period)
    ly_start, ly_end = period_year_ago(period)
    last_year = actuals_for(
        metric, [Cell.of(target).spanning(ly_start, ly_end)], none_without_rows=True
    )[0]
    calendar = work_calendar(period.start, period.end)
    working = calendar.working_days(period.start, period.end)
    per_day = quantize(target.value / working, decimals) if working and metric.accumulates else None
    children = list(
        target.children.select_related("product", "product_line", "product_category").order_by(
            "sort_order", "pk"
        )
    )
    weeks: list[Line] = []
    products: list[Line] = []
    axis = target.split_axes.split(",")[0] if target.split_axes else ""
    if axis == "week":
        weeks = [Line(c.period, c.value, c.base_value, c.challenge_value) for c in children]
    elif axis.startswith("product"):
        products = [
            Line(
                str(c.product or c.product_line or c.product_category),
                c.value,
                c.base_value,
                c.challenge_value,
            )
            for c in children
        ]
    saved = bool(weeks)
    if not weeks and metric.accumulates and period.kind.rank < PeriodKind.WEEK.rank:
        spans = fiscal_calendar().subperiods(period, PeriodKind.WEEK)
        shares = allocate(target.value, day_weights(spans, calendar), decimals=decimals).shares
        weeks = [
            Line(
                _("%(week)s（%(start)s~%(end)s）")
                % {"week": p.label, "start": f"{p.start:%m-%d}", "end": f"{p.end:%m-%d}"},
                v,
                note=_("%(n)d 个工作日") % {"n": calendar.working_days(p.start, p.end)},
            )
            for p, v in zip(spans, shares, strict=True)
        ]
    draft = _draft_of(target)
    company = CompanySettings.current()
    return CardData(
        company=company_name(),
        title=_("月度销售目标分解卡") if period.kind is PeriodKind.MONTH else _("销售目标分解卡"),
        holder=_holder(target),
        node=target.node.name if target.node else "",
        manager=_manager_of(target),
        period=target.period,
        metric=metric_name(target.metric),
        unit=company.currency if metric.unit.value == "money" else "",
        decimals=decimals,
        value=target.value,
        base_value=target.base_value,
        challenge_value=target.challenge_value,
        last_year=last_year,
        last_year_through=facts_through(ly_start, ly_end),
        working_days=working,
        per_day=per_day,
        weeks=weeks,
        weeks_saved=saved,
        products=products,
        obstacles=draft.obstacles if draft else "",
        resources=draft.resources if draft else "",
        status=target.get_status_display(),
        printed_on=timezone.localdate().isoformat(),
    )


@dataclass
class LetterData:
    company: str
    plan: str
    person: str
    employee_no: str
    node: str
    manager: str
    period: str
    period_start: str
    period_end: str
    metric: str
    unit: str
    decimals: int
    total: Decimal
    base_total: Decimal | None
    challenge_total: Decimal | None
    lines: list[Line]
    clauses: list[str]
    printed_on: str


def letter_data(plan: TargetPlan, person: Person, targets: list[Target]) -> LetterData:
    """The responsibility letter of ``person`` for their ``targets`` in ``plan``."""
    metric = metric_definition(plan.metric)
    decimals = value_decimals(metric)
    targets = sorted(targets, key=lambda t: (t.period_start, -(t.period_end - t.period_start).days))
    # The widest target is the commitment; finer ones are its breakdown.
    widest = max(targets, key=lambda t: (t.period_end - t.period_start).days)
    same_width = [
        t
        for t in targets
        if (t.period_end - t.period_start) == (widest.period_end - widest.period_start)
    ]

    def total(figure: str) -> Decimal | None:
        values = [getattr(t, figure) for t in same_width]
        return None if any(v is None for v in values) else sum(values, Decimal(0))

    node = targets[0].node
    managers = [p for p in node_managers(node) if p.pk != person.pk] if node else []
    company = CompanySettings.current()
    start = min(t.period_start for t in targets)
    end = max(t.period_end for t in targets)
    clauses = [
        _(
            "乙方承诺在目标期间内完成上述销售目标，保底目标为必须完成的最低要求，挑战目标为争取达成的目标。"
        ),
        _("甲方为乙方提供完成目标所需的产品、政策、费用及培训等资源和支持。"),
        _("目标完成情况按月度跟踪考核，考核结果与绩效、提成和奖金挂钩。"),
        _(
            "目标如因市场变化、组织调整或不可抗力需要调整，须按公司目标调整流程申请，经上级批准后生效。"
        ),
        _("本责任书一式两份，甲乙双方各执一份，自双方签字之日起生效。"),
    ]
    return LetterData(
        company=company_name(),
        plan=plan.name,
        person=person.name,
        employee_no=person.employee_no,
        node=node.name if node else "",
        manager=series(p.name for p in managers),
        period=plan.period if len(same_width) != 1 else widest.period,
        period_start=start.isoformat(),
        period_end=end.isoformat(),
        metric=metric_name(plan.metric),
        unit=company.currency if metric.unit.value == "money" else "",
        decimals=decimals,
        total=total("value") or Decimal(0),
        base_total=total("base_value"),
        challenge_total=total("challenge_value"),
        lines=[Line(t.label, t.value, t.base_value, t.challenge_value) for t in targets],
        clauses=clauses,
        printed_on=timezone.localdate().isoformat(),
    )
