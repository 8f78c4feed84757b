"""Look and feel in one place: the style, the stylesheet and the colours that carry meaning."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.resources import resource_path

S = OrderStatus

# Meaningful colours (not decoration); chosen to read on light and dark backgrounds alike.
DANGER = QColor("#d32f2f")
WARNING = QColor("#ef8f00")
SUCCESS = QColor("#2e7d32")
INFO = QColor("#1e88e5")
NEUTRAL = QColor("#78909c")
ACCENT = QColor("#7e57c2")

STATUS_COLOURS = {
    S.DRAFT: NEUTRAL,
    S.AWAITING_SUPPLIER_CONFIRMATION: INFO,
    S.AWAITING_PAYMENT: WARNING,
    S.PAYMENT_PROCESSING: INFO,
    S.AWAITING_SHIPMENT: INFO,
    S.AWAITING_DELIVERY_CONFIRMATION: ACCENT,
    S.COMPLETED: SUCCESS,
    S.CANCELLED: NEUTRAL,
    S.IN_DISPUTE: DANGER,
    S.REFUNDED: SUCCESS,
    S.PARTIALLY_REFUNDED: WARNING,
    S.CLOSED: NEUTRAL,
}


DARK_SETTING = "appearance/dark"
# The font shipped for every script (see core/services/fonts.py): screens show Chinese supplier
# names on machines without CJK system fonts too.
FALLBACK_FONT = ("fonts", "WenQuanYiMicroHei-subset.ttf")


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with our stylesheet; dark or the system's palette as the user chose
    (``dark=None``: as saved in the settings)."""
    if dark is None:
        dark = QSettings().value(DARK_SETTING, False, type=bool)
    app.setStyle("Fusion")
    _add_fallback_font(app)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(resource_path("theme", "app.qss").read_text(encoding="utf-8"))


@cache
def _fallback_families() -> tuple[str, ...]:
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*FALLBACK_FONT)))
    return tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()


def _add_fallback_font(app: QApplication) -> None:
    """Put the shipped font after the system's own in the application font: Qt then takes from
    it only the glyphs the system font lacks."""
    font = app.font()
    fallback = [family for family in _fallback_families() if family not in font.families()]
    if fallback:
        # The family the system really resolved (not an alias such as "Sans Serif"), first.
        font.setFamilies([QFontInfo(font).family(), *fallback])
        app.setFont(font)


def dark_palette() -> QPalette:
    """A dark palette for users (and screenshots) that want one."""
    palette = QPalette()
    base, window, text = QColor(30, 32, 36), QColor(40, 43, 48), QColor(225, 228, 232)
    for role, colour in {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(46, 49, 55), QPalette.ColorRole.Text: text,
        QPalette.ColorRole.WindowText: text, QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.Highlight: QColor(66, 133, 244),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.ToolTipBase: window, QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(140, 145, 150),
        QPalette.ColorRole.Mid: QColor(70, 74, 80), QPalette.ColorRole.Midlight: QColor(60, 64, 70),
    }.items():
        palette.setColor(role, colour)
    muted = QColor(120, 124, 130)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette
