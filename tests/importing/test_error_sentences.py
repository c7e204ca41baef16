"""An import error reads as a sentence in the reader's language: the row, the column, what was
read and why. A file's own error has no row, an empty cell no value: neither ever shows as
Python's ``None`` (once "row 2 Channel: None — required" and "row None : ''")."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from salestarget.importing.errors import error_sentence
from tests.actuals.files import csv_bytes
from tests.browser import compile_messages
from tests.personas import Company

# What Python writes for a missing value, and an empty repr, as a word of their own.
PYTHON_LEAKS = re.compile(r"\bNone\b|(?<![\w“「])''(?![\w”」])")


@pytest.fixture(autouse=True)
def english() -> None:
    compile_messages()


def test_a_cell_left_empty_is_said_to_be_empty() -> None:
    error = {"row": 2, "column": "Channel", "value": None, "reason": "required"}
    with translation.override("en"):
        assert error_sentence(error) == "row 2 Channel (empty): required"
    with translation.override("zh-hans"):
        assert error_sentence(error) == "第 2 行 Channel （空）：required"


def test_a_value_read_is_quoted_as_the_language_quotes() -> None:
    error = {"row": 7, "column": "数量", "value": "２x", "reason": "not a number"}
    with translation.override("en"):
        assert error_sentence(error) == "row 7 数量 “２x”: not a number"
    with translation.override("zh-hans"):
        assert error_sentence(error) == "第 7 行 数量 「２x」：not a number"


def test_an_error_of_the_whole_file_is_its_reason_alone() -> None:
    error = {"row": None, "column": "", "value": "", "reason": "The file is empty."}
    assert error_sentence(error) == "The file is empty."


def test_a_column_missing_from_every_row_names_the_column_without_a_row() -> None:
    error = {"row": None, "column": "渠道", "value": None, "reason": "missing"}
    with translation.override("en"):
        assert error_sentence(error) == "渠道 (empty): missing"


CUSTOMERS = "客户编码,客户名称,客户类型,区域,渠道"
BAD_FILES = {
    "customer without a channel": (
        "customers",
        csv_bytes("C1,客户一,NO-TYPE,,", header=CUSTOMERS),
    ),
    "customer without a name": ("customers", csv_bytes("C2,,,,", header=CUSTOMERS)),
    "sale with no amount": ("sales", csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,,")),
    "sale of an unknown product": (
        "sales",
        csv_bytes("2026-03-02,SO1,1,CU-BJ,NOPE,REP,2,10,5"),
    ),
    "sale on an impossible day": ("sales", csv_bytes("2026-02-30,SO1,1,CU-BJ,P-A,REP,1,10,5")),
    "full-width digits that are no number": (
        "sales",
        csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,２x,10,5"),
    ),
    "no amount column": (
        "sales",
        csv_bytes(
            "2026-03-02,SO1,CU-BJ,P-A,REP,2", header="日期,订单号,客户编码,产品编码,销售人员,数量"
        ),
    ),
    "header only": ("sales", csv_bytes()),
    "empty": ("sales", b""),
    "binary": ("sales", bytes(range(256)) * 4),
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_command_names_every_error_without_python_words(
    company: Company, tmp_path: Path, case: str, language: str
) -> None:
    kind, data = BAD_FILES[case]
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    out = StringIO()
    with translation.override(language), pytest.raises(CommandError) as refused:
        call_command("import", str(path), "--kind", kind, "--no-progress", stdout=out)
    said = f"{out.getvalue()}\n{refused.value}"
    assert not PYTHON_LEAKS.search(said), said
    refusal = "rejected: nothing written" if language == "en" else "已拒绝，未写入任何数据"
    assert refusal in said or case in {"empty", "binary", "header only"}, said
