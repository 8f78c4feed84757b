"""A supplier added on the way: "New supplier…" in the order's supplier box opens the supplier
form in a dialog, and the order gets the supplier saved."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ta_desktop.core.domain.entities import Supplier
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.suppliers.suppliers_page import SupplierForm
from ta_desktop.ui.widgets.fitting import scrolling


class NewSupplierDialog(QDialog):
    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New supplier"))
        self.workspace = workspace
        self.ops = ops
        self.saved: Supplier | None = None
        self.form = SupplierForm(workspace, ops)
        self.form.set_supplier(Supplier(name="", trade_assurance=True))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.form), 1)
        layout.addWidget(self.buttons)
        self.resize(560, 640)
        self.form.fields["name"].setFocus()

    def save(self) -> bool:
        today = self.workspace.today()
        return self.ops.run_op(self, lambda: self.workspace.suppliers.save(
            self.form.supplier(today)), self._on_saved, on_invalid=self._on_invalid)

    def _on_saved(self, saved: Supplier) -> None:
        self.saved = saved
        self.accept()

    def _on_invalid(self, error: ValidationError) -> None:
        self.form.show_errors(error.field_errors)
