"""File → Back up now… and File → Restore from backup…, and the backup at start-up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from ta_desktop.ui.backups.restore_dialog import RestoreDialog
from tests.factories import make_supplier


@pytest.fixture
def restored(window):
    """The workspaces the window hands over after a restore."""
    received = []
    window.backup_actions.restored.connect(received.append)
    yield received
    for workspace in received:
        workspace.close()


def choose(monkeypatch, path):
    def pick(dialog):
        dialog.chosen = path
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RestoreDialog, "exec", pick)


def test_back_up_now_writes_a_checked_backup_into_the_data_folder(window, workspace, messages):
    workspace.suppliers.save(make_supplier())
    window.backup_actions.back_up_action.trigger()
    [backup] = workspace.backups.list()
    text = window.notice.text.text()
    assert text.startswith(f"Backed up and checked: {backup.path.name} (")
    assert "1 supplier(s)" in text and window.notice.written == backup.path


def test_the_start_up_backup_is_made_when_due_and_said_in_the_status_bar(window, workspace):
    window.backup_actions.back_up_if_due()
    [backup] = workspace.backups.list()
    assert backup.manifest.label == "daily"
    assert str(backup.path) in window.statusBar().currentMessage()
    window.backup_actions.back_up_if_due()  # not again the same day
    assert len(workspace.backups.list()) == 1


def test_restore_replaces_the_data_and_hands_over_a_fresh_workspace(
        window, workspace, messages, restored, monkeypatch):
    workspace.suppliers.save(make_supplier("Kept"))
    backup = workspace.backups.back_up()
    workspace.suppliers.save(make_supplier("Added after the backup"))
    choose(monkeypatch, backup.path)

    window.backup_actions.restore_action.trigger()

    [fresh] = restored
    assert [row.name for row in fresh.suppliers.rows()] == ["Kept"]
    kinds = [kind for kind, _title, _text in messages.shown]
    assert kinds == ["confirm", "info"]
    assert "backed up in" in messages.shown[-1][2]
    [safety] = [b for b in fresh.backups.list() if b.manifest.label == "before-restore"]
    assert safety.manifest.counts["suppliers"] == 2


def test_restore_asks_first_and_does_nothing_when_declined(
        window, workspace, messages, restored, monkeypatch):
    workspace.suppliers.save(make_supplier())
    backup = workspace.backups.back_up()
    workspace.suppliers.save(make_supplier("Second"))
    choose(monkeypatch, backup.path)
    messages.answer_confirm = False
    window.backup_actions.restore_action.trigger()
    assert restored == [] and workspace.suppliers.count() == 2


def test_a_damaged_backup_is_refused_in_one_message_and_the_data_stays(
        window, workspace, messages, restored, monkeypatch, tmp_path):
    workspace.suppliers.save(make_supplier())
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not a backup")
    choose(monkeypatch, bad)
    window.backup_actions.restore_action.trigger()
    assert restored == []
    kind, _title, text = messages.shown[-1]
    assert kind == "error" and "cannot be used" in text
    assert workspace.suppliers.count() == 1  # the workspace carries on with the same file


def test_the_restore_dialog_lists_backups_with_date_size_and_counts(qtbot, workspace):
    workspace.suppliers.save(make_supplier())
    good = workspace.backups.back_up()
    damaged = workspace.backups.folder / "ta-desktop-backup-20200101-000000-000-manual.zip"
    damaged.write_bytes(b"not a zip")
    dialog = RestoreDialog(workspace.backups.list(), workspace.backups.folder)
    qtbot.addWidget(dialog)
    cells = [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
             for r in range(dialog.table.rowCount())]
    assert cells[0][1:] == ["manual", cells[0][2], "0", "1", "0", "0"]
    assert cells[0][0] == good.created.strftime("%Y-%m-%d %H:%M:%S")
    assert cells[1][:2] == ["2020-01-01 00:00:00", "damaged"]
    assert dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    dialog.restore_button.click()
    assert dialog.chosen == good.path
