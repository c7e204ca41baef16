"""The battle report as one PNG to post in a chat group (战报分享图).

Drawn with Pillow (a well-kept imaging library, already under WeasyPrint) in Debian's Noto Sans
CJK (``fonts-noto-cjk``, installed by ``scripts/install-system-deps``): ECharts cannot draw on
the server here, and a chat group wants a picture, not a link. Phone width (750 px, the width
chat apps show full-size); the height follows the rows. Figures come from the same
``BattleReport`` as the page, the PDF and the workbook, so all four say the same.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from salestarget.tracking.queries.reports import BattleReport
from salestarget.ui.amounts import amount_text
from salestarget.ui.templatetags.figures import pct

WIDTH = 750
PAD = 32
ROW = 64
TOP = 5  # rows per ranking: what fits a phone screen
RED = (192, 57, 43)
INK = (17, 17, 17)
MUTED = (108, 117, 125)
GOOD = (30, 132, 73)
TRACK = (236, 239, 241)
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)


class FontMissingError(RuntimeError):
    """No CJK font on this server: the share image cannot be drawn."""


@cache
def cjk_font_file(bold: bool = False) -> str:
    """Noto Sans CJK from Debian's fonts-noto-cjk, or whatever fontconfig finds for it."""
    path = Path(FONT_FILES[1 if bold else 0])
    if path.exists():
        return str(path)
    if shutil.which("fc-match"):
        style = ":style=Bold" if bold else ""
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", f"Noto Sans CJK SC{style}"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found and "CJK" in found:
            return found
    raise FontMissingError("fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk)")


def _font(size: int, *, bold: bool = False, font_file: str | None = None) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file or cjk_font_file(bold), size, index=2)  # 2: SC


def battle_png(report: BattleReport, company: str, *, font_file: str | None = None) -> bytes:
    """The share image of ``report``. ``font_file`` draws with another font (tests compare
    with one that has no Chinese, to prove the text is not tofu)."""

    def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        if font_file is not None:
            return ImageFont.truetype(font_file, size)
        return _font(size, bold=bold)

    a = report.attainment
    people = a.people[:TOP] if a else []
    amounts = report.people[:TOP]
    height = 150 + 170 + 70 + ROW * max(len(people), 1) + 70 + ROW * max(len(amounts), 1) + 70
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)

    draw.rectangle((0, 0, WIDTH, 150), fill=RED)
    unit = report.unit or company
    draw.text((PAD, 28), _("%(unit)s 销售战报") % {"unit": unit}, font=font(40, True), fill="white")
    span = f"{report.period.label} · {report.start:%Y-%m-%d} ~ {report.end:%Y-%m-%d}"
    draw.text((PAD, 94), span, font=font(24), fill=(255, 230, 226))

    y = 170
    draw.text((PAD, y), _("周销售额"), font=font(24), fill=MUTED)
    draw.text((PAD, y + 34), amount_text(report.total.value), font=font(44, True), fill=RED)
    if a is not None:
        month = report.month_to_date.value if report.month_to_date else None
        line = _("本月累计 %(amount)s · 时间进度 %(progress)s") % {
            "amount": amount_text(month),
            "progress": pct(a.time_progress),
        }
        draw.text((PAD, y + 100), line, font=font(24), fill=INK)

    y = 340
    y = _section(draw, y, _("本月完成率排行"), font(28, True))
    draw.text((WIDTH - PAD, y - 50), _("竖线：时间进度"), font=font(20), fill=MUTED, anchor="ra")
    if not people:
        draw.text((PAD, y + 16), _("本月还没有目标或数据"), font=font(24), fill=MUTED)
        y += ROW
    for row in people:
        e = row.entry
        draw.text((PAD, y + 8), f"{e.rank}", font=font(28, True), fill=RED)
        draw.text((PAD + 50, y + 4), e.label, font=font(26), fill=INK)
        figures = _("完成率 %(achievement)s · 目标 %(target)s") % {
            "achievement": pct(e.achievement),
            "target": amount_text(e.target),
        }
        draw.text((WIDTH - PAD, y + 6), figures, font=font(22), fill=INK, anchor="ra")
        _bar(draw, y + 44, e.achievement or Decimal(0), a.time_progress if a else Decimal(0))
        y += ROW

    y = _section(draw, y + 10, _("周业绩排行"), font(28, True))
    if not amounts:
        draw.text((PAD, y + 16), _("该周暂无数据"), font=font(24), fill=MUTED)
    for e in amounts:
        draw.text((PAD, y + 12), f"{e.rank}", font=font(28, True), fill=RED)
        draw.text((PAD + 50, y + 12), e.label, font=font(26), fill=INK)
        draw.text((PAD + 260, y + 16), e.unit, font=font(22), fill=MUTED)
        draw.text((WIDTH - PAD, y + 12), amount_text(e.value), font=font(26), fill=INK, anchor="ra")
        y += ROW

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _section(draw: ImageDraw.ImageDraw, y: int, title: str, font: ImageFont.FreeTypeFont) -> int:
    draw.rectangle((PAD, y + 6, PAD + 6, y + 40), fill=RED)
    draw.text((PAD + 18, y + 4), title, font=font, fill=INK)
    return y + 60


def _bar(draw: ImageDraw.ImageDraw, y: int, achievement: Decimal, progress: Decimal) -> None:
    """Achievement as a bar (full width = 150%), with the time progress as a tick."""
    left, right = PAD + 50, WIDTH - PAD
    span = right - left

    def x(fraction: Decimal) -> int:
        return left + int(span * min(max(fraction, Decimal(0)), Decimal("1.5")) / Decimal("1.5"))

    draw.rounded_rectangle((left, y, right, y + 10), radius=5, fill=TRACK)
    colour = GOOD if achievement >= progress else RED
    if achievement > 0:
        draw.rounded_rectangle(
            (left, y, max(x(achievement), left + 10), y + 10), radius=5, fill=colour
        )
    tick = x(progress)
    draw.rectangle((tick - 1, y - 5, tick + 1, y + 15), fill=INK)
