"""Documents: the monthly target decomposition card (月度销售目标分解卡) and the target
responsibility letter (目标责任书), as PDF (WeasyPrint, CJK fonts) and as Excel (openpyxl).

Both are built from one data object each, so the PDF and the workbook always say the same.
The card states the month's target with its base and challenge figures, last year's actual,
the working days and the daily rate they imply (日点检), the split by week (the saved one,
or a working-day split for reference) and by product where one exists, and what the person
said they need (草案: obstacles and resources).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from salestarget.catalog.calendar import work_calendar
from salestarget.core.allocation import allocate, day_weights
from salestarget.core.money import quantize
from salestarget.core.periods import PeriodKind
from salestarget.org.models import CompanySettings, OrgNode, Person
from salestarget.spreadsheets import workbook_bytes
from salestarget.targets.calendar import fiscal_calendar, period_parse, period_year_ago
from salestarget.targets.cells import Cell, actuals_for
from salestarget.targets.metrics import metric_definition, metric_name, value_decimals
from salestarget.targets.models import DraftStatus, Target, TargetDraft, TargetPlan
from salestarget.targets.services.cycles import node_managers
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


def company_name() -> str:
    """The company's name from the settings, else the name of the top of the org tree."""
    name = CompanySettings.current().name
    if name:
        return name
    top = OrgNode.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
    return top.name if top else ""


def _holder(target: Target) -> str:
    if target.person_id:
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
        return None if any(v is None for v in values) else sum(values, Decimal(0))  # type: ignore[arg-type]

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


def render_pdf(template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def card_html(data: CardData) -> str:
    return render_to_string("targets/documents/card.html", {"card": data})


def card_pdf(data: CardData) -> bytes:
    return render_pdf("targets/documents/card.html", {"card": data})


def letter_pdf(data: LetterData) -> bytes:
    return render_pdf("targets/documents/letter.html", {"letter": data})


# -- Excel --------------------------------------------------------------------------------------


def _book() -> tuple[object, object]:
    from openpyxl import Workbook

    book = Workbook()
    return book, book.active


def _money_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def card_xlsx(data: CardData) -> bytes:
    from openpyxl.styles import Alignment, Font

    book, sheet = _book()
    sheet.title = _("分解卡")[:31]  # type: ignore[attr-defined]
    fmt = _money_format(data.decimals)
    rows: list[list[object]] = [
        [data.company],
        [data.title],
        [],
        [_("姓名/组织"), data.holder, _("所属组织"), data.node],
        [_("直属上级"), data.manager, _("期间"), data.period],
        [_("指标"), data.metric, _("单位"), data.unit],
        [],
        [
            _("目标值"),
            data.value,
            _("保底目标"),
            data.base_value,
            _("挑战目标"),
            data.challenge_value,
        ],
        [
            _("去年同期实际"),
            data.last_year,
            _("工作日天数"),
            data.working_days,
            _("日均需完成"),
            data.per_day,
        ],
        [],
        [_("周分解"), _("目标值"), _("说明")],
        *[[w.label, w.value, w.note] for w in data.weeks],
    ]
    if data.products:
        rows += [[], [_("产品分解"), _("目标值"), _("保底目标"), _("挑战目标")]]
        rows += [[p.label, p.value, p.base_value, p.challenge_value] for p in data.products]
    rows += [
        [],
        [_("预计困难"), data.obstacles],
        [_("所需资源和条件"), data.resources],
        [],
        [_("本人签字"), "", _("上级签字"), "", _("日期"), data.printed_on],
    ]
    for row in rows:
        sheet.append(row)  # type: ignore[attr-defined]
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = fmt
    sheet["A1"].font = Font(bold=True, size=14)  # type: ignore[index]
    sheet["A2"].font = Font(bold=True, size=12)  # type: ignore[index]
    for col in "ABCDEF":
        sheet.column_dimensions[col].width = 22  # type: ignore[attr-defined]
    sheet["B17"].alignment = Alignment(wrap_text=True)  # type: ignore[index]
    return _save(book)


def letter_xlsx(data: LetterData) -> bytes:
    from openpyxl.styles import Font

    book, sheet = _book()
    sheet.title = _("目标责任书")[:31]  # type: ignore[attr-defined]
    fmt = _money_format(data.decimals)
    rows: list[list[object]] = [
        [data.company + " " + _("目标责任书")],
        [],
        [_("甲方"), data.company, _("上级"), data.manager],
        [_("乙方"), data.person, _("工号"), data.employee_no],
        [_("所属组织"), data.node, _("目标计划"), data.plan],
        [_("目标期间"), f"{data.period_start} ~ {data.period_end}", _("指标"), data.metric],
        [],
        [
            _("目标值"),
            data.total,
            _("保底目标"),
            data.base_total,
            _("挑战目标"),
            data.challenge_total,
        ],
        [],
        [_("目标明细"), _("目标值"), _("保底目标"), _("挑战目标")],
        *[[line.label, line.value, line.base_value, line.challenge_value] for line in data.lines],
        [],
        [_("条款")],
        *[[f"{i}. {c}"] for i, c in enumerate(data.clauses, 1)],
        [],
        [_("甲方（签字）"), "", _("乙方（签字）"), "", _("日期"), data.printed_on],
    ]
    for row in rows:
        sheet.append(row)  # type: ignore[attr-defined]
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = fmt
    sheet["A1"].font = Font(bold=True, size=14)  # type: ignore[index]
    for col in "ABCDEF":
        sheet.column_dimensions[col].width = 22  # type: ignore[attr-defined]
    return _save(book)


def _save(book: object) -> bytes:
    return workbook_bytes(book)  # type: ignore[arg-type]
