"""A date field that may be typed or picked: a line edit (2027-06-30, or 30/06/2027 when only one
reading is a real day) with a calendar button; empty means no date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QWidget,
    QWidgetAction,
)

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.validation import parse_day


def _calendar_icon(colour: QColor) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(colour, 1.4))
    painter.drawRoundedRect(QRectF(1.5, 2.5, 13, 12), 2, 2)
    painter.drawLine(2, 6, 14, 6)
    for x in (5, 8, 11):
        for y in (9, 12):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    picked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD, or pick"))
        self.pick_action = QAction(_calendar_icon(self.palette().text().color()),
                                   self.tr("Pick a date"), self)
        self.pick_action.triggered.connect(self.show_calendar)
        self.addAction(self.pick_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.calendar.activated.connect(self._on_calendar_clicked)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)

    def day(self) -> date | None:
        """The date typed or picked; None when empty. Raises ValidationError."""
        return parse_day(self.text())

    def set_day(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def show_calendar(self) -> None:
        try:
            shown = self.day() or date.today()
        except ValidationError:
            shown = date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def _on_calendar_clicked(self, picked: QDate) -> None:
        self._menu.close()
        text = date(picked.year(), picked.month(), picked.day()).isoformat()
        self.setText(text)
        self.textEdited.emit(text)  # a pick is an edit: the form offers Save
        self.picked.emit()


class DateDelegate(QStyledItemDelegate):
    """Table cells holding a date (ISO text) are edited with a ``DateField``."""

    def createEditor(self, parent, _option, _index) -> DateField:
        return DateField(parent)

    def setEditorData(self, editor: DateField, index) -> None:
        editor.setText(str(index.data() or ""))

    def setModelData(self, editor: DateField, model, index) -> None:
        try:
            day = editor.day()
        except ValidationError:
            model.setData(index, editor.text())  # kept as typed: the form says what is wrong
            return
        model.setData(index, day.isoformat() if day else "")
