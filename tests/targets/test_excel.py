"""Excel round trip: export a decomposition, edit it, import it back; a sheet that no longer
adds up is refused with the sheet, row, column and the amount it is off by, and writes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from salestarget.targets.models import ChangeKind, Status, TargetChange
from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.excel import decomposition_import, decomposition_xlsx
from salestarget.targets.services.plans import target_update


@pytest.fixture
def north(company, revenue_plan):
    """华北 (1,000) split by quarter with a 10% uplift: four quarters of 275."""
    plan = revenue_plan(
        "1000.00", node=company.north, by=company.manager_north, owner=company.manager_north
    )
    target_decompose(
        target=plan.root,
        spec=DecompositionSpec(axes=("quarter",), uplift_pct=Decimal(10)),
        by=company.manager_north.user,
    )
    return plan.root


def sheet_of(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return book, book["分解"]


def save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows_by_period(sheet) -> dict[str, int]:
    return {sheet.cell(row=r, column=7).value: r for r in range(2, sheet.max_row + 1)}


def test_export_lists_the_subtree_with_ids_versions_and_figures(company, north) -> None:
    _book, sheet = sheet_of(decomposition_xlsx(target=north, by=company.manager_north.user))
    assert [c.value for c in sheet[1]][:4] == ["ID", "上级ID", "层级", "目标"]
    assert sheet.max_row == 6
    assert sheet["L2"].value == 1000
    assert sheet["O2"].value == 10
    assert [sheet.cell(row=r, column=12).value for r in range(3, 7)] == [275] * 4


def test_an_edited_sheet_that_still_adds_up_is_imported(company, north) -> None:
    book, sheet = sheet_of(decomposition_xlsx(target=north, by=company.manager_north.user))
    rows = rows_by_period(sheet)
    sheet.cell(row=rows["FY2026-Q1"], column=12).value = 200
    sheet.cell(row=rows["FY2026-Q4"], column=12).value = "350.00"  # typed as text is fine
    report = decomposition_import(
        target=north, by=company.manager_north.user, data=save(book), file_name="华北.xlsx"
    )
    assert report.ok, report.problems
    assert report.updated == 2
    q1 = north.children.get(period="FY2026-Q1")
    assert q1.value == Decimal(200)
    change = TargetChange.objects.filter(target=q1, kind=ChangeKind.IMPORTED).get()
    assert (change.old_value, change.new_value, change.reason) == (
        Decimal(275),
        Decimal(200),
        "Excel 导入：华北.xlsx",
    )


def test_a_broken_sheet_is_refused_with_precise_errors_and_nothing_is_written(
    company, north
) -> None:
    book, sheet = sheet_of(decomposition_xlsx(target=north, by=company.manager_north.user))
    rows = rows_by_period(sheet)
    sheet.cell(row=rows["FY2026-Q1"], column=12).value = 300  # now 25 too many
    report = decomposition_import(target=north, by=company.manager_north.user, data=save(book))
    assert not report.ok
    [problem] = report.problems
    assert (problem.sheet, problem.row, problem.column) == ("分解", 2, "L")
    assert "合计 1,125.00，应为 1,100.00，相差 +25.00" in problem.message
    assert "第 3、4、5、6 行" in problem.message
    assert str(problem).startswith("工作表“分解”第 2 行 L 列")
    assert set(north.children.values_list("value", flat=True)) == {Decimal(275)}


def test_bad_cells_are_named_one_by_one(company, north) -> None:
    book, sheet = sheet_of(decomposition_xlsx(target=north, by=company.manager_north.user))
    rows = rows_by_period(sheet)
    sheet.cell(row=rows["FY2026-Q1"], column=12).value = "二百"
    sheet.cell(row=rows["FY2026-Q2"], column=12).value = 275.125
    sheet.cell(row=rows["FY2026-Q3"], column=1).value = 999999
    sheet["L2"].value = 2000
    report = decomposition_import(target=north, by=company.manager_north.user, data=save(book))
    found = {(p.row, p.column): p.message for p in report.problems}
    assert found[(3, "L")] == "“二百” 不是数字。"
    assert found[(4, "L")] == "275.125 超过 2 位小数。"
    assert found[(5, "A")] == "ID 999999 不是本次导出的目标。"


def test_a_row_edited_since_the_export_is_refused(company, north) -> None:
    content = decomposition_xlsx(target=north, by=company.manager_north.user)
    # Someone edits Q2 after the export.
    q2 = north.children.get(period="FY2026-Q2")
    target_update(
        target=q2, by=company.manager_north.user, expected_version=q2.version, value=Decimal(275)
    )
    target_update(
        target=q2,
        by=company.manager_north.user,
        expected_version=q2.version + 1,
        value=Decimal(275),
    )
    north.children.filter(period="FY2026-Q3").update(status=Status.APPROVED)
    book, sheet = sheet_of(content)
    rows = rows_by_period(sheet)
    sheet["L2"].value = 1100
    sheet.cell(row=rows["FY2026-Q2"], column=12).value = 300
    sheet.cell(row=rows["FY2026-Q3"], column=12).value = 250
    messages = " ".join(
        p.message
        for p in decomposition_import(
            target=north, by=company.manager_north.user, data=save(book)
        ).problems
    )
    assert "版本" in messages


def test_top_figure_and_approved_rows(company, north) -> None:
    north.children.filter(period="FY2026-Q3").update(status=Status.APPROVED)
    book, sheet = sheet_of(decomposition_xlsx(target=north, by=company.manager_north.user))
    rows = rows_by_period(sheet)
    sheet["L2"].value = 1100
    sheet.cell(row=rows["FY2026-Q2"], column=12).value = 300
    sheet.cell(row=rows["FY2026-Q3"], column=12).value = 250
    messages = " ".join(
        p.message
        for p in decomposition_import(
            target=north, by=company.manager_north.user, data=save(book)
        ).problems
    )
    assert "顶层目标值不能在导入中修改" in messages
    assert "已批准或锁定" in messages


def test_not_a_workbook(company, north) -> None:
    report = decomposition_import(target=north, by=company.manager_north.user, data=b"a,b\n1,2\n")
    assert "xlsx" in report.problems[0].message


def test_export_and_import_pages(company, north, login) -> None:
    client = login(company.manager_north)
    exported = client.get(f"/targets/t/{north.pk}/export.xlsx")
    assert exported.status_code == 200
    book, sheet = sheet_of(exported.content)
    sheet.cell(row=3, column=12).value = 1
    upload = io.BytesIO(save(book))
    upload.name = "broken.xlsx"
    page = client.post(f"/targets/t/{north.pk}/import/", {"file": upload})
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="import-errors"' in body
    assert "相差" in body
    assert login(company.rep).get(f"/targets/t/{north.pk}/import/").status_code == 404
