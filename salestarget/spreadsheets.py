"""Every workbook and CSV file SalesTarget hands out goes through here, so that no cell of it
runs as a formula when opened in Excel, WPS or LibreOffice (OWASP "CSV injection").

A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``: a person named ``=HYPERLINK("http://…"&A1,"点击")`` is shown as that text, not
followed as a link that sends the neighbouring cell away. Numbers stay numbers: a Decimal or
int is never touched, and a CSV text that is a plain number (``-1250.50``) is left as it is so
that a negative amount still sums in the spreadsheet.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl
    from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number as a spreadsheet reads one from text: sign, digits, one decimal point, exponent.
NUMBER = r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$"
_NUMBER = re.compile(NUMBER)
_STARTS = "^[=+\\-@\t\r]"


def cell_text(value: Any) -> Any:
    """``value`` as a cell that cannot run: formula-like text quoted, anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def workbook_bytes(book: Workbook) -> bytes:
    """The .xlsx of ``book`` with every formula-like text cell quoted.

    openpyxl stores a text beginning with ``=`` as a formula; walking the finished book once
    catches every cell whichever writer put it there (titles, labels, notes)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    safe = cell_text(cell.value)
                    if safe is not cell.value:
                        cell.value = safe  # openpyxl types it again: text, not a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def frame_text(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with formula-like text quoted in its text columns, ready for ``write_csv``."""
    import polars as pl

    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_STARTS) & ~pl.col(name).str.contains(NUMBER))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text
    )
