"""Paints an order status as a coloured pill, so the list reads at a glance."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ta_desktop.core.domain.types import OrderStatus
from ta_desktop.ui.theme import STATUS_COLOURS
from ta_desktop.ui.widgets.paged_model import ROW_ROLE


def paint_pill(painter: QPainter, rect: QRectF, text: str, colour: QColor, palette) -> None:
    """A rounded, tinted label; shared by the list delegate and the order header."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    width = min(rect.width() - 4, metrics.horizontalAdvance(text) + 16)
    pill = QRectF(rect.left() + 2, rect.center().y() - metrics.height() / 2 - 2,
                  width, metrics.height() + 4)
    fill = QColor(colour)
    fill.setAlpha(48)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.setPen(palette.text().color())
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(pill.width() - 12))
    painter.drawText(pill.adjusted(8, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, elided)
    painter.restore()


class StatusDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection and focus background as usual, our text on top
            background = QStyleOptionViewItem(option)
            self.initStyleOption(background, index)
            background.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter,
                              option.widget)
        status: OrderStatus = row.status
        paint_pill(painter, QRectF(option.rect), status.label, STATUS_COLOURS[status],
                   option.palette)
