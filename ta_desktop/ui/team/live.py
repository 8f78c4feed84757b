"""Live lists: what colleagues commit on the team's server reaches this window's screens.

The database's change feed (PostgreSQL LISTEN/NOTIFY) is watched with a QSocketNotifier on its
connection's socket: Qt wakes us when a notification arrives, nothing polls. Each colleague's
``Changes`` (carrying their name in ``by``) goes out through the same ``ops.changed`` hub as
this window's own writes, so every list refreshes itself and an open order with unsaved edits
shows "changed by X — Reload" instead of reloading over what the user types.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier

from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations

log = logging.getLogger(__name__)


class LiveChanges(QObject):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QObject | None = None):
        super().__init__(parent)
        self.ops = ops
        self.feed = workspace.change_feed()
        self._notifier: QSocketNotifier | None = None
        if self.feed is not None:
            self._notifier = QSocketNotifier(self.feed.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_notifier_activated)

    @property
    def active(self) -> bool:
        return self._notifier is not None

    def _on_notifier_activated(self) -> None:
        try:
            heard = self.feed.poll()
        except Exception as error:  # the server went away: stop listening, keep working
            log.warning("live changes stopped: %s", error)
            self.close()
            return
        for changes in heard:
            self.ops.changed.emit(changes)

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self.feed is not None:
            self.feed.close()
            self.feed = None
