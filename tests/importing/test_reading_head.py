"""The head of a file (what the mapping page and the preview read) is the same table as the
first rows of the whole file, whatever the encoding, separator or title line: the head is
cut after a whole line, also in UTF-16 where a line break is two bytes."""

from __future__ import annotations

import io

import pytest

from salestarget.importing.reading import HEAD_CHUNK, read_table, read_table_file

ROWS = 30_000  # a file well over one chunk read
BODY = "日期,订单号,客户,金额\n" + "".join(
    f'2026-03-02,SO{n},"客户{n}, 北京",{n}.50\n' for n in range(ROWS)
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (BODY, "utf-8"),
        (BODY, "utf-8-sig"),
        (BODY, "utf-16"),
        (BODY, "utf-16-be"),
        (BODY, "gb18030"),
        (BODY.replace(",", ";"), "utf-8"),
        ("2026年销售明细\n" + BODY, "utf-8"),
        (BODY.replace('"客户1, 北京"', '"客户1\n 北京"'), "utf-8"),  # a line break in a cell
    ],
)
def test_the_head_reads_as_the_first_rows_of_the_whole(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert len(data) > 4 * HEAD_CHUNK
    whole = read_table(data, "sales.csv")
    head = read_table_file(io.BytesIO(data), "sales.csv", max_rows=20)
    assert head.headers == whole.headers
    assert head.encoding == whole.encoding
    assert head.frame.equals(whole.frame.head(20))


def test_a_short_file_is_read_whole_as_its_head() -> None:
    data = "日期,金额\n2026-03-02,1\n".encode()
    head = read_table_file(io.BytesIO(data), "sales.csv", max_rows=20)
    assert head.frame["金额"].to_list() == ["1"]
