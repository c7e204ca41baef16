"""Downloads: the battle report and the subtree reports as PDF (WeasyPrint, CJK fonts) and
Excel (openpyxl), the gap analysis and the tracking tree as Excel. Each is drawn from the same
data object its page shows."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from salestarget.core.metrics import metric_change
from salestarget.spreadsheets import workbook_bytes
from salestarget.targets.company_metrics import metric_name
from salestarget.tracking.queries.attainment import Attainment
from salestarget.tracking.queries.gap import OTHER, GapAnalysis
from salestarget.tracking.queries.reports import BattleReport, PeriodReport
from salestarget.tracking.queries.tree import TrackingTree
from salestarget.tracking.templatetags.tracking_tags import status_label

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY = "#,##0.00"
PERCENT = "0.0%"
POINTS = '+0.00" pp";-0.00" pp";0.00" pp"'


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()  # type: ignore[no-any-return]


def battle_pdf(report: BattleReport, company: str) -> bytes:
    return render_pdf(
        template="tracking/pdf/battle.html", context={"report": report, "company": company}
    )


def report_pdf(report: PeriodReport, company: str) -> bytes:
    return render_pdf(
        template="tracking/pdf/report.html", context={"report": report, "company": company}
    )


# -- Excel -----------------------------------------------------------------------------------------


class _Book:
    def __init__(self) -> None:
        from openpyxl import Workbook

        self.book = Workbook()
        self.sheet: Any = self.book.active

    def new_sheet(self, title: str) -> None:
        self.sheet = self.book.create_sheet(title[:31])

    def title(self, text: str) -> None:
        from openpyxl.styles import Font

        self.row(text, fonts={0: Font(bold=True, size=14)})

    def header(self, *names: str) -> None:
        from openpyxl.styles import Font, PatternFill

        bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEF3F9")
        self.sheet.append([self._cell(name, font=bold, fill=fill) for name in names])

    def row(
        self,
        *values: Any,
        formats: dict[int, str] | None = None,
        fonts: dict[int, Any] | None = None,
    ) -> None:
        """Append one row, each cell built with its format: asking the sheet for its last row
        (``max_row``) walks every cell, which made an export of 1,590 rows take 8 s."""
        formats, fonts = formats or {}, fonts or {}
        self.sheet.append(
            [  # openpyxl writes Decimal as it is
                self._cell(value, number_format=formats.get(i), font=fonts.get(i))
                for i, value in enumerate(values)
            ]
        )

    def _cell(
        self, value: Any, *, number_format: str | None = None, font: Any = None, fill: Any = None
    ) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=value)
        if number_format:
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def blank(self) -> None:
        self.sheet.append([])

    def save(self) -> bytes:
        from openpyxl.utils import get_column_letter

        for sheet in self.book.worksheets:
            # ``columns`` starts at column A (``iter_cols`` from column 1).
            for index, column in enumerate(sheet.columns, start=1):
                width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
                sheet.column_dimensions[get_column_letter(index)].width = min(
                    max(10, width * 1.6), 48
                )
        return workbook_bytes(self.book)


def battle_xlsx(report: BattleReport, company: str) -> bytes:
    b = _Book()
    b.sheet.title = _("战报")
    b.title(f"{company} {report.unit} {_('销售战报')} {report.period.label}")
    b.row(_("期间"), f"{report.start} ~ {report.end}")
    b.row(_("周销售额"), report.total.value, formats={1: MONEY})
    b.row(_("上周"), report.total.previous, formats={1: MONEY})
    b.row(_("环比"), report.total.vs_previous, formats={1: PERCENT})
    b.row(_("去年同期"), report.total.last_year, formats={1: MONEY})
    b.row(_("同比"), report.total.vs_last_year, formats={1: PERCENT})
    b.blank()
    b.header(_("排名"), _("姓名"), _("团队"), _("销售额"))
    for e in report.people:
        b.row(e.rank, e.label, e.unit, e.value, formats={3: MONEY})
    b.new_sheet(_("团队排名"))
    b.header(_("排名"), _("团队"), pgettext("org unit", "上级"), _("销售额"))
    for e in report.teams:
        b.row(e.rank, e.label, e.unit, e.value, formats={3: MONEY})
    b.new_sheet(_("优秀人物"))
    b.header(_("称号"), _("姓名"), _("团队"), _("说明"))
    for s in report.stars:
        b.row(s.title, s.entry.label, s.entry.unit, s.note)
    _attainment_sheet(b, report.attainment)
    return b.save()


def _attainment_sheet(b: _Book, a: Attainment | None) -> None:
    """This month's 完成率 ranking beside time progress, as on the page."""
    if a is None:
        return
    b.new_sheet(_("完成率排行"))
    b.row(_("期间"), f"{a.month.start} ~ {a.end}")
    b.row(_("时间进度"), a.time_progress, formats={1: PERCENT})
    b.blank()
    b.header(_("排名"), _("姓名"), _("团队"), _("本月实际"), _("本月目标"), _("完成率"))
    for row in a.people:
        e = row.entry
        b.row(
            e.rank,
            e.label,
            e.unit,
            e.value,
            e.target,
            e.achievement,
            formats={3: MONEY, 4: MONEY, 5: PERCENT},
        )


def report_xlsx(report: PeriodReport, company: str) -> bytes:
    b = _Book()
    b.sheet.title = _("报表")
    b.title(f"{company} {report.node.name} {report.period.label}")
    b.row(_("期间"), f"{report.start} ~ {report.end}")
    b.blank()
    b.header(_("指标"), _("本期"), _("上期"), _("环比"), _("去年同期"), _("同比"))
    for s in report.stats:
        # A ratio (费用率) moves in percentage points, an amount in percent, as on the page
        # (core.metrics.metric_change decides which).
        vs_previous = metric_change(s.metric, value=s.value, reference=s.previous)
        vs_last_year = metric_change(s.metric, value=s.value, reference=s.last_year)
        fmt, change = (PERCENT, POINTS) if vs_previous.in_points else (MONEY, PERCENT)
        b.row(
            metric_name(s.metric.code),
            s.value,
            s.previous,
            vs_previous.amount,
            s.last_year,
            vs_last_year.amount,
            formats={1: fmt, 2: fmt, 3: change, 4: fmt, 5: change},
        )
    for s in report.stats:
        if s.uncosted:
            b.row(metric_name(s.metric.code), s.uncosted_note)
    b.new_sheet(_("下级单位"))
    b.header(_("单位"), _("销售额"), _("上期"), _("环比"), _("去年同期"), _("同比"))
    for u in report.units:
        b.row(
            u.node.name,
            u.revenue,
            u.previous,
            u.vs_previous,
            u.last_year,
            u.vs_last_year,
            formats={1: MONEY, 2: MONEY, 3: PERCENT, 4: MONEY, 5: PERCENT},
        )
    b.new_sheet(_("人员排名"))
    b.header(_("排名"), _("姓名"), _("团队"), _("销售额"))
    for e in report.people:
        b.row(e.rank, e.label, e.unit, e.value, formats={3: MONEY})
    _attainment_sheet(b, report.attainment)
    return b.save()


def gap_xlsx(analysis: GapAnalysis, title: str) -> bytes:
    b = _Book()
    b.sheet.title = _("差距贡献")
    b.title(title)
    b.header(_("名称"), _("对比基准"), _("实际"), _("差距（正数为落后）"), _("占未完成部分"))
    for r in analysis.rows:
        label = r.label if r.key != OTHER else _("其他（未归入以上各项）")
        b.row(
            label,
            r.reference,
            r.actual,
            r.gap,
            r.share,
            formats={1: MONEY, 2: MONEY, 3: MONEY, 4: PERCENT},
        )
    b.row(
        _("合计"),
        analysis.reference,
        analysis.actual,
        analysis.gap,
        formats={1: MONEY, 2: MONEY, 3: MONEY},
    )
    if analysis.pvm is not None:
        labels = analysis.pvm_labels or {}
        b.new_sheet(_("价格销量结构"))
        b.header(
            _("产品"),
            _("去年同期"),
            _("本期"),
            _("变化"),
            _("价格影响"),
            _("销量影响"),
            _("结构影响"),
        )
        for i in analysis.pvm.items:
            b.row(
                labels.get(i.key, i.key),
                i.base_revenue,
                i.revenue,
                i.change,
                i.price,
                i.volume,
                i.mix,
                formats=dict.fromkeys(range(1, 7), MONEY),
            )
        p = analysis.pvm
        b.row(
            _("合计"),
            p.base_revenue,
            p.revenue,
            p.change,
            p.price,
            p.volume,
            p.mix,
            formats=dict.fromkeys(range(1, 7), MONEY),
        )
    return b.save()


def tree_xlsx(tree: TrackingTree) -> bytes:
    b = _Book()
    b.sheet.title = _("跟踪树")
    b.title(f"{tree.plan.name} · {tree.at}")
    b.header(
        _("目标"),
        _("目标值"),
        _("实际"),
        _("完成率"),
        _("时间进度"),
        _("应完成"),
        _("差距"),
        _("预计完成"),
        _("日点检"),
        _("状态"),
    )
    for row in tree.rows:
        r = row.result
        b.row(
            "  " * row.level + row.target.label,
            row.target.value,
            r.actual,
            r.achievement,
            r.time_progress,
            r.expected_to_date,
            r.gap_to_date,
            r.projection,
            r.needed_per_day,
            str(status_label(row.status)),
            formats={
                1: MONEY,
                2: MONEY,
                3: PERCENT,
                4: PERCENT,
                5: MONEY,
                6: MONEY,
                7: MONEY,
                8: MONEY,
            },
        )
    return b.save()
