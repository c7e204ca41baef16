"""A person, team or product named like a spreadsheet formula is exported as text in the
battle report, the period report, the gap workbooks and the tracking tree; gaps below target
stay negative numbers."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from salestarget.spreadsheets import FORMULA_STARTS
from tests.test_spreadsheets import PAYLOAD
from tests.tracking.conftest import AT

AT_Q = f"at={AT.isoformat()}"


def workbook_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    found = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in found if c.data_type == "f"]
    return found


def test_formula_names_are_text_in_every_tracking_workbook(company, june_sales, june_plan, login):
    for named in (company.rep, company.team_bj, company.product_a, company.product_b):
        named.name = PAYLOAD
        named.save()
    plan = june_plan()
    client = login(company.director)
    downloads = {
        "battle": f"/tracking/battle.xlsx?week=2026-W25&{AT_Q}",
        "report": f"/tracking/report.xlsx?kind=month&period=2026-06&node={company.north.pk}&{AT_Q}",
        "gap by team": f"/tracking/gap.xlsx?plan={plan.pk}&subject=n{company.north.pk}&{AT_Q}",
        "gap by product": f"/tracking/gap.xlsx?plan={plan.pk}&gdim=product&{AT_Q}",
        "tree": f"/tracking/tree/?plan={plan.pk}&{AT_Q}&format=xlsx",
    }
    negatives = {}
    for name, url in downloads.items():
        response = client.get(url)
        assert response.status_code == 200, name
        found = workbook_cells(response.content)
        texts = [c.value for c in found if isinstance(c.value, str)]
        assert any(PAYLOAD in t for t in texts), name
        assert not [t for t in texts if t.startswith(FORMULA_STARTS)], name
        negatives[name] = [c.value for c in found if c.data_type == "n" and (c.value or 0) < 0]
    assert negatives["gap by team"]  # 王小明's team is behind its target to date
    assert negatives["tree"]
