"""Edit → Undo and Redo for deletes. A page that deleted something announces it with
``ops.undoable.emit(DeleteStep(...))``; the window's ``UndoHistory`` keeps the steps, offers
Undo in the Edit menu (Ctrl+Z) and as a link in the status bar, and puts the rows back through
the service (``undo_delete``), like any other write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from ta_desktop.core.domain.changes import Outcome
from ta_desktop.ui.operations import Operations

LINK_SHOWN_MS = 30_000  # how long the status bar offers Undo after a delete


@dataclass
class DeleteStep:
    """A delete done: what it removed (the service's snapshot), how to put that back, and how
    to delete it again (Redo), which removes a fresh snapshot."""

    what: str  # "order TA-2026-0113"
    removed: Any
    put_back: Callable[[Any], Outcome]
    delete_again: Callable[[], Outcome]


class UndoHistory(QObject):
    def __init__(self, ops: Operations, window: QMainWindow):
        super().__init__(window)
        self.ops = ops
        self.window = window
        self._done: list[DeleteStep] = []
        self._undone: list[DeleteStep] = []
        self.undo_action = QAction(self.tr("&Undo"), self, shortcut=QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        # "Order TA-7 deleted. Undo" in the status bar, for a while after each delete.
        self.link = QLabel()
        self.link.setObjectName("undoLink")
        self.link.linkActivated.connect(lambda _href: self.undo())
        self.link.hide()
        self._hide_link = QTimer(self, singleShot=True, interval=LINK_SHOWN_MS)
        self._hide_link.timeout.connect(self.link.hide)
        ops.undoable.connect(self.push)
        self._update()

    def push(self, step: DeleteStep) -> None:
        self._done.append(step)
        self._undone.clear()
        self.link.setText(self.tr('{0} deleted. <a href="undo">Undo</a>').format(
            step.what[:1].upper() + step.what[1:]))
        self.link.show()
        self._hide_link.start()
        self._update()

    def undo(self) -> bool:
        if not self._done:
            return False
        step = self._done[-1]
        if not self.ops.run_op(self.window, lambda: step.put_back(step.removed)):
            return False
        self._undone.append(self._done.pop())
        self.link.hide()
        self._update()
        self.window.statusBar().showMessage(self.tr("{0} is back.").format(
            step.what[:1].upper() + step.what[1:]), 8000)
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        step = self._undone[-1]

        def deleted_again(removed) -> None:
            step.removed = removed
            self._done.append(self._undone.pop())
            self._update()

        return self.ops.run_op(self.window, step.delete_again, deleted_again)

    def _update(self) -> None:
        for action, steps, verb in ((self.undo_action, self._done, self.tr("&Undo delete {0}")),
                                    (self.redo_action, self._undone,
                                     self.tr("&Redo delete {0}"))):
            action.setEnabled(bool(steps))
            action.setText(verb.format(steps[-1].what) if steps
                           else verb.split(" ")[0])
