"""Small pieces the record dialogs share: a row of widgets in one form field, and the OK/Cancel
frame around a form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QVBoxLayout, QWidget


def row_of(first: QWidget, *rest: QWidget) -> QWidget:
    """``first`` taking the room, then ``rest`` at their size: one field of a form."""
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(first, 1)
    for widget in rest:
        box.addWidget(widget)
    return row


def ok_cancel(dialog: QDialog, form: QWidget, on_ok: Callable[[], None]) -> None:
    """Lay ``form`` out over OK and Cancel; OK calls ``on_ok`` (which accepts when valid)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(form)
    layout.addWidget(buttons)
