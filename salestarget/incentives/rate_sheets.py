"""Rate tables as an Excel workbook, both ways: a plan's tiers and pay-curve points written
one row per tier (the sheet finance keeps and edits), and such a sheet read back, every bad
cell named by its row and column. Writing goes through ``spreadsheets.workbook_bytes`` (no
cell runs as a formula); reading through ``importing.reading.read_table`` (the one reader of
uploaded files: any Excel or CSV, a title line, totals)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook

from salestarget.core.commission.rates import TierBasis, TierMode
from salestarget.importing.reading import ROW, TableError, read_table
from salestarget.incentives.models import CommissionPlan, PlanComponent
from salestarget.spreadsheets import workbook_bytes

CODE, NAME, MODE, BASIS, LOWER, RATE = (
    "提成项编码",
    "提成项",
    "计算方式",
    "分档依据",
    "下限",
    "比例",
)
HEADERS = [CODE, NAME, MODE, BASIS, LOWER, RATE]
MAX_RATE = Decimal(1)  # 100%: a bigger rate is a percentage typed without its sign


def _fraction_format(component: PlanComponent, column: str) -> bool:
    """Whether ``column`` of ``component``'s rows is a fraction shown as a percentage."""
    if column == RATE:
        return True
    return component.mode == TierMode.CURVE or component.basis == TierBasis.ATTAINMENT


def rates_workbook(plan: CommissionPlan) -> bytes:
    """The .xlsx of ``plan``'s rate tables: one row per tier (or curve point)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("比例表")
    sheet.append(HEADERS)
    for component in plan.components.filter(kind="rate_table").order_by("sort_order", "pk"):
        rows = component.points if component.mode == TierMode.CURVE else component.tiers
        for lower, rate in rows:
            sheet.append(
                [
                    component.code,
                    component.name,
                    component.mode,
                    component.basis,
                    Decimal(str(lower)),
                    Decimal(str(rate)),
                ]
            )
            row = sheet.max_row
            for column, letter in ((LOWER, "E"), (RATE, "F")):
                cell = sheet[f"{letter}{row}"]
                fraction = _fraction_format(component, column)
                cell.number_format = "0.00##%" if fraction else "#,##0.00"
    for letter, width in zip("ABCDEF", (14, 20, 12, 12, 14, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(book)


@dataclass(frozen=True)
class SheetTable:
    """The rows of one component read from a sheet."""

    mode: str
    basis: str
    rows: list[list[str]]


def _number(raw: str, row: int, column: str) -> Decimal:
    text = raw.replace(",", "").replace("，", "").strip()
    percent = text.endswith("%")
    try:
        value = Decimal(text.rstrip("%").strip())
    except InvalidOperation as exc:
        raise _cell_error(row, column, _("“%(v)s”不是数字") % {"v": raw}) from exc
    if not value.is_finite():
        raise _cell_error(row, column, _("“%(v)s”不是数字") % {"v": raw})
    return value / 100 if percent else value


def _cell_error(row: int, column: str, message: str) -> ValidationError:
    return ValidationError(
        {
            "file": _("第 %(row)s 行“%(col)s”列：%(msg)s")
            % {"row": row, "col": column, "msg": message}
        }
    )


def rates_read(data: bytes, file_name: str, plan: CommissionPlan) -> dict[str, SheetTable]:
    """``{component code: its rows}`` from an uploaded sheet; ValidationError naming the row
    and column of the first bad cell (or the missing column, or the unknown component)."""
    try:
        table = read_table(data, file_name)
    except TableError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    missing = [h for h in (CODE, LOWER, RATE) if h not in table.headers]
    if missing:
        raise ValidationError({"file": _("缺少列：%(cols)s") % {"cols": "、".join(missing)}})
    known = {c.code: c for c in plan.components.filter(kind="rate_table")}
    found: dict[str, list[list[str]]] = defaultdict(list)
    modes: dict[str, tuple[str, str]] = {}
    for record in table.frame.iter_rows(named=True):
        row = int(record[ROW])
        code = (record.get(CODE) or "").strip()
        if code not in known:
            raise _cell_error(
                row, CODE, _("方案中没有比例表提成项“%(code)s”") % {"code": code or "—"}
            )
        component = known[code]
        mode = (record.get(MODE) or component.mode).strip()
        basis = (record.get(BASIS) or component.basis).strip()
        if mode not in {m.value for m in TierMode}:
            raise _cell_error(row, MODE, _("计算方式须为 marginal、retroactive 或 curve"))
        if basis not in {b.value for b in TierBasis}:
            raise _cell_error(row, BASIS, _("分档依据须为 attainment 或 amount"))
        if modes.setdefault(code, (mode, basis)) != (mode, basis):
            raise _cell_error(row, MODE, _("同一提成项的各行计算方式和分档依据须相同"))
        lower = _number(record.get(LOWER) or "", row, LOWER)
        rate = _number(record.get(RATE) or "", row, RATE)
        if rate < 0 or (mode != TierMode.CURVE and rate > MAX_RATE):
            raise _cell_error(
                row, RATE, _("比例 %(v)s 不在 0～100%% 之间（百分比请带 %% 号）") % {"v": rate}
            )
        if lower < 0:
            raise _cell_error(row, LOWER, _("下限不能为负数"))
        found[code].append([str(lower), str(rate)])
    if not found:
        raise ValidationError({"file": _("文件里没有档位")})
    return {code: SheetTable(modes[code][0], modes[code][1], rows) for code, rows in found.items()}
