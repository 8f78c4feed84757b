"""What lets every screen fit a 1280×720 window: panes that scroll instead of demanding their
full size, labels that elide long text (the whole text in their tooltip), and splitters that
remember where the user put the divider."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QWidget


def scrolling(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: it fills the space it gets and scrolls when the
    window is smaller than what it needs, so its size no longer sets the window's minimum."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when it does not fit; the whole text is its tooltip
    then. Its minimum width is small, so a long name never widens the window."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    # The height of one line of the font, whatever the text: a fallback font (Chinese names)
    # would otherwise make the row a pixel taller and the screen below it move.
    def minimumSizeHint(self) -> QSize:
        return QSize(40, self._line_height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, self._line_height())

    def _line_height(self) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().height() + margins.top() + margins.bottom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(self.width(), 40))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")


def remember_splitter(splitter: QSplitter, key: str, sizes: list[int]) -> None:
    """Restore the divider from QSettings (``sizes`` the first time) and save it whenever the
    user moves it."""
    splitter.setChildrenCollapsible(False)
    state = QSettings().value(key)
    if state is None or not splitter.restoreState(state):
        splitter.setSizes(sizes)
    splitter.splitterMoved.connect(lambda *_: QSettings().setValue(key, splitter.saveState()))


