"""Documents rendered from their figures (``queries.documents``): the monthly target
decomposition card (月度销售目标分解卡) and the target responsibility letter (目标责任书), as PDF
(WeasyPrint, CJK fonts) and as Excel (openpyxl)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from salestarget.spreadsheets import workbook_bytes
from salestarget.targets.queries.documents import CardData, LetterData


def render_pdf(*, template: str, context: dict[str, object]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


def card_html(*, data: CardData) -> str:
    return render_to_string("targets/documents/card.html", {"card": data})


def card_pdf(*, data: CardData) -> bytes:
    return render_pdf(template="targets/documents/card.html", context={"card": data})


def letter_pdf(*, data: LetterData) -> bytes:
    return render_pdf(template="targets/documents/letter.html", context={"letter": data})


# -- Excel --------------------------------------------------------------------------------------


def _book() -> tuple[object, object]:
    from openpyxl import Workbook

    book = Workbook()
    return book, book.active


def _money_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def card_xlsx(*, data: CardData) -> bytes:
    from openpyxl.styles import Alignment, Font

    book, sheet = _book()
    sheet.title = _("分解卡")[:31]  # type: ignore[attr-defined]
    fmt = _money_format(data.decimals)
    rows: list[Sequence[object]] = [
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
            _("去年同期实际（截至 %(day)s，不完整）") % {"day": data.last_year_through.isoformat()}
            if data.last_year_through
            else _("去年同期实际"),
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


def letter_xlsx(*, data: LetterData) -> bytes:
    from openpyxl.styles import Font

    book, sheet = _book()
    sheet.title = _("目标责任书")[:31]  # type: ignore[attr-defined]
    fmt = _money_format(data.decimals)
    rows: list[Sequence[object]] = [
        [data.company + " " + _("目标责任书")],
        [],
        [_("甲方"), data.company, pgettext("supervisor", "上级"), data.manager],
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
