"""The buyer's own company block, printed on every contract summary."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.entities import BuyerDetails
from ta_desktop.core.services.buyer_settings import load_buyer, save_buyer
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.ui.operations import Operations


class BuyerDialog(QDialog):
    def __init__(self, settings: SettingsService, ops: Operations,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.ops = ops
        self.setWindowTitle(self.tr("Your company"))
        self.resize(480, 360)
        intro = QLabel(self.tr("Shown as the buyer on the contract summaries you send. "
                               "Left empty, the summary prints a line to complete."))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(80)
        self.contact = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Company name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Contact person"), self.contact)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Phone"), self.phone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        buyer = load_buyer(settings)
        self.name.setText(buyer.name)
        self.address.setPlainText(buyer.address)
        self.contact.setText(buyer.contact)
        self.email.setText(buyer.email)
        self.phone.setText(buyer.phone)

    def details(self) -> BuyerDetails:
        return BuyerDetails(name=self.name.text(), address=self.address.toPlainText(),
                            contact=self.contact.text(), email=self.email.text(),
                            phone=self.phone.text())

    def _on_buttons_accepted(self) -> None:
        if self.ops.run_op(self, lambda: save_buyer(self.settings, self.details())):
            self.ops.note(self.tr("Your company details saved."))
            self.accept()
