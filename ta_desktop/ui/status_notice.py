"""The status bar's word after every save and export: "Order TA-1 saved.", "12 orders written to
orders.xlsx" with an "Open folder" button where a file was written. Fed by ``Operations.noted``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

SHOWN_MS = 15_000  # long enough to reach for "Open folder"


def folder_of(written: Path) -> Path:
    return written if written.is_dir() else written.parent


class StatusNotice(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLabel()
        self.text.setObjectName("statusNotice")
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.clicked.connect(self.open_folder)
        self.written: Path | None = None
        self._timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self._timer.timeout.connect(self.clear)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.text)
        box.addWidget(self.open_button)
        box.addStretch()
        self.clear()

    def show_notice(self, text: str, written: Path | None = None) -> None:
        self.written = Path(written) if written is not None else None
        self.text.setText(text)
        self.text.setToolTip(str(self.written) if self.written else "")
        self.open_button.setVisible(self.written is not None)
        self.open_button.setToolTip(str(folder_of(self.written)) if self.written else "")
        self.show()
        self._timer.start()

    def clear(self) -> None:
        self.text.clear()
        self.written = None
        self.open_button.hide()

    def open_folder(self) -> bool:
        """Open the folder of the file written in the system's file manager."""
        if self.written is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder_of(self.written))))
