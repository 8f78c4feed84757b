"""Choose a backup to restore: the backups in the data folder with date, size and counts, or
another backup file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.evidence import megabytes
from ta_desktop.core.services.backup import BackupInfo

COUNTS = ("orders", "suppliers", "disputes", "evidence")


class RestoreDialog(QDialog):
    """``chosen`` is the backup file the user picked (None until then)."""

    def __init__(self, backups: list[BackupInfo], folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = backups
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(760, 380)
        intro = QLabel(self.tr(
            "Choose a backup. Everything in the open database is replaced by it; what the "
            "database holds now is backed up first. Backups are kept in {0}.").format(folder))
        intro.setWordWrap(True)
        headers = [self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("Orders"),
                   self.tr("Suppliers"), self.tr("Disputes"), self.tr("Evidence")]
        self.table = QTableWidget(len(backups), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, info in enumerate(backups):
            for column, text in enumerate(self._cells(info)):
                item = QTableWidgetItem(text)
                item.setToolTip(info.problem or str(info.path))
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        other = QPushButton(self.tr("Other &file…"))
        self.buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self._on_other_clicked)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        if backups:
            self.table.selectRow(0)

    def _cells(self, info: BackupInfo) -> list[str]:
        made = info.created.strftime("%Y-%m-%d %H:%M:%S") if info.created else ""
        if info.manifest is None:
            return [made, self.tr("damaged"), megabytes(info.size), "", "", "", ""]
        return [made, info.manifest.label, megabytes(info.size),
                *(str(info.manifest.counts.get(name, "")) for name in COUNTS)]

    def _selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _on_table_selection_changed(self) -> None:
        selected = self._selected()
        self.restore_button.setEnabled(selected is not None and selected.manifest is not None)

    def _on_table_double_clicked(self) -> None:
        if self.restore_button.isEnabled():
            self._on_buttons_accepted()

    def _on_buttons_accepted(self) -> None:
        selected = self._selected()
        if selected is not None and selected.manifest is not None:
            self.chosen = selected.path
            self.accept()

    def _on_other_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Restore from backup"), "", self.tr("TA Desktop backups (*.zip)"))
        if name:
            self.chosen = Path(name)
            self.accept()
