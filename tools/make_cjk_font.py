"""Make the CJK fallback font shipped in resources/fonts/ (run by hand; not needed at runtime).

The app writes PDFs and a PNG that must show Chinese supplier names on any machine, so it
ships its own font instead of relying on system fonts. Source: WenQuanYi Micro Hei 0.2.0-beta
(Apache License 2.0, or GPL-3+ with the font exception: we use it under Apache 2.0; built on
Google's Droid Sans Fallback and Droid Sans), TrueType outlines, which reportlab needs to embed
it (Noto CJK's OTF are CFF), from Debian's ``fonts-wqy-microhei``. Droid Sans Fallback alone
lacks the symbols of GB2312 (≈, →, ①). Kept: ASCII and Latin-1, general punctuation, every
character of GB2312 (simplified Chinese, with kana, Greek, Cyrillic) and Big5 (traditional
Chinese), the CJK punctuation and full-width forms, the symbol blocks (≈, →, ①, ■), and
Hangul's common syllables (KS X 1001).

    apt-get install -y fonts-wqy-microhei
    pip install fonttools
    python tools/make_cjk_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

OUT = Path(__file__).resolve().parent.parent / "resources/fonts/WenQuanYiMicroHei-subset.ttf"


def _charset(codec: str, first: range, second: range) -> set[int]:
    chars: set[int] = set()
    for lead in first:
        for trail in second:
            try:
                text = bytes((lead, trail)).decode(codec)
            except UnicodeDecodeError:
                continue
            chars.update(ord(c) for c in text)
    return chars


def wanted() -> set[int]:
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    chars |= set(range(0x2000, 0x2070)) | set(range(0x20A0, 0x20C0))
    chars |= set(range(0x2100, 0x2300)) | set(range(0x2460, 0x2700))  # letterlike, arrows,
    # maths, enclosed numbers, box drawing, shapes, symbols: what the source font has of them
    chars |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0))
    chars |= _charset("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))
    chars |= _charset("big5", range(0xA1, 0xFA), range(0x40, 0xFF))
    chars |= _charset("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))
    return chars


def main(source: str) -> None:
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # a fallback for print and PNG: hints only add size
    options.layout_features = ["*"]
    options.font_number = 0  # the .ttc's first face: Micro Hei (the second is its mono twin)
    font = subset.load_font(source, options, dontLoadGlyphNames=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted())
    subsetter.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT), options)
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(font.getBestCmap()):,} characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else
         "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
