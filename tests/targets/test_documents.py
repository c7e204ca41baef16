"""The decomposition card and the responsibility letter, as PDF (in Chinese, with the person's
figures in the text) and as Excel."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import translation
from openpyxl import load_workbook

from salestarget.targets.queries.documents import Line, card_data, letter_data
from salestarget.targets.services import documents
from tests.browser import missing_tool


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        missing_tool("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_monthly_card_has_the_persons_figures(company, rep_month) -> None:
    data = card_data(rep_month)
    assert data.title == "月度销售目标分解卡"
    assert (data.holder, data.node, data.manager) == ("王小明", "北京一组", "吴组长")
    assert (data.value, data.base_value, data.challenge_value) == (
        Decimal(60000),
        Decimal(50000),
        Decimal(60000),
    )
    assert data.working_days == 22  # March 2026 in the official calendar
    assert data.per_day == Decimal("2727.27")
    assert sum(w.value for w in data.weeks) == Decimal(60000)
    assert (data.obstacles, data.resources) == ("竞品降价", "增加一名促销员")

    text = pdf_text(documents.card_pdf(data=data))
    for shown in (
        "月度销售目标分解卡",
        "王小明",
        "北京一组",
        "60,000.00",
        "50,000.00",
        "2,727.27",
        "竞品降价",
        "本人签字",
    ):
        assert shown in text


def test_the_card_workbook_says_the_same(company, rep_month) -> None:
    book = load_workbook(io.BytesIO(documents.card_xlsx(data=card_data(rep_month))))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert "月度销售目标分解卡" in cells
    assert "王小明" in cells
    assert 60000 in cells
    assert "竞品降价" in cells


def test_the_responsibility_letter(company, rep_month) -> None:
    data = letter_data(rep_month.plan, company.rep, [rep_month])
    assert (data.person, data.total, data.base_total, data.challenge_total) == (
        "王小明",
        Decimal(60000),
        Decimal(50000),
        Decimal(60000),
    )
    text = pdf_text(documents.letter_pdf(data=data))
    for shown in ("目标责任书", "王小明", "REP", "60,000.00", "甲方", "乙方"):
        assert shown in text
    book = load_workbook(io.BytesIO(documents.letter_xlsx(data=data)))
    assert any(c.value == "王小明" for row in book.active.iter_rows() for c in row)


def pdf_pages(content: bytes, name: str) -> list[str]:
    """Each page's text; the pages are also drawn to var/screenshots/ to be looked at."""
    if shutil.which("pdftoppm") is None:
        missing_tool("pdftoppm (poppler-utils) is not installed")
    out = Path(settings.BASE_DIR) / "var" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-", str(out / name)], input=content, check=True
    )
    return pdf_text(content).split("\f")[:-1]


def test_a_long_letter_keeps_its_signatures_with_the_clauses(company, rep_month) -> None:
    """A year's letter (a line a month and the year) still signs under its clauses."""
    data = letter_data(rep_month.plan, company.rep, [rep_month])
    data.lines = [
        Line(f"王小明 · 2026-{m:02d}", Decimal(60000), Decimal(50000), Decimal(60000))
        for m in range(1, 13)
    ] + data.lines * 4
    for language in ("zh-hans", "en"):
        with translation.override(language):
            pages = pdf_pages(documents.letter_pdf(data=data), f"letter-{language}")
        signed = [i for i, page in enumerate(pages) if "________________" in page]
        assert len(signed) == 1
        assert pages[signed[0]].strip().splitlines()[0:1] != [], language
        clauses = "条款" if language == "zh-hans" else "Terms"
        assert clauses in pages[signed[0]], f"{language}: the signatures are alone on a page"


def test_the_english_letter_names_the_manager_and_each_column_once(company, rep_month) -> None:
    with translation.override("en"):
        data = letter_data(rep_month.plan, company.rep, [rep_month])
        text = pdf_text(documents.letter_pdf(data=data))
    assert "Manager" in text
    assert "Parent" not in text
    header = next(
        line for line in text.splitlines() if "Base target" in line and "Challenge" in line
    )
    assert header.split().count("Target") == 1, header
    assert "Target responsibility letter" in text  # not letter-spaced "T a r g e t"


def test_the_card_says_when_last_years_figure_is_only_so_far(company, rep_month, history) -> None:
    """Last March's facts stop on the 10th: the card (which is signed) says its last-year
    figure runs only to that day; with March complete it says nothing more."""
    history([{"day": dt.date(2025, 3, 10), "amount": "40000", "person": company.rep}])
    data = card_data(rep_month)
    assert (data.last_year, data.last_year_through) == (Decimal(40000), dt.date(2025, 3, 10))
    book = load_workbook(io.BytesIO(documents.card_xlsx(data=data)))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert "去年同期实际（截至 2025-03-10，不完整）" in cells
    history([{"day": dt.date(2025, 4, 2), "amount": "100", "person": company.rep}])
    complete = card_data(rep_month)
    assert complete.last_year_through is None
    book = load_workbook(io.BytesIO(documents.card_xlsx(data=complete)))
    cells = [c.value for row in book.active.iter_rows() for c in row if c.value is not None]
    assert "去年同期实际" in cells
