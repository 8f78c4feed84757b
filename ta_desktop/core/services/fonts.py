"""The shipped fallback font for every script the app writes into a file (PDFs, the PNG).

``resources/fonts/WenQuanYiMicroHei-subset.ttf``: WenQuanYi Micro Hei (Apache License 2.0),
TrueType outlines, subset to Latin, GB2312, Big5 and common Hangul by
``tools/make_cjk_font.py``. The
app never looks for system fonts, so a PDF or PNG made on any machine shows
深圳市华强电子有限公司. Latin text keeps Helvetica (PDF) and Pillow's own font (PNG); runs that
those cannot show are set in this font, and reportlab embeds the subset of it that is used.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ta_desktop.resources import resource_path

CJK_FONT_FILE: Path = resource_path("fonts", "WenQuanYiMicroHei-subset.ttf")
PDF_CJK_FONT = "TADesktopCJK"


def needs_fallback(char: str) -> bool:
    """Whether the standard PDF fonts (WinAnsi) and Pillow's Latin font cannot show ``char``."""
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return True
    return False


def standard_font_shows(text: str) -> bool:
    """Whether the standard PDF fonts (WinAnsi) show all of ``text``."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each with whether it needs the fallback font."""
    out: list[tuple[str, bool]] = []
    for char in text:
        wants = needs_fallback(char) and not char.isspace()
        if out and out[-1][1] == wants:
            out[-1] = (out[-1][0] + char, wants)
        else:
            out.append((char, wants))
    return out


# --- PDF (reportlab) ------------------------------------------------------------------------


def pdf_font() -> str:
    """The fallback font's name for reportlab, registered once (TrueType: embedded, subset)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_CJK_FONT, str(CJK_FONT_FILE)))
    return PDF_CJK_FONT


def pdf_markup(text: str) -> str:
    """Paragraph markup for plain ``text``: escaped, with runs Helvetica cannot show set in the
    fallback font, so they render and stay extractable as text."""
    from xml.sax.saxutils import escape

    if standard_font_shows(text):  # most text: all of it in Helvetica, no char to look at
        return escape(text)
    return "".join(f'<font name="{pdf_font()}">{escape(run)}</font>' if wants else escape(run)
                   for run, wants in runs(text))


# --- PNG (Pillow) -----------------------------------------------------------------------------


@cache
def _image_fonts(size: int):
    from PIL import ImageFont

    return ImageFont.load_default(size=size), ImageFont.truetype(str(CJK_FONT_FILE), size)


class MixedFont:
    """Pillow's Latin font with the fallback font for the runs it cannot show."""

    def __init__(self, size: int):
        self.size = size
        self.latin, self.cjk = _image_fonts(size)

    def getlength(self, text: str) -> float:
        return sum((self.cjk if wants else self.latin).getlength(run)
                   for run, wants in runs(text))

    def draw(self, draw, xy: tuple[float, float], text: str, fill: str) -> None:
        x, y = xy
        for run, wants in runs(text):
            font = self.cjk if wants else self.latin
            draw.text((x, y), run, font=font, fill=fill)
            x += font.getlength(run)


def wrap(line: str, font: MixedFont, width: float) -> list[str]:
    """``line`` in lines no wider than ``width``: broken at spaces, and inside a word (Chinese
    has no spaces) only when the word alone is too wide."""
    indent = line[: len(line) - len(line.lstrip())]
    lines, current = [], indent
    for word in line.split():
        candidate = f"{current} {word}" if current.strip() else f"{indent}{word}"
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current.strip():
            lines.append(current)
            current = f"{indent}{word}"
        while font.getlength(current) > width and len(current.strip()) > 1:
            cut = len(current)
            while cut > len(indent) + 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = indent + current[cut:]
    return [*lines, current] if current.strip() else lines
