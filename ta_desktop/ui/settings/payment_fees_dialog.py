"""The buyer's payment fee data: a rate and a flat charge per method, and exchange rates.

Defaults come from the rule profile (PAY-CARD, PAY-METHODS); what the user changes is stored as
an override, so "Restore defaults" brings the profile's numbers back.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.domain.fees import FeeSchedule
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.domain.types import CURRENCIES, PaymentMethod, parse_decimal
from ta_desktop.core.services.buyer_settings import (
    load_fee_schedule,
    reset_fee_schedule,
    save_fee_schedule,
)
from ta_desktop.core.services.settings import SettingsService
from ta_desktop.ui import formatting as fmt
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.widgets.form import error_label, save_cancel_restore


def _number(value: Decimal) -> str:
    return fmt.number(value)


def _plain(text: str) -> str:
    """A number as typed or shown ("1,000"), without its group separators."""
    return text.strip().replace(",", "")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fixed(text: str, data=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class PaymentFeesDialog(QDialog):
    def __init__(self, settings: SettingsService, profile: RuleProfile, ops: Operations,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.ops = ops
        self.profile = profile
        self.setWindowTitle(self.tr("Payment fees"))
        self.resize(620, 640)
        intro = QLabel(self.tr(
            "What each payment method costs you: a rate of the amount and a flat charge in US "
            "dollars (your bank's or agent's). Defaults come from the rule profile "
            "(PAY-CARD, PAY-METHODS)."))
        intro.setWordWrap(True)
        self.methods = _table([self.tr("Method"), self.tr("Fee rate (%)"),
                               self.tr("Flat fee (USD)")])
        rates_intro = QLabel(self.tr(
            "Exchange rates: how many US dollars one unit buys. Limits and caps in US dollars "
            "(PAY-WIRE-CAP, FEE-SUP) are checked only for currencies with a rate here; leave a "
            "rate empty rather than guess."))
        rates_intro.setWordWrap(True)
        self.rates = _table([self.tr("Currency"), self.tr("USD for 1 unit")])
        self.error = error_label()
        buttons = save_cancel_restore(self, self._on_buttons_accepted, self._on_restore_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.methods)
        layout.addWidget(rates_intro)
        layout.addWidget(self.rates, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._fill(load_fee_schedule(settings, profile))

    def _fill(self, schedule: FeeSchedule) -> None:
        self.methods.setRowCount(len(PaymentMethod))
        for row, method in enumerate(PaymentMethod):
            fee = schedule.fee(method)
            self.methods.setItem(row, 0, _fixed(method.label, method.value))
            self.methods.setItem(row, 1, QTableWidgetItem(_number(fee.rate * 100)))
            self.methods.setItem(row, 2, QTableWidgetItem(_number(fee.flat_usd)))
        # Every method in view at once: there are few, and they are compared with each other.
        self.methods.setFixedHeight(self.methods.horizontalHeader().sizeHint().height()
                                    + self.methods.verticalHeader().length()
                                    + 2 * self.methods.frameWidth())
        others = [code for code in CURRENCIES if code != "USD"]
        self.rates.setRowCount(len(others))
        for row, code in enumerate(others):
            rate = schedule.usd_rate(code)
            self.rates.setItem(row, 0, _fixed(code, code))
            self.rates.setItem(row, 1, QTableWidgetItem("" if rate is None else _number(rate)))

    def values(self) -> dict:
        """What the tables say, in the form ``FeeSchedule.with_overrides`` reads."""
        methods = {}
        for row in range(self.methods.rowCount()):
            method = PaymentMethod(self.methods.item(row, 0).data(Qt.ItemDataRole.UserRole))
            percent = parse_decimal(self.methods.item(row, 1).text().strip().removesuffix("%")
                                    or "0",
                                    f"{method.label} fee rate")
            methods[method.value] = {"rate": percent / 100, "flat_usd": _plain(
                self.methods.item(row, 2).text()) or "0"}
        rates = {self.rates.item(row, 0).text(): _plain(self.rates.item(row, 1).text())
                 for row in range(self.rates.rowCount())}
        return {"methods": methods, "usd_rates": rates}

    def _on_buttons_accepted(self) -> None:
        if self.ops.run_op(self, self._write, on_invalid=self._on_invalid):
            self.ops.note(self.tr("Payment fees saved."))
            self.accept()

    def _write(self):
        schedule = FeeSchedule.from_profile(self.profile).with_overrides(self.values())
        return save_fee_schedule(self.settings, schedule, self.profile)

    def _on_invalid(self, error: ValidationError) -> None:
        self.error.setText(str(error))
        self.error.show()

    def _on_restore_clicked(self) -> None:
        self.ops.run_op(self, lambda: reset_fee_schedule(self.settings, self.profile),
                        self._fill)
