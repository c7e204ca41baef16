"""The decomposition card and the responsibility letter, as PDF (in Chinese, with the person's
figures in the text) and as Excel."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from salestarget.targets.queries.decomposition import DecompositionSpec
from salestarget.targets.queries.documents import card_data, letter_data
from salestarget.targets.services import documents
from salestarget.targets.services.decomposition import target_decompose
from salestarget.targets.services.drafts import draft_review, draft_submit, round_open
from tests.browser import missing_tool


@pytest.fixture
def rep_month(company, rep_two, team_target):
    """王小明's March target, agreed from his draft (base 50,000, challenge 60,000)."""
    team = team_target("100000.00")
    rnd = round_open(target=team, by=company.team_lead.user)
    for person, base, challenge in ((company.rep, 50000, 60000), (rep_two, 35000, 40000)):
        draft = rnd.drafts.get(person=person)
        draft_submit(
            draft=draft,
            by=person.user,
            base_value=Decimal(base),
            challenge_value=Decimal(challenge),
            obstacles="竞品降价" if person == company.rep else "",
            resources="增加一名促销员",
        )
        draft_review(draft=draft, by=company.team_lead.user, action="accept")
    target_decompose(
        target=team,
        spec=DecompositionSpec(axes=("people",), method="drafts"),
        by=company.team_lead.user,
    )
    return team.children.get(person=company.rep)


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


def test_document_downloads_are_scoped(company, rep_month, login, client) -> None:
    mine = login(company.rep)
    pdf = mine.get(f"/targets/t/{rep_month.pk}/card.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert mine.get(f"/targets/t/{rep_month.pk}/card.xlsx").status_code == 200
    letter = mine.get(f"/targets/plans/{rep_month.plan_id}/letter/{company.rep.pk}.pdf")
    assert letter.status_code == 200
    client.logout()
    other = login(company.rep_other)
    assert other.get(f"/targets/t/{rep_month.pk}/card.pdf").status_code == 404
    assert (
        other.get(f"/targets/plans/{rep_month.plan_id}/letter/{company.rep.pk}.pdf").status_code
        == 404
    )
