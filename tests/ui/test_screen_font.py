"""Screens show Chinese supplier names on a machine without CJK system fonts: the app font
falls back to the font shipped in resources/fonts for glyphs the system font lacks."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from ta_desktop.ui.theme import apply_theme

NAME = "深圳市华强电子有限公司"


def drawn(text: str) -> QImage:
    image = QImage(400, 40, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(QApplication.font())
    painter.drawText(4, 28, text)
    painter.end()
    return image


@pytest.fixture
def themed(qapp):
    """The app with our theme for one test, then as it was for the next ones."""
    before = qapp.style().name(), qapp.palette(), qapp.styleSheet(), qapp.font()
    yield qapp
    style, palette, sheet, font = before
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def test_the_app_font_falls_back_to_the_shipped_cjk_font(themed):
    apply_theme(themed, dark=True)
    apply_theme(themed, dark=False)  # twice: the fallback is added once
    families = QApplication.font().families()
    assert len(families) == 2 and "WenQuanYi" in families[1]
    # Drawn glyphs, not the same missing-glyph box for every character.
    missing = "".join(chr(0xF0000 + i) for i in range(len(NAME)))
    assert drawn(NAME) != drawn(missing)
