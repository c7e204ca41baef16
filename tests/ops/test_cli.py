"""The console command speaks the terminal's language; lists read as each language writes them."""

from __future__ import annotations

import pytest
from django.utils import translation

from salestarget.cli import terminal_language
from salestarget.wording import series
from tests.browser import compile_messages


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
        ({"LANG": "C.UTF-8"}, None),
        ({}, None),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANGUAGE": "en_GB:en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh-hans"),
        ({"SALESTARGET_LANGUAGE": "zh-hans", "LANG": "en_US.UTF-8"}, "zh-hans"),
        ({"LC_MESSAGES": "", "LANG": "en_US"}, "en"),
    ],
)
def test_the_terminal_decides_the_language(environ: dict[str, str], language: str | None) -> None:
    assert terminal_language(environ) == language


def test_a_list_in_a_sentence_is_written_the_way_of_its_language() -> None:
    compile_messages()
    with translation.override("zh-hans"):
        assert series(["日期", "客户", 3]) == "日期、客户、3"
    with translation.override("en"):
        assert series(["Date", "Customer", 3]) == "Date, Customer, 3"
