"""The import template of a master-data kind: an .xlsx whose header row the import
recognises by itself (Chinese name, * when required, English name in brackets), one example
row, and a sheet explaining every column."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from salestarget.importing.kinds import DATE, FLAG, MONEY, FieldSpec, KindSpec
from salestarget.importing.master import CHOICE, REF, MasterImporter
from salestarget.spreadsheets import workbook_bytes
from salestarget.wording import series

# The order a company loads its master data in: what a row refers to comes first.
ORDER = ("regions", "customer-types", "channels", "org-nodes", "people", "products", "customers")


def _importer(kind: KindSpec) -> MasterImporter:
    if not isinstance(kind.importer, MasterImporter):
        raise TypeError(f"{kind.key} is not master data")
    return kind.importer


def template_header(kind: KindSpec, spec: FieldSpec) -> str:
    with translation.override("zh-hans"):
        label = str(spec.label)
    english = _importer(kind).english.get(spec.name, spec.name)
    return f"{label}{'*' if spec.required else ''} ({english})"


def _explain(kind: KindSpec, spec: FieldSpec) -> str:
    if spec.type == CHOICE:
        options = _importer(kind).choices[spec.name].options
        return _("可用：%(values)s") % {"values": series(str(x) for x in options.labels)}
    return str(
        {
            DATE: _("日期，如 2024-03-05、2024/3/5、2024年3月5日"),
            MONEY: _("金额，可带 ¥ 和千分位，最多 4 位小数"),
            FLAG: _("是/否（Y/N、1/0）"),
            REF: _("编码或完整名称"),
        }.get(spec.type, "")
    )


def template_workbook(kind: KindSpec) -> bytes:
    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = str(kind.label)[:31]
    sheet.append([template_header(kind, f) for f in kind.fields])
    sheet.append([_importer(kind).example.get(f.name, "") for f in kind.fields])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font = bold
        cell.fill = fill
    for i, spec in enumerate(kind.fields):
        letter = get_column_letter(i + 1)
        sheet.column_dimensions[letter].width = max(14, len(template_header(kind, spec)) + 4)
    notes = book.create_sheet(_("说明"))
    notes.append([_("列"), _("必填或空白时"), _("说明")])
    for cell in notes[1]:
        cell.font = bold
    for spec in kind.fields:
        notes.append([template_header(kind, spec), spec.rule, _explain(kind, spec)])
    notes.append([])
    for line in (kind.id_rule, *kind.notes):
        notes.append([str(line)])
    notes.column_dimensions["A"].width = 32
    notes.column_dimensions["C"].width = 60
    return workbook_bytes(book)
