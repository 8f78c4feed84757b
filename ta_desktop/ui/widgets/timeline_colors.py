"""Every colour the timelines paint with, derived from the widget's palette (light or dark)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ta_desktop.core.domain.deadlines import Urgency
from ta_desktop.core.domain.types import Party
from ta_desktop.ui.widgets.timeline_model import SpanRole


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _tone(hue: int, palette: QPalette, saturation: int = 170) -> QColor:
    """A hue at a lightness that reads on the palette's background (light or dark mode)."""
    return QColor.fromHsl(hue, saturation, 170 if _is_dark(palette) else 95)


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() * (1 - amount) + b.redF() * amount,
        a.greenF() * (1 - amount) + b.greenF() * amount,
        a.blueF() * (1 - amount) + b.blueF() * amount,
    )


class TimelineColors:
    """Every colour the timelines use, derived from the widget's palette."""

    def __init__(self, palette: QPalette) -> None:
        role = QPalette.ColorRole
        self.background = palette.color(role.Base)
        self.text = palette.color(role.WindowText)
        self.muted = mix(self.text, self.background, 0.45)
        self.grid = mix(self.text, self.background, 0.82)
        self.track = mix(self.text, self.background, 0.9)
        self.highlight = palette.color(role.Highlight)
        self.parties = {
            Party.BUYER: self.highlight,
            Party.SUPPLIER: _tone(28, palette, 200),
            Party.PLATFORM: _tone(275, palette, 120),
        }
        self.urgency = {
            Urgency.OVERDUE: _tone(0, palette, 200),
            Urgency.URGENT: _tone(14, palette, 210),
            Urgency.SOON: _tone(40, palette, 210),
            Urgency.LATER: _tone(145, palette, 120),
            Urgency.CLOSED: self.muted,
        }
        self.spans = {
            SpanRole.CALM: mix(self.highlight, self.background, 0.82),
            SpanRole.OPPORTUNITY: mix(self.highlight, self.background, 0.62),
            SpanRole.WAITING: mix(self.parties[Party.PLATFORM], self.background, 0.7),
            SpanRole.EXTENSION: mix(self.parties[Party.SUPPLIER], self.background, 0.7),
            SpanRole.LATE: mix(self.urgency[Urgency.OVERDUE], self.background, 0.6),
        }
        self.today = _tone(0, palette, 190)

    def party(self, party: Party | None) -> QColor:
        return self.parties.get(party, self.muted) if party else self.muted
