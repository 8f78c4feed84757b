"""File → Open database…: recent connections without their password, the password in the
system keyring when the user asks, asked each time where there is no keyring (issue 11, 1)."""

from pathlib import Path

from PySide6.QtCore import QSettings

from ta_desktop.core.services.connections import PasswordStore, needs_password, without_password
from ta_desktop.ui.team.open_database_dialog import OpenDatabaseDialog, recent_databases

URL = "postgresql+psycopg://anna@127.0.0.1:5432/ta_team"
SECRET = "s3cret-pw"


class MemoryKeyring:
    """A keyring backend in memory, as the system's would be."""

    def __init__(self):
        self.stored: dict[tuple[str, str], str] = {}

    def get_password(self, service, name):
        return self.stored.get((service, name))

    def set_password(self, service, name, password):
        self.stored[(service, name)] = password

    def delete_password(self, service, name):
        self.stored.pop((service, name), None)


def settings_text() -> str:
    QSettings().sync()
    return Path(QSettings().fileName()).read_text(encoding="utf-8")


def test_a_remembered_password_goes_to_the_keyring_never_to_the_settings(qtbot):
    keyring = MemoryKeyring()
    dialog = OpenDatabaseDialog(PasswordStore(keyring))
    qtbot.addWidget(dialog)
    dialog.location.setEditText(URL.replace("anna@", f"anna:{SECRET}@"))
    dialog.remember.setChecked(True)
    dialog._on_buttons_accepted()
    assert dialog.target == URL.replace("anna@", f"anna:{SECRET}@")
    assert recent_databases() == [URL]
    assert list(keyring.stored.values()) == [SECRET]
    assert SECRET not in settings_text()

    again = OpenDatabaseDialog(PasswordStore(keyring))  # the next time: one click
    qtbot.addWidget(again)
    assert again.location.currentText() == URL and again.password.text() == SECRET
    again._on_buttons_accepted()
    assert again.target == URL.replace("anna@", f"anna:{SECRET}@")
    assert PasswordStore(keyring).complete(URL) == again.target


def test_without_a_keyring_the_password_is_asked_each_time_and_it_says_so(qtbot):
    dialog = OpenDatabaseDialog(PasswordStore(system=False))
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "no system keyring" in dialog.keyring_note.text()
    dialog.location.setEditText(URL)
    dialog.password.setText(SECRET)
    dialog._on_buttons_accepted()
    assert dialog.target == URL.replace("anna@", f"anna:{SECRET}@")
    assert recent_databases() == [URL] and SECRET not in settings_text()
    again = OpenDatabaseDialog(PasswordStore(system=False))
    qtbot.addWidget(again)
    assert again.password.text() == ""


def test_a_file_needs_no_password(qtbot, tmp_path):
    path = str(tmp_path / "team.sqlite")
    assert without_password(path) == (path, None) and not needs_password(path)
    dialog = OpenDatabaseDialog(PasswordStore(system=False))
    qtbot.addWidget(dialog)
    dialog.location.setEditText(path)
    assert not dialog.password.isEnabled()
    dialog._on_buttons_accepted()
    assert dialog.target == path
