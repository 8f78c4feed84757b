"""Add or edit one landed cost of an order: its kind, amount and currency (or, for import
duty, a rate), whether import VAT is reclaimable, and the rate actually paid."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.landed_cost import Cost, CostKind
from ta_desktop.core.domain.types import CURRENCIES, parse_decimal
from ta_desktop.ui.widgets.form import ValidatedForm, enum_data


def optional_decimal(text: str, what: str) -> Decimal | None:
    return parse_decimal(text, what) if text.strip() else None


class CostDialog(QDialog):
    def __init__(self, cost: Cost, home: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Landed cost"))
        self.home = home
        self.cost = cost
        self.form = ValidatedForm(self)
        self.kind = QComboBox()
        for kind in CostKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(list(CostKind).index(cost.kind))
        self.amount = QLineEdit("" if cost.amount is None else f"{cost.amount.normalize():f}")
        self.currency = QComboBox()
        self.currency.addItems(CURRENCIES)
        self.currency.setCurrentText(cost.currency)
        self.rate = QLineEdit("" if cost.rate is None else f"{cost.rate.normalize():f}")
        self.rate.setPlaceholderText(self.tr("e.g. 3.5 (percent of the goods)"))
        self.reclaimable = QCheckBox(self.tr("I get this import VAT back (not counted)"))
        self.reclaimable.setChecked(cost.reclaimable)
        self.paid_rate = QLineEdit("" if cost.paid_rate is None
                                   else f"{cost.paid_rate.normalize():f}")
        self.note = QLineEdit(cost.note)
        self.form.add_field("kind", self.tr("Cost"), self.kind)
        self.form.add_field("amount", self.tr("Amount"), self.amount)
        self.form.add_field("currency", self.tr("Currency"), self.currency)
        self.form.add_field("rate", self.tr("Duty rate (%)"), self.rate)
        self.form.add_field("reclaimable", "", self.reclaimable)
        self.form.add_field("paid_rate", self.tr("Rate paid (1 unit in {0})").format(home),
                            self.paid_rate)
        self.form.add_field("note", self.tr("Note"), self.note)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self._on_kind_changed()

    def _on_kind_changed(self, *_args) -> None:
        kind = enum_data(self.kind, CostKind)
        self.rate.setEnabled(kind == CostKind.DUTY)
        self.reclaimable.setEnabled(kind == CostKind.IMPORT_VAT)

    def value(self) -> Cost:
        """The cost as typed; a ValidationError names the field that is wrong."""
        kind = enum_data(self.kind, CostKind) or CostKind.OTHER
        try:
            rate = optional_decimal(self.rate.text(), "duty rate") if kind == CostKind.DUTY \
                else None
            amount = None if rate is not None else optional_decimal(self.amount.text(),
                                                                    "amount")
            paid_rate = optional_decimal(self.paid_rate.text(), "rate paid")
        except ValidationError as error:
            raise ValidationError(str(error), field_errors={"amount": str(error)}) from None
        return Cost(kind, self.currency.currentText(), amount, rate,
                    kind == CostKind.IMPORT_VAT and self.reclaimable.isChecked(), paid_rate,
                    self.note.text().strip(), id=self.cost.id)

    def _on_ok(self) -> None:
        try:
            self.cost = self.value()
        except ValidationError as error:
            self.form.show_errors(error.field_errors or {"amount": str(error)})
            return
        self.accept()
