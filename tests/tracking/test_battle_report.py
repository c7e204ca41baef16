"""The battle report (战报) and the period reports rank 完成率 beside time progress as well as
amounts, with each target shown; the battle report is also a PNG for a chat group, and its
English PDF stays inside the page."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils import translation
from openpyxl import load_workbook
from PIL import Image, ImageChops

from salestarget.actuals.rollups import rollups_rebuild
from salestarget.tracking.cache import facts_version
from salestarget.tracking.queries.reports import battle_report, report_period
from salestarget.tracking.share_image import WIDTH, battle_png, cjk_font_file
from tests.targets.test_documents import pdf_pages
from tests.tracking.conftest import AT, D, sell

NO_CJK = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def report(company, at=AT):
    week = report_period("2026-W25", at)
    return battle_report(week=week, within=None, at=at, version=facts_version())


def test_people_and_teams_are_ranked_by_attainment_against_time_progress(
    company, june_sales, june_plan
):
    """June to the 15th: 王小明 45,000 of 50,000 (90%), 陈小红 62,000 of 150,000 (41.3%);
    11 of June's 21 working days gone (52.4%)."""
    june_plan(weights=("1", "3"))
    a = report(company).attainment
    assert a.month.label == "2026-06"
    assert round(a.time_progress, 4) == Decimal("0.5238")
    assert [(r.entry.rank, r.entry.label, r.entry.target, r.lead_points) for r in a.people] == [
        (1, "王小明", D(50000), Decimal("37.6")),
        (2, "陈小红", D(150000), Decimal("-11.0")),
    ]
    assert [r.entry.label for r in a.teams] == ["北京一组", "上海一组"]


def test_the_pages_and_pdfs_show_the_attainment_ranking(company, june_sales, june_plan, login):
    june_plan(weights=("1", "3"))
    client = login(company.director)
    page = client.get(f"/tracking/battle/?week=2026-W25&at={AT}").content.decode()
    assert "2026-06 完成率排行（时间进度 52.4%）" in page
    assert "+37.6 个百分点" in page
    assert "50,000.00" in page  # the target shown
    book = load_workbook(
        io.BytesIO(client.get(f"/tracking/battle.xlsx?week=2026-W25&at={AT}").content)
    )
    rows = [r for r in book["完成率排行"].iter_rows(values_only=True) if r and r[0] == 1]
    assert rows == [(1, "王小明", "北京一组", 45000, 50000, 0.9)]
    month = client.get(f"/tracking/report/?kind=month&period=2026-06&at={AT}").content.decode()
    assert 'data-testid="attainment-people"' in month
    monthly = load_workbook(
        io.BytesIO(client.get(f"/tracking/report.xlsx?kind=month&period=2026-06&at={AT}").content)
    )
    assert [r[1] for r in monthly["完成率排行"].iter_rows(values_only=True) if r and r[0] == 2] == [
        "陈小红"
    ]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    pdf = client.get(f"/tracking/battle.pdf?week=2026-W25&at={AT}").content
    pages = pdf_pages(pdf, "battle-en")
    text = "\n".join(pages)
    assert "Sales battle report" in text
    assert title_gap(pdf) < 0.25  # the words of the title are not letter-spaced apart
    assert "+37.6 pp" in text


def test_the_english_battle_pdf_stays_inside_its_margins(company, june_sales, june_plan, login):
    """A company-sized week (billions, long English headings) still fits the page."""
    june_plan(weights=("1", "3"))
    sell(company, dt.date(2026, 6, 15), "3927705671.79", person=company.rep_other)
    sell(company, dt.date(2026, 5, 15), "2927705671.79", person=company.rep_other)
    rollups_rebuild()
    client = login(company.director)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    pdf = client.get(f"/tracking/battle.pdf?week=2026-W25&at={AT}").content
    pdf_pages(pdf, "battle-en-margin")
    from pathlib import Path

    from django.conf import settings

    first = Image.open(Path(settings.BASE_DIR) / "var" / "screenshots" / "battle-en-margin-1.png")
    width = first.width  # A4 at 50 dpi; the right margin is 12 mm = 24 px
    ink = ImageChops.invert(first.convert("L")).point(lambda v: 255 if v > 40 else 0)
    right = ink.crop((0, 0, width, first.height - 60)).getbbox()  # above the page number
    assert right is not None
    assert right[2] <= width - 20, f"ink reaches x={right[2]} of {width}"


def test_the_pdfs_say_their_amounts_are_rounded_and_where_the_exact_ones_are(
    company, june_sales, june_plan, login
):
    """Billions read as 亿/B in the battle report and the monthly report: each PDF says so in
    its language, and its Excel keeps the exact figure. The team ranking's English heading is
    the unit above ("Parent unit"), not a person's manager."""
    june_plan(weights=("1", "3"))
    sell(company, dt.date(2026, 6, 15), "3927705671.79", person=company.rep_other)
    rollups_rebuild()
    client = login(company.director)
    battle = f"week=2026-W25&at={AT}"
    month = f"kind=month&period=2026-06&at={AT}"
    zh = "".join(pdf_pages(client.get(f"/tracking/battle.pdf?{battle}").content, "battle-zh"))
    assert "39.28亿" in zh
    assert "四舍五入保留两位小数" in zh
    assert "Excel" in zh
    zh_month = "".join(pdf_pages(client.get(f"/tracking/report.pdf?{month}").content, "month-zh"))
    assert "四舍五入保留两位小数" in zh_month
    book = load_workbook(io.BytesIO(client.get(f"/tracking/battle.xlsx?{battle}").content))
    numbers = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert Decimal("3927705671.79") in [
        Decimal(str(c)) for c in numbers if isinstance(c, (int, float, Decimal))
    ]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = " ".join(pdf_pages(client.get(f"/tracking/battle.pdf?{battle}").content, "battle-en"))
    words = " ".join(en.split())
    assert "3.93B" in words
    assert "rounded half up to two decimals" in words
    assert "Parent unit" in words
    assert "Parent " not in words.replace("Parent unit", "")
    en_month = " ".join(pdf_pages(client.get(f"/tracking/report.pdf?{month}").content, "month-en"))
    assert "rounded half up to two decimals" in " ".join(en_month.split())


def test_the_share_image_is_a_phone_wide_png_in_real_chinese(company, june_sales, june_plan, login):
    june_plan(weights=("1", "3"))
    client = login(company.director)
    response = client.get(f"/tracking/battle.png?week=2026-W25&at={AT}")
    assert response["Content-Type"] == "image/png"
    assert "attachment" in response["Content-Disposition"]
    image = Image.open(io.BytesIO(response.content))
    image.load()
    assert image.format == "PNG"
    assert image.width == WIDTH
    assert 600 <= image.height <= 1600
    image.save("var/screenshots/battle-share.png")
    with translation.override("zh-hans"):
        drawn = Image.open(io.BytesIO(battle_png(report(company), "北方科技")))
        tofu = Image.open(io.BytesIO(battle_png(report(company), "北方科技", font_file=NO_CJK)))
    title = (0, 0, WIDTH, 90)
    assert ImageChops.difference(drawn.crop(title), tofu.crop(title)).getbbox() is not None


def test_the_font_has_real_chinese_glyphs_where_a_latin_font_has_boxes():
    from PIL import ImageDraw, ImageFont

    def glyph(font, char):
        canvas = Image.new("L", (60, 60), 0)
        ImageDraw.Draw(canvas).text((5, 5), char, font=font, fill=255)
        return canvas

    cjk = ImageFont.truetype(cjk_font_file(), 40, index=2)
    latin = ImageFont.truetype(NO_CJK, 40)
    assert ImageChops.difference(glyph(cjk, "销"), glyph(cjk, "售")).getbbox() is not None
    assert ImageChops.difference(glyph(latin, "销"), glyph(latin, "售")).getbbox() is None  # tofu


def test_a_rep_gets_no_share_image(company, june_sales, login):
    client = login(company.rep)
    assert client.get(f"/tracking/battle.png?week=2026-W25&at={AT}").status_code in (403, 404)


def title_gap(pdf: bytes) -> float:
    """The space between the title's first two words, relative to their height: letter-spacing
    ("S a l e s  b a t t l e") widens it to ~0.4; set normally it is ~0.2."""
    import re
    import subprocess

    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    words = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', boxes
    )
    first, second = words[0], words[1]
    height = float(first[3]) - float(first[1])
    return (float(second[0]) - float(first[2])) / height
