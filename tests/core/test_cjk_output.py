"""Every script in every file the app writes: 深圳市华强电子有限公司 is drawn, not boxes, in the
claim-summary PNG and on page 1 of both PDFs, on a machine without any CJK system font (the
shipped font is the only one used), and each PDF embeds the font (FontFile2)."""

from __future__ import annotations

import io
import os
from datetime import date
from decimal import Decimal

import pypdfium2
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from pypdf import PdfReader

from ta_desktop.core.domain.entities import OrderLine
from ta_desktop.core.domain.evidence import BundleCase, BundleFile
from ta_desktop.core.services.evidence.bundle import build_bundle
from ta_desktop.core.services.evidence.fit import drain
from ta_desktop.core.services.fonts import CJK_FONT_FILE
from ta_desktop.core.services.reports.gather import summary_for
from ta_desktop.core.services.reports.render import render_summary
from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier

NAME = "深圳市华强电子有限公司"
MISSING = "\ue000" * len(NAME)  # private use: no font has it, so it is drawn as the box
SHOW = os.environ.get("TA_SHOW_RENDERS")  # a folder to keep the renders in, to look at them


def _keep(image: Image.Image, name: str) -> None:
    if SHOW:
        image.save(os.path.join(SHOW, name))


def test_the_shipped_font_has_every_character_and_stays_small():
    font = TTFont(CJK_FONT_FILE)
    cmap = font.getBestCmap()
    assert "glyf" in font  # TrueType outlines: reportlab embeds them
    assert all(ord(char) in cmap for char in NAME + "華強電子有限公司≈→①あ한")
    assert ord("\ue000") not in cmap
    assert CJK_FONT_FILE.stat().st_size < 4_000_000
    assert (CJK_FONT_FILE.parent / "LICENSE-Apache-2.0.txt").is_file()


def _ink(image: Image.Image) -> int:
    return image.convert("L").point(lambda v: 255 if v < 128 else 0).histogram()[255]


def _differ(real: Image.Image, boxes: Image.Image) -> None:
    """The real name and the same count of missing-glyph boxes do not look alike."""
    box = ImageChops.difference(real.convert("RGB"), boxes.convert("RGB")).getbbox()
    assert box is not None, "the name is drawn as boxes"
    assert abs(_ink(real.crop(box)) - _ink(boxes.crop(box))) > 50


def _page_one(data: bytes) -> Image.Image:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return pdf[0].render(scale=2).to_pil()
    finally:
        pdf.close()


def _embedded_fonts(data: bytes) -> list[str]:
    """Base names of the page-1 fonts whose program is in the file (TrueType: FontFile2)."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    names = []
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts")
        descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor.get_object():
            names.append(str(font["/BaseFont"]))
    return names


def _summary_pdf(workspace, supplier_name: str) -> bytes:
    supplier = workspace.suppliers.save(make_supplier(supplier_name)).value
    number = f"TA-{supplier.id}"
    workspace.orders.save(make_order(number, supplier.id, lines=[
        OrderLine("Perfume 50 ml", 2000, Decimal("4.6"), unit="bottles"),
        OrderLine("Gift box", 2000, Decimal("0.35"), unit="gift boxes"),
        OrderLine("Perfume 100 ml", 1200, Decimal("7"), unit="bottles")]))
    return render_summary(summary_for(workspace, number))


def test_contract_summary_draws_and_embeds_the_chinese_name(workspace):
    real, boxes = _summary_pdf(workspace, NAME), _summary_pdf(workspace, MISSING)
    assert any(name.endswith("+WenQuanYiMicroHei") for name in _embedded_fonts(real))
    page, box_page = _page_one(real), _page_one(boxes)
    _keep(page, "summary-page1.png")
    _differ(page, box_page)


def test_contract_summary_totals_quantities_per_unit(workspace):
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(io.BytesIO(_summary_pdf(workspace, NAME))).pages)
    assert "3,200 bottles" in text and "2,000 gift boxes" in text
    assert "5,200" not in text  # bottles and gift boxes are never added up
    assert "4.60" in text and "7.00" in text and "18,300.00 USD" in text


@pytest.fixture
def bundles(tmp_path, profile):
    photo = image_file(tmp_path, "crack.jpg")

    def build(name: str, out: str):
        case = BundleCase(order_number="TA-2026-0101", supplier_name=name,
                          claim_type="Quality not as contracted",
                          claim_text="12 of 80 power banks arrived with cracked housings.",
                          files=(BundleFile(photo, "Crack"),), order_date=date(2026, 8, 1))
        return drain(build_bundle(case, tmp_path / out, profile, today=date(2026, 11, 1)))

    return build(NAME, "real"), build(MISSING, "boxes")


def test_claim_summary_png_draws_the_chinese_name(bundles):
    real, boxes = bundles
    image = Image.open(real.summary)
    _keep(image, "claim-summary.png")
    _differ(image, Image.open(boxes.summary))


def test_evidence_index_draws_and_embeds_the_chinese_name(bundles):
    real, boxes = (result.index_pdf.read_bytes() for result in bundles)
    assert any(name.endswith("+WenQuanYiMicroHei") for name in _embedded_fonts(real))
    page = _page_one(real)
    _keep(page, "evidence-index-page1.png")
    _differ(page, _page_one(boxes))
