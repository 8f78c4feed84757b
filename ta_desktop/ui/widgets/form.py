"""Forms that show each validation message right under its field and know when they changed."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

E = TypeVar("E", bound=Enum)


def error_label(parent: QWidget | None = None) -> QLabel:
    """A hidden, wrapping label in the theme's error style, for a message next to a field."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def enum_data(combo: QComboBox, kind: type[E]) -> E | None:
    """The enum behind a combo box's current item (Qt hands string enums back as plain str)."""
    data = combo.currentData()
    return None if data in (None, "") else kind(data)


class ValidatedForm(QWidget):
    """A QFormLayout whose rows each have an error label; emits ``edited`` on any change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._loading = False

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        cell = QWidget(self)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        error = error_label(cell)
        box.addWidget(error)
        self.layout_.addRow(label, cell)
        self.fields[name] = widget
        self.errors[name] = error
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        changed = {
            QLineEdit: "textEdited",
            QPlainTextEdit: "textChanged",
            QComboBox: "currentIndexChanged",
            QSpinBox: "valueChanged",
            QAbstractButton: "toggled",
        }
        for kind, signal in changed.items():
            if isinstance(widget, kind):
                getattr(widget, signal).connect(self._on_field_changed)
                return

    def _on_field_changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def loading(self) -> _Loading:
        """``with form.loading():`` fills fields without counting as an edit."""
        return _Loading(self)

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            message = errors.get(name, "")
            label.setText(message)
            label.setVisible(bool(message))

    def clear_errors(self) -> None:
        self.show_errors({})

    def error_text(self, name: str) -> str:
        return self.errors[name].text() if self.errors[name].isVisibleTo(self) else ""


class _Loading:
    def __init__(self, form: ValidatedForm):
        self.form = form

    def __enter__(self) -> None:
        self.form._loading = True

    def __exit__(self, *_exc) -> None:
        self.form._loading = False


class EditorGuard:
    """Mixin for a page that edits one record: a dirty flag that drives its Save and Revert
    buttons, and a question before unsaved changes are lost.

    The page provides ``messages``, ``save_button``, ``revert_button``, ``save() -> bool``,
    ``record_name`` (e.g. "order") and ``has_saved_record()``.
    """

    _dirty = False

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty and self.has_saved_record())

    def _on_form_edited(self) -> None:
        self._set_dirty(True)

    def can_leave(self) -> bool:
        """True when it is safe to move on: nothing unsaved, or saved, or discarded on purpose."""
        if not self._dirty:
            return True
        if self.messages.settle_unsaved(self, self.record_name, self.save):
            self._set_dirty(False)
            return True
        return False


def save_cancel_restore(dialog, on_save, on_restore) -> QDialogButtonBox:
    """The buttons of a settings dialog: Save, Cancel and Restore defaults."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.RestoreDefaults)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(on_restore)
    return buttons
