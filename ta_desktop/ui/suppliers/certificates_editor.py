"""A supplier's certificates (SUP-CERT): a list, and a dialog per certificate with its type,
scope, issuer, number, the date it is valid until (picked) and its file (picked, copied into the
certificate store). They are saved with the supplier."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.certificates import CERTIFICATE_TYPES, is_expiring, type_label
from ta_desktop.core.domain.entities import Certificate
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.action_dialog import date_edit, from_qdate
from ta_desktop.ui.theme import DANGER, WARNING
from ta_desktop.ui.widgets.dialog_parts import ok_cancel, row_of
from ta_desktop.ui.widgets.form import ValidatedForm


def pick_file(parent: QWidget, title: str) -> Path | None:
    """The file the user picks (None when they cancel); tests replace it."""
    name, _filter = QFileDialog.getOpenFileName(parent, title)
    return Path(name) if name else None


class CertificateDialog(QDialog):
    """One certificate: every field, the validity date picked, the file picked and copied."""

    def __init__(self, certificate: Certificate, workspace: Workspace, ops: Operations,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Certificate"))
        self.workspace, self.ops = workspace, ops
        self.certificate = dataclasses.replace(certificate)
        self.form = ValidatedForm()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("— choose —"), "")
        for value, label in CERTIFICATE_TYPES:
            self.kind.addItem(self.tr(label), value)
        if certificate.kind and self.kind.findData(certificate.kind) < 0:
            self.kind.addItem(certificate.kind, certificate.kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(certificate.kind)))
        self.form.add_field("kind", self.tr("Type"), self.kind)
        self.name = self.form.add_field("name", self.tr("Title"), QLineEdit(certificate.name))
        self.scope = self.form.add_field("scope", self.tr("Scope"), QLineEdit(certificate.scope))
        self.scope.setPlaceholderText(self.tr("products or models it covers"))
        self.issuer = self.form.add_field("issuer", self.tr("Issuer"),
                                          QLineEdit(certificate.issuer))
        self.number = self.form.add_field("number", self.tr("Number"),
                                          QLineEdit(certificate.number))
        today = workspace.today()
        self.valid_until = date_edit(certificate.valid_until or today + timedelta(days=365))
        self.dated = QCheckBox(self.tr("valid until"))
        self.dated.setChecked(certificate.valid_until is not None)
        self.dated.toggled.connect(self.valid_until.setEnabled)
        self.valid_until.setEnabled(self.dated.isChecked())
        self.form.add_field("valid_until", self.tr("Validity"),
                            row_of(self.valid_until, self.dated))
        self.file_label = QLabel()
        attach = QPushButton(self.tr("Attach file…"))
        attach.clicked.connect(self._on_attach_clicked)
        self.form.add_field("file", self.tr("File"), row_of(self.file_label, attach))
        self._show_file()
        ok_cancel(self, self.form, self._on_buttons_accepted)

    def _show_file(self) -> None:
        self.file_label.setText(self.certificate.file_name or self.tr("no file"))

    def _on_attach_clicked(self) -> None:
        path = pick_file(self, self.tr("Attach the certificate's file"))
        if path is not None:
            self.ops.run_op(self, lambda: self.workspace.certificate_files.put(path),
                            self._on_file_stored)

    def _on_file_stored(self, stored: tuple[str, str]) -> None:
        self.certificate.file_sha256, self.certificate.file_name = stored
        self._show_file()

    def _on_buttons_accepted(self) -> None:
        kind = self.kind.currentData() or ""
        name = self.name.text().strip() or type_label(kind)
        if not name:
            self.form.show_errors({"name": self.tr("Choose a type or give the certificate a "
                                                   "title.")})
            return
        self.certificate = dataclasses.replace(
            self.certificate, kind=kind, name=name, scope=self.scope.text().strip(),
            issuer=self.issuer.text().strip(), number=self.number.text().strip(),
            valid_until=from_qdate(self.valid_until.date()) if self.dated.isChecked() else None)
        self.accept()


class CertificatesEditor(QWidget):
    """The certificates of the supplier shown; ``edited`` when the list changes."""

    edited = Signal()
    HEADERS = ("Type", "Title", "Scope", "Issuer", "Valid until", "File")

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.ops = workspace, ops
        self._certificates: list[Certificate] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.table.doubleClicked.connect(lambda _index: self._on_edit_clicked())
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Add certificate…"), self._on_add_clicked),
                           (self.tr("Edit…"), self._on_edit_clicked),
                           (self.tr("Open file"), self._on_open_clicked),
                           (self.tr("Remove"), self._on_remove_clicked)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def certificates(self) -> list[Certificate]:
        return [dataclasses.replace(c) for c in self._certificates]

    def set_certificates(self, certificates: list[Certificate]) -> None:
        self._certificates = [dataclasses.replace(c) for c in certificates]
        self._fill()

    def _fill(self) -> None:
        today, profile = self.workspace.today(), self.workspace.profile
        self.table.setRowCount(len(self._certificates))
        for row, c in enumerate(self._certificates):
            cells = (type_label(c.kind), c.name, c.scope, c.issuer, fmt.day(c.valid_until),
                     c.file_name or c.file_path)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4 and is_expiring(c, profile, today):
                    item.setForeground(DANGER if c.expired(today) else WARNING)
                    item.setToolTip(self.tr("Expired") if c.expired(today) else
                                    self.tr("Expires soon: ask for a renewed one (SUP-CERT)"))
                self.table.setItem(row, column, item)

    def _edit(self, certificate: Certificate) -> Certificate | None:
        dialog = CertificateDialog(certificate, self.workspace, self.ops, self)
        return dialog.certificate if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _on_add_clicked(self) -> None:
        added = self._edit(Certificate(""))
        if added is not None:
            self._certificates.append(added)
            self._changed()

    def _on_edit_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._certificates):
            edited = self._edit(self._certificates[row])
            if edited is not None:
                self._certificates[row] = edited
                self._changed()

    def _on_open_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._certificates) and self._certificates[row].file_sha256:
            path = self.workspace.certificate_files.path_of(self._certificates[row].file_sha256)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _on_remove_clicked(self) -> None:
        self.remove_current()

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._certificates):
            del self._certificates[row]
            self._changed()

    def _changed(self) -> None:
        self._fill()
        self.edited.emit()
