"""Read an uploaded CSV or Excel file into a table of text cells, whatever system wrote it.

The content decides the format, not the file name: a zip is .xlsx/.ods, an OLE file is the old
.xls, anything else must be delimited text. Text is UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text") or GB18030/GBK (Chinese Excel's "CSV"). A title line above the header,
rows of merged group headers above it, total lines (合计) below the data, and a cover sheet
or hidden sheet before the data sheet of a workbook are recognised. Every cell stays text
here; typing happens column-wise in :mod:`normalise`.

:func:`read_table_file` reads from an open file: for the mapping page and the preview only
its head (the first lines of a CSV, the first rows of an .xlsx through openpyxl's read-only
mode), so that their memory does not grow with the file; the import reads it whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import polars as pl
from django.utils.translation import gettext as _

ROW = "__row"  # the row number the user sees in the file (header = row 1 unless a title)
TOTAL_LABEL = re.compile(
    r"(?i)^\s*(合计|总计|小计|合 计|总 计|total|totals|grand total|subtotal)\s*[:：]?\s*$"
)
SEPARATORS = [",", "\t", ";", "|"]
ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
# A head is the rows asked for and this many more (title lines, group headers, blank lines).
HEAD_SPARE_ROWS = 40
HEAD_CHUNK = 64 * 1024
HEAD_MAX_BYTES = 8 * 1024 * 1024  # a head of absurdly long lines is cut here


class Readable(Protocol):
    """An open binary file: a Django ``File``, ``io.BytesIO``, a file from ``open``."""

    def read(self, size: int = -1, /) -> bytes: ...
    def seek(self, offset: int, whence: int = 0, /) -> Any: ...


class TableError(ValueError):
    """The file as a whole cannot be read; the message says why, for the user."""


@dataclass
class Table:
    frame: pl.DataFrame  # text columns named by header, plus ROW
    headers: list[str]
    encoding: str = ""
    skipped_rows: list[int] = field(default_factory=list)  # total lines, by row number

    @property
    def height(self) -> int:
        return self.frame.height


def read_table(data: bytes, file_name: str = "", *, max_rows: int | None = None) -> Table:
    """The file's rows as text; ``max_rows`` reads only the first rows (for the preview)."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise TableError(_("文件是空的。"))
    if data[:4] in (ZIP, OLE):
        return _read_excel(data, max_rows=max_rows)
    if file_name.lower().endswith((".xlsx", ".xls", ".xlsm", ".ods")):
        raise TableError(_("文件扩展名是 Excel，但内容不是 Excel 工作簿（文件可能已损坏）。"))
    text, encoding = _decode(data)
    # UTF-8 goes to the CSV reader as it came (not encoded again from the text).
    return _read_text(text, encoding, max_rows=max_rows, raw=data if encoding == "UTF-8" else None)


def read_table_file(fh: Readable, file_name: str = "", *, max_rows: int | None = None) -> Table:
    """:func:`read_table` from an open file; with ``max_rows`` only the file's head is read."""
    start = fh.read(4)
    fh.seek(0)
    if max_rows is None:
        return read_table(fh.read(), file_name)
    if start == ZIP:
        head = _read_xlsx_head(fh, max_rows)
        if head is not None:
            return head
        fh.seek(0)  # an .ods (or a broken zip): calamine, whole, says what it is
    if start in (ZIP, OLE):
        return read_table(fh.read(), file_name, max_rows=max_rows)
    return read_table(_text_head(fh, max_rows + HEAD_SPARE_ROWS), file_name, max_rows=max_rows)


def _text_head(fh: Readable, lines: int) -> bytes:
    """The first ``lines`` lines of a text file (whole lines: cut after a line break, which
    is one byte in UTF-8 and GB18030, two in UTF-16)."""
    chunks: list[bytes] = []
    size = found = 0
    first = fh.read(2)
    width, newline = 1, b"\n"
    if first in (b"\xff\xfe", b"\xfe\xff"):
        width, newline = 2, (b"\n\x00" if first == b"\xff\xfe" else b"\x00\n")
    chunks.append(first)
    while found <= lines and size < HEAD_MAX_BYTES:
        chunk = fh.read(HEAD_CHUNK)
        if not chunk:
            return b"".join(chunks)  # the whole file was shorter than the head
        chunks.append(chunk)
        size += len(chunk)
        found += chunk.count(newline)
    data = b"".join(chunks)
    end = data.rfind(newline)
    while end > 0 and end % width:  # UTF-16: a break starts at an even byte
        end = data.rfind(newline, 0, end)
    return data[: end + width] if end > 0 else data


# --- text ------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 BOM"
        except UnicodeDecodeError as exc:
            raise TableError(
                _("文件标明为 UTF-8 但含有无效字节（第 %(pos)s 字节）。") % {"pos": exc.start + 3}
            ) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise TableError(_("文件标明为 UTF-16 但含有无效字节。")) from exc
    if b"\x00" in data[:65536]:
        raise TableError(
            _("这不是 CSV 文本文件：内容含有二进制数据。请上传 CSV 或 Excel（.xlsx/.xls）文件。")
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as exc:
        raise TableError(
            _(
                "无法识别文件编码：既不是 UTF-8 也不是 GB18030/GBK（第 %(pos)s 字节无效）。请另存为“CSV UTF-8”。"
            )
            % {"pos": exc.start}
        ) from exc


def _separator(lines: list[str]) -> str:
    """The field separator: the one that splits most lines into the most fields."""
    best = (0, ",", 1)
    for sep in SEPARATORS:
        counts = [_fields(line, sep) if line.strip() else 0 for line in lines]
        present = [c for c in counts if c]
        if not present:
            continue
        width = max(set(present), key=lambda c: (present.count(c), -counts.index(c)))
        if width > best[2]:
            best = (counts.index(width), sep, width)
    return best[1]


def _fields(line: str, sep: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=sep)))
    except (csv.Error, StopIteration):
        return 0


def _read_text(
    text: str, encoding: str, *, max_rows: int | None, raw: bytes | None = None
) -> Table:
    head = text[:65536].splitlines()[:30]
    if not any(line.strip() for line in head):
        raise TableError(_("文件是空的。"))
    sep = _separator(head)
    skip = _header_row(list(csv.reader(head, delimiter=sep)))
    headers = _clean_headers(next(csv.reader([head[skip]], delimiter=sep)))
    try:
        frame = pl.read_csv(
            io.BytesIO(raw if raw is not None else text.encode("utf-8")),
            separator=sep,
            skip_rows=skip,
            has_header=True,
            new_columns=headers,
            infer_schema=False,
            n_rows=max_rows,
            raise_if_empty=False,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as exc:
        raise TableError(_ragged_message(text, sep, skip, len(headers), exc)) from exc
    first_row = skip + 2
    return _finish(frame, headers, encoding, first_row)


def _ragged_message(text: str, sep: str, skip: int, width: int, exc: Exception) -> str:
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    for number, row in enumerate(reader, start=1):
        if number <= skip + 1:
            continue
        if len(row) > width:
            return _(
                "第 %(row)s 行有 %(n)s 个字段，比表头的 %(width)s 列多（分隔符“%(sep)s”）。"
            ) % {
                "row": number,
                "n": len(row),
                "width": width,
                "sep": sep.replace("\t", "Tab"),
            }
    return _("无法解析 CSV 文件：%(error)s") % {"error": str(exc).splitlines()[0]}


def _clean_headers(headers: Sequence[object]) -> list[str]:
    cleaned: list[str] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(headers):
        name = str(h).strip().replace("\ufeff", "") if h is not None else ""
        if not name:
            name = _("第%(n)s列") % {"n": i + 1}
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        cleaned.append(name)
    return cleaned


def _finish(frame: pl.DataFrame, headers: list[str], encoding: str, first_row: int) -> Table:
    frame = frame.with_columns(pl.col(h).str.strip_chars() for h in frame.columns)
    frame = frame.with_row_index(ROW, offset=first_row).with_columns(pl.col(ROW).cast(pl.Int64))
    data_cols = [c for c in frame.columns if c != ROW]
    if not data_cols:
        raise TableError(_("文件没有可识别的表头行。"))
    blank = pl.all_horizontal(pl.col(c).is_null() | (pl.col(c) == "") for c in data_cols)
    frame = frame.filter(~blank)
    total = pl.any_horizontal(
        pl.col(c).str.contains(TOTAL_LABEL.pattern).fill_null(False) for c in data_cols
    )
    skipped = frame.filter(total)[ROW].to_list()
    frame = frame.filter(~total)
    if frame.height == 0:
        raise TableError(_("文件只有表头，没有数据行。"))
    return Table(frame=frame, headers=headers, encoding=encoding, skipped_rows=skipped)


# --- Excel -----------------------------------------------------------------------------------


def _read_excel(data: bytes, *, max_rows: int | None) -> Table:
    from python_calamine import CalamineError, SheetVisibleEnum, load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise TableError(_("无法打开 Excel 文件：%(error)s") % {"error": exc}) from exc
    visible = [m.name for m in book.sheets_metadata if m.visible == SheetVisibleEnum.Visible]

    def sheets() -> Iterator[tuple[str, list[list[str | None]]]]:
        for name in visible or book.sheet_names:
            try:
                found = book.get_sheet_by_name(name).to_python(
                    skip_empty_area=True, nrows=(max_rows + HEAD_SPARE_ROWS) if max_rows else None
                )
            except Exception as exc:  # calamine raises its own and plain errors per sheet
                raise TableError(
                    _("无法读取工作表“%(sheet)s”：%(error)s") % {"sheet": name, "error": exc}
                ) from exc
            yield name, [[_cell(v) for v in row] for row in found]

    return _sheets_table(sheets(), max_rows=max_rows)


def _read_xlsx_head(fh: Readable, max_rows: int) -> Table | None:
    """The head of an .xlsx streamed by openpyxl's read-only mode (calamine holds a whole
    sheet); None when the zip is no .xlsx."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(fh, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None

    def sheets() -> Iterator[tuple[str, list[list[str | None]]]]:
        shown = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        for sheet in shown or book.worksheets:
            rows = sheet.iter_rows(max_row=max_rows + HEAD_SPARE_ROWS, values_only=True)
            yield sheet.title, _used_area([[_cell(v) for v in row] for row in rows])

    try:
        return _sheets_table(sheets(), max_rows=max_rows)
    finally:
        book.close()


def _used_area(cells: list[list[str | None]]) -> list[list[str | None]]:
    """Without the empty rows and columns around the cells, as calamine's ``skip_empty_area``
    reads a sheet (so that the head and the whole file number their rows alike)."""
    while cells and not any(cells[-1]):
        cells.pop()
    first = next((i for i, row in enumerate(cells) if any(row)), len(cells))
    cells = cells[first:]
    left = min((next(i for i, v in enumerate(row) if v) for row in cells if any(row)), default=0)
    return [row[left:] for row in cells]


def _sheets_table(
    sheets: Iterator[tuple[str, list[list[str | None]]]], *, max_rows: int | None
) -> Table:
    # The first visible sheet that holds a table; a cover or instructions sheet before it (one
    # column of text) is passed over, and so is a hidden lookup sheet.
    rows: list[list[str | None]] = []
    for _name, cells in sheets:
        if not rows and any(any(row) for row in cells):
            rows = cells  # the fallback: the first sheet with anything in it
        if _is_table(cells):
            rows = cells
            break
    if not rows:
        raise TableError(_("文件是空的。"))
    skip = _header_row(rows)
    headers = _clean_headers(rows[skip])
    body = rows[skip + 1 :]
    if max_rows is not None:
        body = body[:max_rows]
    columns = {h: [r[i] if i < len(r) else None for r in body] for i, h in enumerate(headers)}
    frame = pl.DataFrame(columns, schema=dict.fromkeys(headers, pl.String))
    return _finish(frame, headers, "Excel", skip + 2)


VALUE = re.compile(r"^[\s\d.,:/+\-()%¥￥$€年月日]+$")


def _header_row(rows: Sequence[Sequence[str | None]]) -> int:
    """The header's row: the first of the top rows holding at least half as many cells as the
    fullest of them, then past any group headers. What stands above it is passed over: a
    title, a report's lines of two or three cells ("日期：2026-11-01 至 2026-11-30 | 打印时间：…",
    "制表人：… | 审核：…"), blank lines; Excel's CSV pads each of them with separators."""
    head = rows[:30]
    widest = max((_filled(row) for row in head), default=0)
    need = max(min(2, widest), -(-widest // 2))
    first = next((i for i, row in enumerate(head) if _filled(row) >= need), 0)
    return first + _group_header_rows(rows[first:])


def _group_header_rows(rows: Sequence[Sequence[str | None]]) -> int:
    """How many rows of merged group headers ("客户信息 | | 产品信息 | |") stand above the
    header proper: each is followed by a much fuller row of names (two more, or twice as
    many), none of which looks like a value (a data row has numbers and dates)."""

    above = 0
    while (
        above + 1 < min(len(rows), 10)
        and _filled(rows[above + 1]) >= max(_filled(rows[above]) + 2, 2 * _filled(rows[above]))
        and not any(v and VALUE.match(v) for v in rows[above + 1])
    ):
        above += 1
    return above


def _filled(row: Sequence[str | None]) -> int:
    """How many cells of a row hold more than blanks."""
    return sum(1 for v in row if v and v.strip())


def _is_table(rows: list[list[str | None]]) -> bool:
    """A header of two or more columns among the first rows, and a row of data under it."""
    for i, row in enumerate(rows[:30]):
        if _filled(row) >= 2:
            return any(any(r) for r in rows[i + 1 :])
    return False


def _cell(value: object) -> str | None:
    """An Excel cell as the text the user sees (numbers to 15 significant digits, as Excel)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        text = format(value, ".15g")
        if "e" in text:
            text = format(value, "f")
        return text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() or None
