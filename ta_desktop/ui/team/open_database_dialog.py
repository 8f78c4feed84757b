"""File → Open database…: a database file, or the team's server, from the recent connections.

Recent connections are kept in this machine's settings without their password; the password
goes to the system keyring when the user ticks "Remember" (``services.connections``). Where this
computer has no keyring the box says so and the password is asked each time.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.errors import StorageError
from ta_desktop.core.services.connections import (
    PasswordStore,
    is_server,
    with_password,
    without_password,
)

RECENT_SETTING = "team/recent_databases"
RECENT_COUNT = 8


def recent_databases() -> list[str]:
    return [str(v) for v in (QSettings().value(RECENT_SETTING, [], type=list) or []) if v]


def remember_database(target: str) -> None:
    """Put ``target`` (its password taken out) first in the recent list."""
    shown = without_password(target)[0]
    recent = [shown, *(t for t in recent_databases() if t != shown)][:RECENT_COUNT]
    QSettings().setValue(RECENT_SETTING, recent)


class OpenDatabaseDialog(QDialog):
    def __init__(self, passwords: PasswordStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open database"))
        self.passwords = passwords or PasswordStore()
        self.target = ""  # what to open once accepted: a file, or a URL with its password

        self.location = QComboBox()
        self.location.setEditable(True)
        self.location.addItems(recent_databases())
        self.location.setMinimumWidth(460)
        self.location.lineEdit().setPlaceholderText(
            "postgresql+psycopg://anna@server.local/ta_team  or a .sqlite file")
        self.location.currentTextChanged.connect(self._on_location_changed)
        browse = QPushButton(self.tr("File…"))
        browse.clicked.connect(self._on_browse_clicked)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.keyring_note = QLabel()
        self.keyring_note.setObjectName("hint")
        self.keyring_note.setWordWrap(True)
        if not self.passwords.available:
            self.remember.setEnabled(False)
            self.keyring_note.setText(self.tr(
                "This computer has no system keyring: the password is not stored anywhere and "
                "is asked each time you open the database."))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()

        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Database"), where)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._on_location_changed(self.location.currentText())

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Database file"), "", self.tr("TA Desktop database (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.location.setEditText(path)

    def _on_location_changed(self, text: str) -> None:
        server = is_server(text.strip())
        self.password.setEnabled(server)
        self.remember.setEnabled(server and self.passwords.available)
        stored = self.passwords.get(text.strip()) if server else None
        self.password.setText(stored or "")
        self.remember.setChecked(bool(stored))

    def _on_buttons_accepted(self) -> None:
        text = self.location.currentText().strip()
        if not text:
            return
        try:
            shown, typed_password = without_password(text)
        except StorageError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        password = typed_password or self.password.text() or None
        if is_server(shown) and password and self.remember.isChecked():
            self.passwords.put(shown, password)
        elif is_server(shown) and not self.remember.isChecked():
            self.passwords.forget(shown)
        self.target = with_password(shown, password)
        remember_database(shown)
        self.accept()
