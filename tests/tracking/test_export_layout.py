"""The tracking tree workbook reads like its page: a bold title, a shaded header, amounts as
money and rates as percentages on every row (each cell is built with its format, so a long
tree exports in one pass instead of asking the sheet for its last row per cell)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.tracking.conftest import AT


def test_the_tree_workbook_keeps_its_title_header_and_formats(
    company, june_sales, june_plan, login
) -> None:
    plan = june_plan()
    response = login(company.director).get(
        f"/tracking/tree/?plan={plan.pk}&at={AT.isoformat()}&format=xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].font.bold
    assert sheet["A1"].font.size == 14
    assert plan.name in sheet["A1"].value
    assert [c.value for c in sheet[2]][:4] == ["目标", "目标值", "实际", "完成率"]
    assert all(c.font.bold and c.fill.fgColor.rgb.endswith("EEF3F9") for c in sheet[2])
    body = list(sheet.iter_rows(min_row=3))
    assert len(body) > 3
    for row in body:
        assert row[1].number_format == "#,##0.00"  # target value
        assert row[3].number_format == "0.0%"  # achievement
        assert not row[0].font.bold
