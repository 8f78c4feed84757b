"""The one way the UI changes anything: ``ops.run_op(parent, fn, on_done)``.

``run_op`` runs a service write on the GUI thread (or, with ``slow=True``, on the task runner's
worker), shows an error the user can act on in one dialog, and broadcasts what the write changed
through ``changed``; each screen decides from those ``Changes`` whether to refresh. A save of
something another window saved meanwhile (``ConflictError``) leaves the screen as typed and
offers to reload it, when the screen says how (``on_reload``). The main
window owns one ``Operations`` and hands it to its pages: there is no global.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ta_desktop.core.domain.changes import NO_CHANGES, Changes, Outcome
from ta_desktop.core.domain.errors import ConflictError, TADesktopError, ValidationError
from ta_desktop.core.services.locations import APP_NAME
from ta_desktop.ui.messages import Messages
from ta_desktop.ui.tasks import TaskRunner

# What the user can act on: our own errors, and a file or folder they chose that cannot be
# written. Anything else is a bug, left to the excepthook (logged, shown as a bug).
USER_ERRORS = (TADesktopError, OSError)


class Operations(QObject):
    changed = Signal(object)  # the Changes of a write that succeeded and changed something
    # A sentence for the status bar after a save or an export, and the file written (or None):
    # the main window shows it with "Open folder".
    noted = Signal(str, object)
    undoable = Signal(object)  # a delete done, which Edit → Undo can take back (ui/undo.py)

    def __init__(self, messages: Messages, tasks: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.messages = messages
        self.tasks = tasks

    def run_op(
        self,
        parent: QWidget | None,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        slow: bool = False,
        on_invalid: Callable[[ValidationError], None] | None = None,
        on_reload: Callable[[], None] | None = None,
        theirs: Callable[[], str] | None = None,
    ) -> bool:
        """Run ``fn``; hand its value (an ``Outcome``'s value) to ``on_done``, then broadcast its
        changes. A form passes ``on_invalid`` to show a ``ValidationError`` under its fields
        instead of in the dialog, and ``on_reload`` to show the stored record again when the
        user, told of a ``ConflictError``, chooses to reload it; ``theirs`` says in words what
        the colleague changed, shown with it. False when it failed on the spot; with ``slow`` it
        runs later."""
        if slow:
            self.tasks.run(fn, lambda result: self._finish(result, on_done),
                           lambda error: self.show_error(parent, error, on_invalid, on_reload,
                                                         theirs))
            return True
        try:
            result = fn()
        except USER_ERRORS as error:
            self.show_error(parent, error, on_invalid, on_reload, theirs)
            return False
        self._finish(result, on_done)
        return True

    def show_error(self, parent: QWidget | None, error: Exception,
                   on_invalid: Callable[[ValidationError], None] | None = None,
                   on_reload: Callable[[], None] | None = None,
                   theirs: Callable[[], str] | None = None) -> None:
        """The one place a user error is shown: its own sentence, in one dialog. What the user
        typed stays on screen; after a conflict they may choose to reload instead."""
        if not isinstance(error, USER_ERRORS):
            raise error
        if on_invalid is not None and isinstance(error, ValidationError):
            on_invalid(error)
            return
        if on_reload is not None and isinstance(error, ConflictError):
            if self.messages.reload_or_keep(parent, APP_NAME, str(error),
                                            _their_change(theirs)):
                on_reload()
            return
        self.messages.error(parent, APP_NAME, str(error))

    def note(self, text: str, written: Path | None = None) -> None:
        """Say what just happened (saved, exported) in the status bar; ``written`` is the file
        or folder written, which the user can open the folder of."""
        self.noted.emit(text, written)

    def _finish(self, result: Any, on_done: Callable[[Any], None] | None) -> None:
        value, changes = ((result.value, result.changes) if isinstance(result, Outcome)
                          else (result, NO_CHANGES))
        if on_done is not None:
            on_done(value)
        self._broadcast(changes)

    def _broadcast(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)



def _their_change(theirs: Callable[[], str] | None) -> str:
    """What the colleague changed, read now; nothing when it cannot be read (deleted...)."""
    try:
        return theirs() if theirs is not None else ""
    except TADesktopError:
        return ""
