"""The console command speaks the terminal's language; lists read as each language writes them."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from salestarget.cli import language_option, terminal_language
from salestarget.wording import series
from tests.actuals.files import csv_bytes
from tests.browser import compile_messages
from tests.personas import Company


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


@pytest.mark.parametrize(
    ("argv", "asked", "rest"),
    [
        (["--lang", "en", "import", "a.csv"], "en", ["import", "a.csv"]),
        (["import", "a.csv", "--lang=zh-hans"], "zh-hans", ["import", "a.csv"]),
        (["import", "a.csv"], None, ["import", "a.csv"]),
    ],
)
def test_a_lang_option_anywhere_on_the_line_asks_for_a_language(
    argv: list[str], asked: str | None, rest: list[str]
) -> None:
    assert language_option(argv) == (asked, rest)


def test_the_command_line_speaks_the_language_asked_over_the_terminals(tmp_path: Path) -> None:
    compile_messages()
    missing = str(tmp_path / "nowhere.csv")
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "DJANGO_SETTINGS_MODULE": "salestarget.settings"}
    for name in ("SALESTARGET_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    run = [sys.executable, "-m", "salestarget.cli", "import", missing]
    chinese = subprocess.run(run, env=env, capture_output=True, text=True, check=False)
    assert f"没有这个文件：{missing}" in chinese.stderr
    english = subprocess.run(
        [*run, "--lang", "en"], env=env, capture_output=True, text=True, check=False
    )
    assert f"no such file: {missing}" in english.stderr
    unknown = subprocess.run(
        [*run, "--lang", "fr"], env=env, capture_output=True, text=True, check=False
    )
    assert unknown.returncode != 0
    assert "one of en, zh-hans" in unknown.stderr


def test_the_import_shows_its_phases_in_the_language_asked(
    company: Company, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    compile_messages()
    path = tmp_path / "sales.csv"
    path.write_bytes(csv_bytes("2026-03-02,SO1,1,CU-BJ,P-A,REP,2,200.50,100"))
    with translation.override("en"):
        call_command("import", str(path), stdout=StringIO())
    bar = capsys.readouterr().err
    for phase in ("Reading the file: ", "Validating: ", "Writing and updating the totals: "):
        assert phase in bar, bar
    assert "Done: 100%" in bar, bar
    assert "/s" not in bar, bar
    assert ": :" not in bar, bar
