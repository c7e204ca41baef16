"""Excel round trip of a decomposition: managers export a target's subtree, edit figures in
Excel and import the sheet back.

The import checks everything before writing anything: every row names a target of the
exported subtree; numbers are numbers with no more decimals than the target keeps; the top
figure is unchanged (changing what was handed down is an adjustment); approved targets are
unchanged; a row edited since the export (its version moved on) is refused; and at every
level the children still add up exactly to their parent (raised by that level's uplift). Each
problem names the sheet, the row, the column and, for sums, by how much it is off.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.core.money import to_minor
from salestarget.org.scoping import scope_for
from salestarget.spreadsheets import workbook_bytes
from salestarget.targets.company_metrics import metric_definition, value_decimals
from salestarget.targets.models import ChangeKind, Target
from salestarget.targets.permissions import require_manage
from salestarget.targets.queries import subtree_visible
from salestarget.targets.queries.decomposition import expected_children_total
from salestarget.targets.services.history import FIGURES, change_new, changes_save
from salestarget.wording import series

SHEET = "分解"
PROGRESS_EVERY = 100  # rows between two reports of a background export's progress
COLUMNS = [
    ("id", "ID"),
    ("parent", "上级ID"),
    ("level", "层级"),
    ("label", "目标"),
    ("node", "组织"),
    ("person", "人员"),
    ("period", "期间"),
    ("product", "产品"),
    ("region", "区域"),
    ("customer_type", "客户类型"),
    ("channel", "渠道"),
    ("value", "目标值"),
    ("base_value", "保底目标"),
    ("challenge_value", "挑战目标"),
    ("uplift_pct", "上浮%"),
    ("status", "状态"),
    ("version", "版本"),
]
HEADERS = dict(COLUMNS)
LETTERS = {key: chr(ord("A") + i) for i, (key, _h) in enumerate(COLUMNS)}
# Accepted header spellings (the sheet may have been relabelled in English).
ALIASES = {
    "id": "id",
    "value": "value",
    "目标值": "value",
    "保底目标": "base_value",
    "base": "base_value",
    "base_value": "base_value",
    "挑战目标": "challenge_value",
    "challenge": "challenge_value",
    "challenge_value": "challenge_value",
    "版本": "version",
    "version": "version",
}


def decomposition_xlsx(
    *, target: Target, by: User, progress: Callable[[int], object] | None = None
) -> bytes:
    """The workbook of ``target``'s subtree; ``progress`` is told the rows written so far
    (every ``PROGRESS_EVERY`` rows, and all of them before the file is saved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    targets = subtree_visible(target=target, by=by)
    decimals = value_decimals(metric_definition(target.metric))
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "")
    book = Workbook()
    sheet = cast(Worksheet, book.active)  # a new workbook's one sheet
    sheet.title = SHEET
    sheet.append([h for _k, h in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for written, t in enumerate(targets, start=1):
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
        product = t.product or t.product_line or t.product_category
        sheet.append(
            [
                t.pk,
                t.parent_id if t.pk != target.pk else None,
                t.depth - target.depth,
                ("    " * (t.depth - target.depth)) + t.label,
                t.node.name if t.node else "",
                t.person.name if t.person else "",
                t.period,
                str(product) if product else "",
                str(t.region) if t.region else "",
                str(t.customer_type) if t.customer_type else "",
                str(t.channel) if t.channel else "",
                t.value,
                t.base_value,
                t.challenge_value,
                t.uplift_pct if t.split_method else None,
                t.get_status_display(),
                t.version,
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row[11:14]:
            cell.number_format = fmt
    widths = {"D": 42, "E": 14, "F": 12, "G": 12, "L": 18, "M": 18, "N": 18}
    for col, width in widths.items():
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "E2"
    notes = book.create_sheet(_("说明")[:31])
    for line in (
        _("只修改“目标值”“保底目标”“挑战目标”三列；不要修改 ID 和版本。"),
        _("每一级的下级目标合计必须等于上级目标 ×（1 + 上浮%），精确到分。"),
        _("顶层目标值不能在导入中修改；已批准的目标请走目标调整流程。"),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    notes["A1"].alignment = Alignment(wrap_text=True)
    if progress is not None:
        progress(len(targets))
    return workbook_bytes(book)


@dataclass
class SheetProblem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = _("工作表“%(s)s”第 %(r)d 行 %(c)s 列") % {
            "s": self.sheet,
            "r": self.row,
            "c": self.column,
        }
        return _("%(where)s：%(message)s") % {"where": where, "message": self.message}


@dataclass
class ImportReport:
    problems: list[SheetProblem] = field(default_factory=list)
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def decomposition_import(
    *, target: Target, by: User, data: bytes, file_name: str = ""
) -> ImportReport:
    """Validate the edited sheet for ``target``'s subtree; write it only when all is right."""
    from openpyxl import load_workbook

    require_manage(scope_for(by), target)
    report = ImportReport()
    try:
        book = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        report.problems.append(
            SheetProblem("-", 0, "-", _("无法读取文件，请上传 .xlsx 格式的 Excel 文件。"))
        )
        return report
    if SHEET not in book.sheetnames:
        report.problems.append(
            SheetProblem(
                book.sheetnames[0] if book.sheetnames else "-",
                1,
                "-",
                _("找不到工作表“%(s)s”，请使用导出的文件修改。") % {"s": SHEET},
            )
        )
        return report
    sheet = book[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows:
        report.problems.append(SheetProblem(SHEET, 1, "-", _("工作表是空的。")))
        return report
    columns = _columns(rows[0])
    for needed in ("id", "value"):
        if needed not in columns:
            report.problems.append(
                SheetProblem(SHEET, 1, "-", _("缺少“%(h)s”列。") % {"h": HEADERS[needed]})
            )
    if report.problems:
        return report

    existing = {t.pk: t for t in subtree_visible(target=target, by=by)}
    decimals = value_decimals(metric_definition(target.metric))
    new: dict[int, dict[str, Decimal | None]] = {}
    row_of: dict[int, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        raw_id = _cell(row, columns["id"])
        try:
            pk = int(str(raw_id).strip())
        except (TypeError, ValueError):
            report.problems.append(
                SheetProblem(
                    SHEET,
                    number,
                    _letter(columns["id"]),
                    _("ID “%(v)s” 不是数字。") % {"v": raw_id},
                )
            )
            continue
        if pk not in existing:
            report.problems.append(
                SheetProblem(
                    SHEET,
                    number,
                    _letter(columns["id"]),
                    _("ID %(id)s 不是本次导出的目标。") % {"id": pk},
                )
            )
            continue
        if pk in new:
            report.problems.append(
                SheetProblem(
                    SHEET,
                    number,
                    _letter(columns["id"]),
                    _("ID %(id)s 重复（第 %(r)d 行已出现）。") % {"id": pk, "r": row_of[pk]},
                )
            )
            continue
        row_of[pk] = number
        figures: dict[str, Decimal | None] = {}
        for f in FIGURES:
            if f not in columns:
                figures[f] = getattr(existing[pk], f)
                continue
            try:
                figures[f] = _number(_cell(row, columns[f]), decimals, required=f == "value")
            except ValueError as exc:
                report.problems.append(SheetProblem(SHEET, number, _letter(columns[f]), str(exc)))
        if "version" in columns:
            version = _cell(row, columns["version"])
            current = existing[pk]
            changed = any(
                figures.get(f, getattr(current, f)) != getattr(current, f) for f in FIGURES
            )
            if (
                changed
                and version not in (None, "")
                and str(version).strip() != str(current.version)
            ):
                report.problems.append(
                    SheetProblem(
                        SHEET,
                        number,
                        _letter(columns["version"]),
                        _("该目标在导出后已被修改（版本 %(a)s → %(b)s），请重新导出。")
                        % {"a": version, "b": current.version},
                    )
                )
        new[pk] = figures
    if report.problems:
        return report

    merged = {
        pk: {f: new.get(pk, {}).get(f, getattr(t, f)) for f in FIGURES}
        for pk, t in existing.items()
    }
    value_col = _letter(columns["value"])
    top = merged[target.pk]
    if top["value"] != target.value:
        report.problems.append(
            SheetProblem(
                SHEET,
                row_of.get(target.pk, 2),
                value_col,
                _("顶层目标值不能在导入中修改（应为 %(v)s），如需修改请提出目标调整。")
                % {"v": target.value},
            )
        )
    for pk, t in existing.items():
        if t.is_frozen and any(merged[pk][f] != getattr(t, f) for f in FIGURES):
            report.problems.append(
                SheetProblem(
                    SHEET,
                    row_of.get(pk, 0),
                    value_col,
                    _("“%(t)s”已批准或锁定，只能通过目标调整修改。") % {"t": t.label},
                )
            )
    if metric_definition(target.metric).accumulates:
        _check_sums(existing, merged, row_of, columns, decimals, report)
    if report.problems:
        return report
    report.updated = _write(existing, merged, by, file_name)
    return report


def _check_sums(
    existing: dict[int, Target],
    merged: dict[int, dict[str, Decimal | None]],
    row_of: dict[int, int],
    columns: dict[str, int],
    decimals: int,
    report: ImportReport,
) -> None:
    children: dict[int, list[int]] = {}
    for pk, t in existing.items():
        if t.parent_id in existing:
            children.setdefault(t.parent_id, []).append(pk)
    for parent_pk, kids in children.items():
        parent = existing[parent_pk]
        for f in FIGURES:
            total = merged[parent_pk][f]
            values = [merged[k][f] for k in kids]
            if total is None or any(v is None for v in values):
                continue
            probe = Target(metric=parent.metric, value=total, uplift_pct=parent.uplift_pct)
            expected = expected_children_total(probe)
            actual = sum((v for v in values if v is not None), Decimal(0))
            if actual != expected:
                col = _letter(columns[f]) if f in columns else "-"
                rows = sorted(row_of.get(k, 0) for k in kids)
                report.problems.append(
                    SheetProblem(
                        SHEET,
                        row_of.get(parent_pk, 0),
                        col,
                        _(
                            "“%(t)s”的下级（第 %(rows)s 行）%(field)s合计 %(actual)s，应为 %(expected)s，相差 %(diff)s。"
                        )
                        % {
                            "t": parent.label,
                            "rows": series(str(r) for r in rows),
                            "field": HEADERS[f],
                            "actual": f"{actual:,.{decimals}f}",
                            "expected": f"{expected:,.{decimals}f}",
                            "diff": f"{actual - expected:+,.{decimals}f}",
                        },
                    )
                )


@transaction.atomic
def _write(
    existing: dict[int, Target],
    merged: dict[int, dict[str, Decimal | None]],
    by: User,
    file_name: str,
) -> int:
    changed = []
    changes = []
    reason = _("Excel 导入：%(f)s") % {"f": file_name} if file_name else _("Excel 导入")
    for pk, t in existing.items():
        diffs = [
            (f, getattr(t, f), merged[pk][f]) for f in FIGURES if getattr(t, f) != merged[pk][f]
        ]
        if not diffs:
            continue
        for f, _old, value in diffs:
            setattr(t, f, value)
        t.version += 1
        changed.append(t)
        changes += [
            change_new(
                target=t,
                kind=ChangeKind.IMPORTED,
                by=by,
                field=f,
                old=old,
                new=value,
                reason=reason,
            )
            for f, old, value in diffs
        ]
    # Version guard: nobody may have changed these rows since they were read above.
    for t in changed:
        if (
            Target.objects.filter(pk=t.pk, version=t.version - 1).update(
                version=t.version, **{f: getattr(t, f) for f in FIGURES}
            )
            == 0
        ):
            raise RuntimeError(f"target {t.pk} changed during the import")
    changes_save(changes=changes)
    return len(changed)


def _columns(header: tuple[Any, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    by_header = {h: k for k, h in COLUMNS}
    for i, raw in enumerate(header):
        text = str(raw or "").strip()
        key = by_header.get(text) or ALIASES.get(text.lower()) or ALIASES.get(text)
        if key and key not in found:
            found[key] = i
    return found


def _cell(row: tuple[Any, ...], index: int) -> Any:
    return row[index] if index < len(row) else None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _number(raw: Any, decimals: int, *, required: bool) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise ValueError(_("目标值不能为空。"))
        return None
    if isinstance(raw, bool):
        raise ValueError(_("“%(v)s” 不是数字。") % {"v": raw})
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)
    elif isinstance(raw, float):
        # Excel stores numbers as binary floats: read the shortest decimal that round-trips.
        value = Decimal(repr(raw))
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(v)s” 不是数字。") % {"v": raw}) from None
    if not value.is_finite():
        raise ValueError(_("“%(v)s” 不是数字。") % {"v": raw})
    try:
        to_minor(value, decimals)
    except ValueError:
        raise ValueError(_("%(v)s 超过 %(n)d 位小数。") % {"v": raw, "n": decimals}) from None
    if value < 0:
        raise ValueError(_("不能为负数。"))
    return value.quantize(Decimal(1).scaleb(-decimals))
