"""File → Back up now… and File → Restore from backup…, and the backup at start-up.

A restore replaces the database file under the open workspace, so it ends with the workspace
opened afresh: ``restored`` carries the new one, and the composition root gives it a new main
window (every page holds the workspace it was built with).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ta_desktop.core.domain.backups import Manifest
from ta_desktop.core.domain.evidence import megabytes
from ta_desktop.core.services.backup import BackupInfo, RestoreResult
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.backups.restore_dialog import RestoreDialog
from ta_desktop.ui.operations import Operations


class BackupActions(QObject):
    restored = Signal(object)  # the Workspace opened afresh on the restored database
    noted = Signal(str)  # a line for the status bar

    def __init__(self, workspace: Workspace, ops: Operations, window: QWidget,
                 can_leave: Callable[[], bool]):
        super().__init__(window)
        self.workspace = workspace
        self.ops = ops
        self.window = window
        self.can_leave = can_leave
        self.back_up_action = QAction(self.tr("&Back up now…"), window)
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("&Restore from backup…"), window)
        self.restore_action.triggered.connect(self.restore_from_backup)
        if workspace.db.path is None:
            for action in (self.back_up_action, self.restore_action):
                action.setEnabled(False)
                action.setToolTip(self.tr("Backups are made of database files; this database "
                                          "is on a server."))

    def actions(self) -> list[QAction]:
        return [self.back_up_action, self.restore_action]

    def _counts(self, manifest: Manifest) -> str:
        counts = manifest.counts
        return self.tr("{0} order(s), {1} supplier(s), {2} dispute(s), {3} evidence file(s)") \
            .format(counts["orders"], counts["suppliers"], counts["disputes"],
                    counts["evidence"])

    # --- backing up ---------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.ops.run_op(self.window, self.workspace.backups.back_up, self._on_backed_up,
                        slow=True)

    def _on_backed_up(self, info: BackupInfo) -> None:
        text = self.tr("Your data is backed up and checked:\n{0}\n\n{1} — {2}.").format(
            info.path, megabytes(info.size), self._counts(info.manifest))
        lacking = info.manifest.missing_evidence + info.manifest.damaged_evidence
        self.ops.note(self.tr("Backed up and checked: {0} ({1}, {2}).").format(
            info.path.name, megabytes(info.size), self._counts(info.manifest)), info.path)
        if lacking:
            text += "\n\n" + self.tr("{0} evidence file(s) were missing or damaged in the "
                                     "store and could not be backed up.").format(len(lacking))
            self.ops.messages.info(self.window, self.tr("Back up now"), text)

    def back_up_if_due(self) -> None:
        """The start-up backup, off the GUI thread, when the newest is old enough."""
        if self.workspace.db.path is not None:
            self.ops.run_op(self.window, self.workspace.backups.back_up_if_due,
                            self._on_backed_up_at_start, slow=True)

    def _on_backed_up_at_start(self, info: BackupInfo | None) -> None:
        if info is not None:
            self.noted.emit(self.tr("Backed up to {0}").format(info.path))

    # --- restoring ----------------------------------------------------------------------------
    def restore_from_backup(self) -> None:
        if not self.can_leave():
            return
        dialog = RestoreDialog(self.workspace.backups.list(), self.workspace.backups.folder,
                               self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        if not self.ops.messages.confirm(self.window, self.tr("Restore from backup"), self.tr(
                "Replace everything in {0} with the backup {1}? What the database holds now "
                "is backed up first.").format(self.workspace.db.path, dialog.chosen.name)):
            return
        # On the GUI thread, the window waiting: nothing may use the database meanwhile.
        # If it fails, nothing was replaced: the workspace reconnects to the same file.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.ops.run_op(self.window, lambda: self.workspace.backups.restore(dialog.chosen),
                            self._on_restored)
        finally:
            QApplication.restoreOverrideCursor()

    def _on_restored(self, result: RestoreResult) -> None:
        text = self.tr("Restored the backup made {0}: {1}.").format(
            result.manifest.created_at, self._counts(result.manifest))
        if result.safety_copy:
            text += "\n\n" + self.tr("What the database held before is backed up in\n{0}") \
                .format(result.safety_copy)
        if result.evidence_lacking:
            text += "\n\n" + self.tr("{0} evidence file(s) named by the backup were not in "
                                     "it.").format(len(result.evidence_lacking))
        self.ops.messages.info(self.window, self.tr("Restore from backup"), text)
        self.ops.run_op(self.window, self.workspace.reopen, self.restored.emit)
