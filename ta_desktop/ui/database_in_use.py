"""When another app window has the database open: say who has it, and let the user read only,
open anyway or not open it. The lock itself lives in the core (``Workspace.claim``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ta_desktop.core.services.workspace import APP_NAME, Workspace
from ta_desktop.ui.messages import Messages

READ_ONLY, OPEN_ANYWAY, DO_NOT_OPEN = range(3)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseInUse", text)


def settle_database_lock(workspace: Workspace, messages: Messages,
                         parent: QWidget | None = None) -> bool:
    """Take the database for this app, or ask what to do when another app has it. False when
    the user chose not to open it."""
    holder = workspace.claim()
    if holder is None:
        return True
    choice = messages.choose(parent, APP_NAME, _tr(
        "TA Desktop is already open on {0} ({1}).\n\nOpen it read-only here, or open it anyway? "
        "Two windows changing the same orders may get in each other's way.").format(
            workspace.where, holder.describe()),
        [_tr("Open read-only"), _tr("Open anyway"), _tr("Do not open")])
    if choice == READ_ONLY:
        workspace.open_read_only(holder)
    elif choice == OPEN_ANYWAY:
        workspace.claim(force=True)
    return choice in (READ_ONLY, OPEN_ANYWAY)
